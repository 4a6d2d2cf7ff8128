package incq_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/incq/incq/incqtest"
	"github.com/incq/incq/queries"
)

// TestDeclaredColumnsExist: every column a named query's column lines
// type is a column of its result, so a typo in a header cannot go unseen.
func TestDeclaredColumnsExist(t *testing.T) {
	db := incqtest.Open(t, nil)
	cat, err := queries.Catalog(queries.FS(), "queries")
	if err != nil {
		t.Fatal(err)
	}
	export, err := queries.InternalDir("export")
	if err != nil {
		t.Fatal(err)
	}
	serve, err := queries.InternalDir("serve")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range append(append(cat, export...), serve...) {
		var args []any
		for _, p := range q.Params {
			var v any = p.Default
			if p.Null || p.Required {
				v = nil
			}
			args = append(args, sql.Named(p.Name, v))
		}
		rows, err := db.Query(context.Background(), q.SQL, args...)
		if err != nil {
			t.Errorf("%s: %v", q.Name, err)
			continue
		}
		have := map[string]bool{}
		for _, c := range rows.Columns() {
			have[c.Name] = true
		}
		rows.Close()
		for name := range q.Columns {
			if !have[name] {
				t.Errorf("%s: column line types %q, which the result does not have", q.Name, name)
			}
		}
	}
}
