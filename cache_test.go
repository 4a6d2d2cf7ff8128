package incq_test

import (
	"context"
	"testing"

	"github.com/incq/incq"
)

// Loading is called when Open loads the dataset, and not when it opens
// the copy a previous Open cached.
func TestLoadingCalledOnlyOnLoad(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for i, want := range []int{1, 0} {
		calls := 0
		db, err := incq.Open(ctx, incq.Options{CacheDir: dir, Loading: func() { calls++ }})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		if calls != want {
			t.Errorf("Open #%d: Loading called %d times, want %d", i+1, calls, want)
		}
	}
}
