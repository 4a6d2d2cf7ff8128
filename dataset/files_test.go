//go:build unix

package dataset_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/incq/incq"
	"github.com/incq/incq/dataset"
)

// copyDataset writes the embedded dataset into a new directory.
func copyDataset(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "d")
	if err := os.CopyFS(dir, dataset.FS()); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// openDir loads the dataset in dir (named "d" in messages) and returns
// its errors, one string each.
func openDir(tb testing.TB, dir string) []string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return loadErrorsCtx(tb, ctx, os.DirFS(dir), dataset.LoadOptions{})
}

// A dataset file that cannot be read is an error naming it, never a
// smaller dataset, and nothing in a dataset directory makes a load wait
// or read for ever.
func TestLoadRefusesUnreadableFiles(t *testing.T) {
	const file = "claim_weapons.csv"
	tests := []struct {
		name   string
		asRoot bool // whether the case holds for root, whom permissions do not stop
		setup  func(t *testing.T, dir, path string)
		want   string
	}{
		{"named pipe", true, func(t *testing.T, _, p string) {
			os.Remove(p)
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip("no named pipes here:", err)
			}
		}, "d/claim_weapons.csv: is a named pipe, not a regular file"},
		{"dangling link", true, func(t *testing.T, dir, p string) {
			os.Remove(p)
			if err := os.Symlink(filepath.Join(dir, "nowhere.csv"), p); err != nil {
				t.Fatal(err)
			}
		}, "d/claim_weapons.csv: is a symbolic link to a missing file"},
		{"link to /dev/zero", true, func(t *testing.T, _, p string) {
			if _, err := os.Stat("/dev/zero"); err != nil {
				t.Skip("no /dev/zero")
			}
			os.Remove(p)
			if err := os.Symlink("/dev/zero", p); err != nil {
				t.Fatal(err)
			}
		}, "d/claim_weapons.csv: is a link to a device, not a regular file"},
		{"directory", true, func(t *testing.T, _, p string) {
			os.Remove(p)
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}, "d/claim_weapons.csv: is a directory, not a CSV file"},
		{"larger than the limit", true, func(t *testing.T, _, p string) {
			// Sparse: nothing is written.
			if err := os.Truncate(p, dataset.MaxFileSize+1); err != nil {
				t.Skip("no sparse files here:", err)
			}
		}, "d/claim_weapons.csv: is larger than 4 GiB, the most incq reads from one file"},
		{"file without read permission", false, func(t *testing.T, _, p string) {
			if err := os.Chmod(p, 0o200); err != nil {
				t.Fatal(err)
			}
		}, "d/claim_weapons.csv: cannot read: permission denied"},
		{"directory that cannot be listed", false, func(t *testing.T, dir, _ string) {
			if err := os.Chmod(dir, 0o311); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(dir, 0o755) })
		}, "d: cannot list the directory: permission denied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.asRoot && os.Geteuid() == 0 {
				t.Skip("runs as root, whom permission bits do not stop")
			}
			dir := copyDataset(t)
			tt.setup(t, dir, filepath.Join(dir, file))
			got := openDir(t, dir)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got %q, want [%q]", got, tt.want)
			}
		})
	}
}

// Two datasets that cannot be listed never share a cache entry: the key
// is never computed from the schema alone.
func TestUnlistableDatasetIsNotCached(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("runs as root, whom permission bits do not stop")
	}
	cache := t.TempDir()
	dir := copyDataset(t)
	if err := os.Chmod(dir, 0o311); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	_, err := incq.Open(context.Background(), incq.Options{Dataset: os.DirFS(dir), DatasetName: "d", CacheDir: cache})
	if got, want := errText(err), "d: cannot list the directory: permission denied"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	entries, _ := os.ReadDir(cache)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".db") {
			t.Errorf("cache holds %s", e.Name())
		}
	}
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

var _ fs.FS = os.DirFS(".")
