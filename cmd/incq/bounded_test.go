package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"
	"time"
)

// endless is standard input that never ends, or only after far more than
// incq reads, so that a reader without a limit fails the test rather than
// hanging it.
type endless struct{ left int64 }

func (r *endless) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), r.left)
	for i := range p[:n] {
		p[i] = ' '
	}
	r.left -= n
	return int(n), nil
}

// SQL from an endless standard input stops at the limit.
func TestSQLStdinIsBounded(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	code := run(context.Background(), testSettings(t, "INCQ_CACHE_DIR=off"), []string{"incq", "sql"}, &endless{left: 1 << 30}, &out, &errb)
	want := "incq: standard input: more than 16 MiB of SQL; incq reads at most 16 MiB\n"
	if code != 1 || errb.String() != want {
		t.Errorf("got %d %q, want 1 %q", code, errb.String(), want)
	}
}

// Ctrl-C while incq waits for SQL on standard input ends the run at once,
// with status 130.
func TestSQLStdinInterrupted(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close() // lets a reader that ignored the interrupt return
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		var out, errb bytes.Buffer
		code := run(ctx, testSettings(t, "INCQ_CACHE_DIR=off"), []string{"incq", "sql"}, r, &out, &errb)
		done <- result{code, errb.String()}
	}()
	select {
	case res := <-done:
		if res.code != 130 || res.stderr != "incq: interrupted\n" {
			t.Errorf("got %d %q, want 130 %q", res.code, res.stderr, "incq: interrupted\n")
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %v after the interrupt at 100ms, want under a second", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("still reading standard input 5s after the interrupt")
	}
}
