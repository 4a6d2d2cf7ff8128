package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/incq/incq"
)

// The generated dataset loads with every check on, and the same seed gives
// the same files.
func TestGenerateLoads(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := generate(d, 500, 7); err != nil {
			t.Fatal(err)
		}
	}
	db, err := incq.Open(context.Background(), incq.Options{Dataset: os.DirFS(a), DatasetName: a})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	counts, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		if c.Table == "incidents" && c.Rows != 500 {
			t.Errorf("incidents: got %d rows, want 500", c.Rows)
		}
	}
	for _, name := range []string{"incidents.csv", "claims.csv", "casualties.csv", "places.csv"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if string(x) != string(y) || len(x) == 0 {
			t.Errorf("%s differs between two runs with one seed", name)
		}
	}
}
