package incq_test

import (
	"context"
	"slices"
	"testing"

	"github.com/incq/incq"
	"github.com/incq/incq/dataset"
)

// A result column read straight from a DATE column of a table is typed
// DATE, from the cache as from memory; other text, expressions and a
// statement after another keep SQLite's own types.
func TestQueryDateColumns(t *testing.T) {
	for _, cache := range []string{"", t.TempDir()} {
		db, err := incq.Open(context.Background(), incq.Options{Dataset: dataset.FS(), CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			sql  string
			want []string
		}{
			{"SELECT i.date, i.summary, date(i.date) AS d, c.date AS cf FROM incidents i, ceasefires c LIMIT 1", []string{"DATE", "TEXT", "", "DATE"}},
			{"SELECT 1; SELECT date FROM incidents", []string{"TEXT"}},
		} {
			rows, err := db.Query(context.Background(), tt.sql)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range rows.Columns() {
				got = append(got, c.Type)
			}
			rows.Close()
			if !slices.Equal(got, tt.want) {
				t.Errorf("cache %q: %s: got types %q, want %q", cache, tt.sql, got, tt.want)
			}
		}
		db.Close()
	}
}
