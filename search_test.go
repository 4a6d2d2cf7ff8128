package incq_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/incq/incq/incqtest"
	"github.com/incq/incq/queries"
)

// The search index's documents are the ones the per-incident subquery
// built before the query was made linear (testdata/search-documents-
// reference.sql), row for row and in the same order, so that every search
// finds and ranks what it did: on the embedded dataset, and on a generated
// one, where incidents have several claims, in places with several names.
func TestSearchDocumentsUnchanged(t *testing.T) {
	reference, err := os.ReadFile("testdata/search-documents-reference.sql")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := queries.Internal("search/search-documents.sql")
	if err != nil {
		t.Fatal(err)
	}
	generated := t.TempDir()
	gen := exec.Command("go", "run", "./bench/gen", "-n", "300", "-seed", "1", "-out", filepath.Join(generated, "d"))
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("bench/gen: %v\n%s", err, out)
	}
	// bench/gen leaves claims without a place: give two in three of them
	// one, so that incidents gather several places' names from their claims.
	setClaimPlaces(t, filepath.Join(generated, "d"))
	for _, tt := range []struct {
		name string
		dir  string
		// at least this many incident documents name their claims' places
		claimPlaces int
	}{
		{"embedded", "", 1},
		{"generated", filepath.Join(generated, "d"), 100},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := incqtest.Open(t, nil)
			if tt.dir != "" {
				db = incqtest.Open(t, os.DirFS(tt.dir))
			}
			got := incqtest.Rows(t, db, docs.SQL)
			want := incqtest.Rows(t, db, string(reference))
			if len(got) != len(want) {
				t.Fatalf("got %d documents, want %d", len(got), len(want))
			}
			for i := range want {
				if !slices.Equal(got[i], want[i]) {
					t.Fatalf("document %d:\ngot  %q\nwant %q", i+1, got[i], want[i])
				}
			}
			// The comparison covers the part that changed: incidents
			// whose claims are set in places with aliases.
			named := incqtest.Rows(t, db, `SELECT count(DISTINCT c.incident_id) FROM claims AS c JOIN place_aliases AS a ON a.place_id = c.place_id`)
			if n, _ := strconv.Atoi(named[0][0]); n < tt.claimPlaces {
				t.Errorf("%d incidents have claims in named places; want at least %d for the comparison to mean something", n, tt.claimPlaces)
			}
		})
	}
}

// setClaimPlaces gives two in three claims of the dataset in dir that have
// no place one of its places, in turn.
func setClaimPlaces(tb testing.TB, dir string) {
	tb.Helper()
	places := readCSV(tb, filepath.Join(dir, "places.csv"))
	claims := readCSV(tb, filepath.Join(dir, "claims.csv"))
	col := slices.Index(claims[0], "place_id")
	if col < 0 {
		tb.Fatal("claims.csv: no place_id column")
	}
	for i, row := range claims[1:] {
		if row[col] == "" && i%3 != 0 {
			row[col] = places[1+i%(len(places)-1)][0]
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(claims)
	if err := w.Error(); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "claims.csv"), b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

func readCSV(tb testing.TB, path string) [][]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return rows
}
