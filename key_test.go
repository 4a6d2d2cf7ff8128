package incq_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/incq/incq"
	"github.com/incq/incq/incqtest"
)

// Key names the data: the same in memory and from the cache, and another
// for an edited dataset.
func TestKey(t *testing.T) {
	ctx := context.Background()
	open := func(opts incq.Options) string {
		t.Helper()
		db, err := incq.Open(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if len(db.ShortKey()) != 12 {
			t.Errorf("ShortKey %q: want 12 characters", db.ShortKey())
		}
		return db.Key()
	}
	dir := t.TempDir()
	mem, built, cached := open(incq.Options{}), open(incq.Options{CacheDir: dir}), open(incq.Options{CacheDir: dir})
	if mem == "" || mem != built || built != cached {
		t.Errorf("keys in memory, built and cached: %q, %q, %q; want one non-empty key", mem, built, cached)
	}

	edited := incqtest.Dataset(t)
	sides := edited["sides.csv"]
	sides.Data = bytes.Replace(sides.Data, []byte("the Russian Federation"), []byte("Russia"), 1)
	if got := open(incq.Options{Dataset: edited}); got == mem {
		t.Errorf("an edited dataset has the embedded one's key %q", got)
	}
}
