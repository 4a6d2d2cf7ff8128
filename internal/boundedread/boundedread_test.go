package boundedread

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func wantErr(tb testing.TB, err error, want string) {
	tb.Helper()
	if err == nil || err.Error() != want {
		tb.Fatalf("got error %v\nwant %s", err, want)
	}
}

func TestDevZero(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	data, err := ReadFile(context.Background(), "/dev/zero", MaxSQL)
	wantErr(t, err, "/dev/zero: more than 16 MiB of SQL; incq reads at most 16 MiB")
	if data != nil {
		t.Errorf("got %d bytes with the error", len(data))
	}
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != MaxSQL {
		t.Errorf("got %#v, want a *LimitError", err)
	}
}

func TestReadAllLimit(t *testing.T) {
	tests := []struct {
		limit int64
		input string
		want  string
	}{
		{4, "abcd", ""},
		{4, "abcde", "standard input: more than 4 bytes of SQL; incq reads at most 4 bytes"},
		{1, "ab", "standard input: more than 1 byte of SQL; incq reads at most 1 byte"},
		{2048, strings.Repeat("x", 2049), "standard input: more than 2 KiB of SQL; incq reads at most 2 KiB"},
		{MaxSQL, strings.Repeat("x", MaxSQL), ""},
		{MaxSQL, strings.Repeat("x", MaxSQL+1), "standard input: more than 16 MiB of SQL; incq reads at most 16 MiB"},
		{10, "", ""},
	}
	for _, tt := range tests {
		data, err := ReadAll(context.Background(), strings.NewReader(tt.input), tt.limit, "standard input")
		if tt.want != "" {
			wantErr(t, err, tt.want)
			continue
		}
		if err != nil || string(data) != tt.input {
			t.Errorf("limit %d, %d bytes: got %d bytes, %v", tt.limit, len(tt.input), len(data), err)
		}
	}
}

type failing struct{}

func (failing) Read([]byte) (int, error) {
	return 0, &os.PathError{Op: "read", Path: "/dev/stdin", Err: syscall.EIO}
}

func TestReadError(t *testing.T) {
	_, err := ReadAll(context.Background(), io.MultiReader(strings.NewReader("SELECT"), failing{}), MaxSQL, "standard input")
	wantErr(t, err, "read standard input: input/output error")
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "q.sql")
	sql := strings.Repeat("SELECT 1;\n", 10000)
	os.WriteFile(path, []byte(sql), 0o644)
	data, err := ReadFile(context.Background(), path, MaxSQL)
	if err != nil || string(data) != sql {
		t.Fatalf("got %d bytes, %v; want %d", len(data), err, len(sql))
	}
	_, err = ReadFile(context.Background(), path, 1000)
	wantErr(t, err, path+": more than 1000 bytes of SQL; incq reads at most 1000 bytes")
	_, err = ReadFile(context.Background(), dir, MaxSQL)
	wantErr(t, err, "read "+dir+": is a directory")
	_, err = ReadFile(context.Background(), filepath.Join(dir, "none.sql"), MaxSQL)
	wantErr(t, err, "stat "+filepath.Join(dir, "none.sql")+": no such file or directory")
}

// within fails tb unless f returns context.DeadlineExceeded within d of
// a context that ends after 50ms.
func within(tb testing.TB, d time.Duration, f func(ctx context.Context) ([]byte, error)) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := f(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		tb.Fatalf("got %v, want %v", err, context.DeadlineExceeded)
	}
	if took := time.Since(start); took > d {
		tb.Errorf("took %v, want at most %v", took, d)
	}
}

func TestPipeNeverWrites(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	defer r.Close()
	within(t, 200*time.Millisecond, func(ctx context.Context) ([]byte, error) {
		return ReadAll(ctx, r, MaxSQL, "standard input")
	})
}

// A reader with no deadline to set still lets ReadAll return in time.
func TestBlockedReader(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	within(t, 200*time.Millisecond, func(ctx context.Context) ([]byte, error) {
		return ReadAll(ctx, r, MaxSQL, "standard input")
	})
}

func TestCancelledBefore(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadAll(ctx, strings.NewReader("x"), 10, "standard input"); !errors.Is(err, context.Canceled) {
		t.Errorf("ReadAll: got %v", err)
	}
	if _, err := ReadFile(ctx, "/dev/zero", 10); !errors.Is(err, context.Canceled) {
		t.Errorf("ReadFile: got %v", err)
	}
}
