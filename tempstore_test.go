package incq_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// openTempFiles lists the files SQLite created for its own use (sorts,
// temporary tables) that this process holds open: SQLite unlinks them at
// once (or makes them with O_TMPFILE), so only /proc shows them, as
// deleted.
func openTempFiles(tb testing.TB) []string {
	tb.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		tb.Skip("no /proc/self/fd:", err)
	}
	var out []string
	for _, fd := range fds {
		if target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name())); err == nil && strings.HasSuffix(target, " (deleted)") {
			out = append(out, target)
		}
	}
	return out
}

// A sort larger than SQLite's cache stays in memory: ad-hoc SQL writes no
// temporary file to disk (/var/tmp, $TMPDIR), whatever it asks.
func TestAdHocSQLWritesNoTemporaryFiles(t *testing.T) {
	for _, cache := range []string{"", t.TempDir()} {
		db := openEmbeddedIn(t, cache)
		rows, err := db.Query(context.Background(), `WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 20000)
			SELECT n, i.summary FROM r, incidents AS i ORDER BY i.summary DESC, n`)
		if err != nil {
			t.Fatal(err)
		}
		if !rows.Next() {
			t.Fatal(rows.Err())
		}
		// The sort is done and its files, if any, still open.
		if got := openTempFiles(t); len(got) > 0 {
			t.Errorf("cache %q: SQLite holds temporary files %q, want none", cache, got)
		}
		rows.Close()
	}
}
