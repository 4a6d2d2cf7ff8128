package incq_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/incq/incq/incqtest"
	"github.com/incq/incq/ingest"
	"github.com/incq/incq/ingest/ucdp"
	"github.com/incq/incq/internal/heavy"
	"github.com/incq/incq/queries"
	"github.com/incq/incq/render"
)

// counted_figures is worked out once, when the dataset loads: every named
// query answers as it does on the view itself, which a database exported
// for other tools (export --db) gets back. Checked on the embedded dataset
// and on imported UCDP events: 40 of them, or with INCQ_HEAVY=1 3,194.
func TestCountedFiguresWorkedOutOnce(t *testing.T) {
	events := "ged231_sample_uncertainUCDP.csv"
	if heavy.Enabled() {
		events = "ged191.zip"
	}
	imported, _ := importTo(t, ucdp.Format, []string{sample(events)}, ingest.Options{}, false)
	params := map[string]map[string]string{"at-place": {"place": "Sotk"}}
	for _, name := range []string{"embedded", "imported"} {
		t.Run(name, func(t *testing.T) {
			db := incqtest.Open(t, nil)
			if name == "imported" {
				db = incqtest.Open(t, os.DirFS(imported))
			}
			file := filepath.Join(t.TempDir(), "x.db")
			if err := db.ExportDB(context.Background(), file, false); err != nil {
				t.Fatal(err)
			}
			plain, err := sql.Open("sqlite", "file:"+file+"?mode=ro")
			if err != nil {
				t.Fatal(err)
			}
			defer plain.Close()
			var ddl string
			if err := plain.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'counted_figures'`).Scan(&ddl); err != nil || len(ddl) < 200 {
				t.Fatalf("the exported view: %q, %v", ddl, err)
			}
			cat, err := queries.Catalog(queries.FS(), "queries")
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range cat {
				args, err := q.Bind(params[q.Name])
				if err != nil {
					t.Fatalf("%s: %v", q.Name, err)
				}
				got := incqtest.Rows(t, db, q.SQL, queries.NamedArgs(args)...)
				rows, err := plain.Query(q.SQL, queries.NamedArgs(args)...)
				if err != nil {
					t.Fatalf("%s on the view: %v", q.Name, err)
				}
				cols, _ := rows.Columns()
				var want [][]string
				for rows.Next() {
					vals := make([]any, len(cols))
					ptrs := make([]any, len(cols))
					for i := range vals {
						ptrs[i] = &vals[i]
					}
					rows.Scan(ptrs...)
					row := make([]string, len(cols))
					for i, v := range vals {
						row[i] = render.Text(v)
					}
					want = append(want, row)
				}
				rows.Close()
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %d rows differ from the view's %d", q.Name, len(got), len(want))
				}
			}
		})
	}
}
