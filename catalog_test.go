package incq_test

import (
	"context"
	"testing"

	"github.com/incq/incq"
	"github.com/incq/incq/queries"
)

// Every query incq ships, named or its own (show's sections, search),
// parses and runs against the embedded dataset.
func TestEveryQueryRuns(t *testing.T) {
	cat, err := queries.Catalog(queries.FS(), "queries")
	if err != nil {
		t.Fatal(err)
	}
	dossiers, err := queries.Dossiers()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dossiers {
		cat = append(cat, d.Resolve, d.Known)
		for _, s := range d.Sections {
			cat = append(cat, s.Query)
		}
	}
	for _, dir := range []string{"export", "plot"} {
		own, err := queries.InternalDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		cat = append(cat, own...)
	}
	db, err := incq.Open(context.Background(), incq.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range cat {
		t.Run(q.File, func(t *testing.T) {
			values := map[string]string{}
			for _, p := range q.Params {
				if p.Required {
					values[p.Name] = sampleValue(p)
				}
			}
			args, err := q.Bind(values)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := db.Query(context.Background(), q.SQL, queries.NamedArgs(args)...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func sampleValue(p queries.Param) string {
	switch p.Type {
	case queries.Date:
		return "2022-09-21"
	case queries.Integer, queries.Real:
		return "1"
	}
	return "Sotk"
}
