package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/incq/incq/incqtest"
	"github.com/incq/incq/schema"
)

// The generated dataset loads with every check on; every table of the
// schema is written, the planned ones grown and the others copied; and the
// same seed gives the same files.
func TestGenerateLoads(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := generate(d, 500, 7); err != nil {
			t.Fatal(err)
		}
	}
	got, embedded := incqtest.Counts(t, os.DirFS(a)), incqtest.Counts(t, nil)
	if got["incidents"] != embedded["incidents"]+500 {
		t.Errorf("incidents: got %d rows, want %d + 500", got["incidents"], embedded["incidents"])
	}
	grown := map[string]bool{}
	for _, gr := range plan {
		grown[gr.table] = true
	}
	tables, err := schema.Describe(schema.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, tab := range tables {
		n, ok := got[tab.Name]
		switch {
		case !ok:
			t.Errorf("%s: not in the generated dataset", tab.Name)
		case grown[tab.Name] && n <= embedded[tab.Name]:
			t.Errorf("%s: got %d rows, want more than the embedded %d", tab.Name, n, embedded[tab.Name])
		case !grown[tab.Name] && n != embedded[tab.Name]:
			t.Errorf("%s: got %d rows, want the embedded %d (copied)", tab.Name, n, embedded[tab.Name])
		}
		x, _ := os.ReadFile(filepath.Join(a, tab.Name+".csv"))
		y, _ := os.ReadFile(filepath.Join(b, tab.Name+".csv"))
		if string(x) != string(y) || len(x) == 0 {
			t.Errorf("%s.csv differs between two runs with one seed", tab.Name)
		}
	}
}

// A plan that names what the schema does not have is refused, so that a
// schema change cannot silently leave a table or column out.
func TestPlanFollowsSchema(t *testing.T) {
	for _, tt := range []struct {
		name string
		plan []growth
		want string
	}{
		{"table", []growth{{table: "incidentz"}}, `plan: no table "incidentz" in the schema`},
		{"column", []growth{{table: "incidents", fill: []string{"place"}}}, `plan: table "incidents" has no column "place"`},
		{"parent", []growth{{table: "claim_weapons", parent: "incidents", min: 1, max: 1}}, `plan: table "claim_weapons" has no column referencing its parent "incidents"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newGenerator(1, tt.plan)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := newGenerator(1, plan); err != nil {
		t.Errorf("the plan: %v", err)
	}
}
