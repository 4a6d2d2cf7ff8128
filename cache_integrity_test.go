package incq_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/incq/incq"
	"github.com/incq/incq/incqtest"
)

// editedFS is the embedded dataset with casualties.csv as given.
func editedFS(tb testing.TB, casualties string) fstest.MapFS {
	tb.Helper()
	m := incqtest.Dataset(tb)
	if casualties != "" {
		m["casualties.csv"] = &fstest.MapFile{Data: []byte(casualties)}
	}
	return m
}

const oneCasualty = "figure_id,claim_id,side,status,category,count,qualifier,paragraph,restated_in,note,party_id\nF01,C001,armenia,wounded,military,10,exact,1,,,\n"

// flipFS serves one casualties.csv to its first reader and another to
// every later one: a file edited while incq hashes and loads it.
type flipFS struct {
	fstest.MapFS
	mu     sync.Mutex
	opened bool
}

func (f *flipFS) Open(name string) (fs.File, error) {
	if name == "casualties.csv" {
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.opened {
			return fstest.MapFS{name: {Data: []byte(oneCasualty)}}.Open(name)
		}
		f.opened = true
	}
	return f.MapFS.Open(name)
}

func rowsOf(tb testing.TB, db *incq.DB) string {
	tb.Helper()
	got, err := db.Strings(context.Background(), `SELECT count(*) FROM casualties`)
	if err != nil {
		tb.Fatal(err)
	}
	return strings.Join(got, ",")
}

// A file edited while it loads never puts its new content in the cache
// under its old content's key: a build is stored under the key of the
// bytes it loaded.
func TestCacheStoresWhatWasLoaded(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	original := editedFS(t, "")
	var notices []string
	db, err := incq.Open(ctx, incq.Options{Dataset: &flipFS{MapFS: original}, DatasetName: "d", CacheDir: dir,
		Notice: func(msg string) { notices = append(notices, msg) }})
	if err != nil {
		t.Fatal(err)
	}
	if got := rowsOf(t, db); got != "1" {
		t.Errorf("the run that loaded the edit: got %s rows, want 1", got)
	}
	db.Close()
	want := []string{"d/casualties.csv changed while it loaded; the answers are from the files as they were read"}
	if strings.Join(notices, "\n") != strings.Join(want, "\n") {
		t.Errorf("notices: got %q, want %q", notices, want)
	}
	full := rowsOf(t, openEmbeddedIn(t, ""))
	for _, tt := range []struct {
		name  string
		fsys  fs.FS
		loads int
		rows  string
	}{
		{"the original", original, 1, full},
		{"the edit", editedFS(t, oneCasualty), 0, "1"},
	} {
		loads := 0
		db, err := incq.Open(ctx, incq.Options{Dataset: tt.fsys, DatasetName: "d", CacheDir: dir, Loading: func() { loads++ }})
		if err != nil {
			t.Fatal(err)
		}
		if got := rowsOf(t, db); got != tt.rows {
			t.Errorf("%s: got %s rows, want %s", tt.name, got, tt.rows)
		}
		db.Close()
		if loads != tt.loads {
			t.Errorf("%s: loaded %d times, want %d", tt.name, loads, tt.loads)
		}
	}
}

func openEmbeddedIn(tb testing.TB, cache string) *incq.DB {
	tb.Helper()
	db, err := incq.Open(context.Background(), incq.Options{CacheDir: cache})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// A build first removes the temporary files that runs killed outright
// left in the cache directory, and leaves none of its own.
func TestCacheCleansStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "0123.db.incq-2147483646-1.tmp") // a process that is not running
	if err := os.WriteFile(stale, []byte("half a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	openEmbeddedIn(t, dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != 2 || !strings.HasSuffix(got[0], ".db") || got[1] != got[0]+".seal" {
		t.Errorf("cache directory holds %q, want a database and its seal", got)
	}
}

// The check of a cached database on the path every run takes.
func BenchmarkCacheOpen(b *testing.B) {
	dir := b.TempDir()
	openEmbeddedIn(b, dir)
	for b.Loop() {
		db, err := incq.Open(context.Background(), incq.Options{CacheDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
