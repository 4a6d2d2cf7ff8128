package incq_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/incq/incq"
	"github.com/incq/incq/incqtest"
	"github.com/incq/incq/ingest"
	"github.com/incq/incq/ingest/acled"
	"github.com/incq/incq/ingest/ucdp"
	"github.com/incq/incq/internal/heavy"
)

// samples are the real exports under ingest/testdata (see its README).
var samples = []struct {
	file   string
	format *ingest.Format
	layout string
	rows   int
}{
	{"acled_som_2025_excerpt.csv", acled.Format, "acled", 40},
	{"acled_api_quoted.csv", acled.Format, "acled", 2},
	{"acled2020_arm_aze_excerpt.csv", acled.Format, "acled-2022", 40},
	{"ged231_sample_uncertainUCDP.csv", ucdp.Format, "ged", 30},
	{"ged191_excerpt.csv", ucdp.Format, "ged-19.1", 40},
	{"ged191.zip", ucdp.Format, "ged-19.1", 3194},
	{"hdx_bgd_43col_excerpt.csv", ucdp.Format, "ged-hdx", 40},
	{"hdx_bgd_45col_excerpt.csv", ucdp.Format, "ged-hdx-2020", 40},
}

func sample(name string) string { return filepath.Join("ingest", "testdata", name) }

// importTo imports files into a new folder and returns it, with the summary.
func importTo(tb testing.TB, f *ingest.Format, files []string, opts ingest.Options, noCurated bool) (string, *ingest.Summary) {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "out")
	sum, _, err := incq.Import(context.Background(), incq.ImportOptions{Format: f, Files: files, Dir: dir, NoCurated: noCurated, Ingest: opts, TempDir: tb.TempDir()})
	if err != nil {
		tb.Fatal(err)
	}
	return dir, sum
}

// readCSV returns the header and records of a CSV export, the HXL row of
// an HDX file left out, a zip's one CSV read.
func readExport(tb testing.TB, path string) ([]string, [][]string) {
	tb.Helper()
	in, err := ingest.Open(path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	r := csv.NewReader(in)
	recs, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	header, recs := recs[0], recs[1:]
	if len(recs) > 0 && strings.HasPrefix(strings.Join(recs[0], ""), "#") {
		recs = recs[1:]
	}
	return header, recs
}

// Every column of every row of every real sample reads back from the
// imported folder exactly as the export wrote it.
func TestImportKeepsEveryColumn(t *testing.T) {
	for _, s := range samples {
		if s.rows > 1000 && !heavy.Enabled() {
			continue // the whole GED 19.1 zip: with INCQ_HEAVY=1
		}
		t.Run(s.file, func(t *testing.T) {
			dir, sum := importTo(t, s.format, []string{sample(s.file)}, ingest.Options{}, true)
			if len(sum.Files) != 1 || sum.Files[0].Layout != s.layout || sum.Kept != int64(s.rows) || sum.Read != int64(s.rows) {
				t.Fatalf("got %+v, want %d rows kept of layout %s", sum, s.rows, s.layout)
			}
			db := incqtest.Open(t, os.DirFS(dir))
			header, recs := readExport(t, sample(s.file))
			cols := make([]string, len(header))
			for i, h := range header {
				cols[i] = `"` + h + `"`
			}
			got := incqtest.Rows(t, db, "SELECT "+strings.Join(cols, ", ")+" FROM "+s.format.Table+" ORDER BY "+s.format.Key)
			key := 0
			for i, h := range header {
				if h == s.format.Key {
					key = i
				}
			}
			byKey := map[string][]string{}
			for _, r := range got {
				byKey[r[key]] = r
			}
			for _, rec := range recs {
				g := byKey[rec[key]]
				if g == nil {
					t.Errorf("event %s: not in %s", rec[key], s.format.Table)
					continue
				}
				// Numeric columns hold numbers: 22 is 22.0, 3 is 3.0.
				for i, want := range rec {
					if g[i] != want && !sameNumber(g[i], want) {
						t.Errorf("event %s, column %s: got %q, want %q", rec[key], header[i], g[i], want)
					}
				}
			}
			if len(got) != len(recs) {
				t.Errorf("%s holds %d rows, want %d", s.format.Table, len(got), len(recs))
			}
		})
	}
}

// The same input writes the same folder, byte for byte; an event read
// twice, identical, is one event.
func TestImportIsDeterministic(t *testing.T) {
	a, _ := importTo(t, acled.Format, []string{sample("acled2020_arm_aze_excerpt.csv"), sample("acled_som_2025_excerpt.csv")}, ingest.Options{}, false)
	b, sum := importTo(t, acled.Format, []string{sample("acled2020_arm_aze_excerpt.csv"), sample("acled_som_2025_excerpt.csv"), sample("acled2020_arm_aze_excerpt.csv")}, ingest.Options{}, false)
	if sum.Duplicates != 40 || sum.Kept != 80 {
		t.Errorf("a file given twice: got %d repeated and %d kept, want 40 and 80", sum.Duplicates, sum.Kept)
	}
	files, _ := filepath.Glob(filepath.Join(a, "*.csv"))
	if len(files) != 40 {
		t.Fatalf("got %d files, want 40", len(files))
	}
	for _, f := range files {
		x, _ := os.ReadFile(f)
		y, err := os.ReadFile(filepath.Join(b, filepath.Base(f)))
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(f) == "sources.csv" {
			continue // the third file is a source of its own
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two imports of the same events", filepath.Base(f))
		}
	}
}

// A byte order mark, CRLF line ends, gzip and a zip read as the plain file
// does.
func TestImportEncodings(t *testing.T) {
	src := sample("ged191_excerpt.csv")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bom := filepath.Join(dir, "bom.csv")
	os.WriteFile(bom, append([]byte("\ufeff"), data...), 0o666)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	gzName := filepath.Join(dir, "ged.csv.gz")
	os.WriteFile(gzName, gz.Bytes(), 0o666)
	zipName := filepath.Join(dir, "ged.zip")
	writeZip(t, zipName, map[string][]byte{"__MACOSX/._ged.csv": {0, 1}, "GEDEvent.csv": data, "README.txt": []byte("x")})
	want, _ := importTo(t, ucdp.Format, []string{src}, ingest.Options{}, true)
	wantEvents, _ := os.ReadFile(filepath.Join(want, "ucdp_events.csv"))
	for _, name := range []string{bom, gzName, zipName} {
		got, _ := importTo(t, ucdp.Format, []string{name}, ingest.Options{}, true)
		events, _ := os.ReadFile(filepath.Join(got, "ucdp_events.csv"))
		if !bytes.Equal(events, wantEvents) {
			t.Errorf("%s: ucdp_events.csv differs from the plain file's", filepath.Base(name))
		}
	}
	// The legacy ACLED sample has CRLF line ends throughout.
	raw, _ := os.ReadFile(sample("acled2020_arm_aze_excerpt.csv"))
	if !bytes.Contains(raw, []byte("\r\n")) {
		t.Fatal("the ACLED 2020 sample has lost its CRLF line ends")
	}
}

func writeZip(tb testing.TB, name string, files map[string][]byte) {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range slices.Sorted(maps.Keys(files)) {
		w, _ := zw.Create(n)
		w.Write(files[n])
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o666); err != nil {
		tb.Fatal(err)
	}
}

// Bad input is refused with one line naming file, line and column, and
// nothing is written.
func TestImportRefuses(t *testing.T) {
	dir := t.TempDir()
	header, recs := readExport(t, sample("acled2020_arm_aze_excerpt.csv"))
	row := func(change map[string]string) []string {
		var r []string
		for _, rec := range recs {
			if rec[2] == "AZE14242" {
				r = append(r, rec...)
			}
		}
		for i, h := range header {
			if v, ok := change[h]; ok {
				r[i] = v
			}
		}
		return r
	}
	file := func(name string, rows ...[]string) string {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write(header)
		w.WriteAll(rows)
		p := filepath.Join(dir, name)
		os.WriteFile(p, buf.Bytes(), 0o666)
		return p
	}
	twoCSVs := filepath.Join(dir, "two.zip")
	writeZip(t, twoCSVs, map[string][]byte{"a.csv": []byte("x\n"), "b.csv": []byte("y\n")})
	noCSV := filepath.Join(dir, "none.zip")
	writeZip(t, noCSV, map[string][]byte{"a.txt": []byte("x\n")})
	binary := filepath.Join(dir, "data.csv")
	os.WriteFile(binary, []byte("SQLite format 3\x00\x00\x01"), 0o666)
	unknown := filepath.Join(dir, "unknown.csv")
	os.WriteFile(unknown, []byte(strings.Join(header[:len(header)-1], ",")+",iso4,notes2\n"), 0o666)
	short := file("short.csv")
	os.WriteFile(short, append(mustRead(t, short), []byte("1,2,3\n")...), 0o666)
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{"edge cases", []string{sample("acled2020_edge_cases.csv")}, sample("acled2020_edge_cases.csv") + `:16: column "country": empty: every ACLED event has a country`},
		{"fields", []string{short}, short + ":2: got 3 fields, want 31"},
		{"date", []string{file("date.csv", row(map[string]string{"event_date": "31-Fbr-20"}))}, dir + `/date.csv:2: column "event_date": "31-Fbr-20" is not a date (want YYYY-MM-DD, 9-May-20 or 16 May 2020)`},
		{"latitude", []string{file("lat.csv", row(map[string]string{"latitude": "140.37"}))}, dir + `/lat.csv:2: column "latitude": 140.37 is out of range (-90 to 90)`},
		{"precision", []string{file("prec.csv", row(map[string]string{"time_precision": "4"}))}, dir + `/prec.csv:2: column "time_precision": unknown code "4" (want 1, 2, 3)`},
		{"duplicate", []string{file("one.csv", row(nil)), file("two.csv", row(map[string]string{"fatalities": "3"}))}, dir + `/two.csv:2: column "fatalities": event AZE14242 again, with another value than on ` + dir + `/one.csv:2`},
		{"not csv", []string{binary}, binary + ": not a CSV file (it holds binary data)"},
		{"count", []string{file("count.csv", row(map[string]string{"fatalities": "10000001"}))}, dir + `/count.csv:2: column "fatalities": 10000001 is more than 10000000, too many for a count of people`},
		{"nul", []string{file("nul.csv", append(recs, row(map[string]string{"event_id_cnty": "AZE99999", "notes": "a\x00b"}))...)}, dir + `/nul.csv:42: column "notes": contains a NUL byte`},
		{"year", []string{file("year.csv", row(map[string]string{"year": "20x0"}))}, dir + `/year.csv:2: column "year": "20x0" is not a whole number`},
		{"curated id", []string{file("i01.csv", row(map[string]string{"event_id_cnty": "I01"}))}, dir + `/i01.csv:2: column "event_id_cnty": event id I01 is the id of a curated incident of the dataset already`},
		{"zip of two", []string{twoCSVs}, twoCSVs + ": the zip holds 2 .csv files (a.csv, b.csv); unpack it and give the one to import"},
		{"zip of none", []string{noCSV}, noCSV + ": the zip holds no .csv file"},
		{"header", []string{unknown}, unknown + `:1: not a header incq knows (acled, acled-2022); closest is acled-2022 (ACLED export before March 2023), which it lacks "iso3" and adds "iso4", "notes2"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, _, err := incq.Import(context.Background(), incq.ImportOptions{Format: acled.Format, Files: tt.files, Dir: out, TempDir: t.TempDir()})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s was written", out)
			}
		})
	}
	// --skip-bad: the bad row is told of and left out; the rest is read.
	var rejected []string
	_, sum := importTo(t, acled.Format, []string{sample("acled2020_edge_cases.csv")}, ingest.Options{SkipBad: true, Rejected: func(re *ingest.RowError) error {
		rejected = append(rejected, re.Error())
		return nil
	}}, true)
	if want := []string{sample("acled2020_edge_cases.csv") + `:16: column "country": empty: every ACLED event has a country`}; !reflect.DeepEqual(rejected, want) || sum.Bad != 1 || sum.Kept != 14 {
		t.Errorf("skip bad: got %q, %d bad, %d kept; want %q, 1, 14", rejected, sum.Bad, sum.Kept, want)
	}
}

func mustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// What the mapping makes of real rows: ACLED's total kept apart from the
// sides, UCDP's deaths per side where actor_sides maps the party, the
// Artsakh forces a side of their own, places joined to the gazetteer.
func TestImportMapping(t *testing.T) {
	dir, sum := importTo(t, acled.Format, []string{sample("acled2020_arm_aze_excerpt.csv")}, ingest.Options{Countries: []string{"azerbaijan"}}, false)
	if sum.Kept != 34 || sum.ByCountry != 6 {
		t.Errorf("--country azerbaijan: kept %d and left out %d, want 34 and 6", sum.Kept, sum.ByCountry)
	}
	db := incqtest.Open(t, os.DirFS(dir))
	got := incqtest.Rows(t, db, `
		SELECT i.incident_id, i.kind, i.date, i.date_precision, i.place_id, i.geo_precision, f.side, f.count, f.category, c.claimant_id, c.source_id, c.paragraph,
		       (SELECT group_concat(a.name || '=' || coalesce(a.side, '-'), '; ') FROM incident_parties AS p JOIN actors AS a USING (actor_id) WHERE p.incident_id = i.incident_id),
		       (SELECT group_concat(outlet, '; ') FROM claim_citations WHERE claim_id = c.claim_id)
		FROM incidents AS i JOIN claims AS c USING (incident_id) JOIN casualties AS f USING (claim_id)
		WHERE i.incident_id = 'AZE14242'`)
	want := [][]string{{"AZE14242", "clash", "2020-05-09", "day", "nameless-hills-tartar-region", "district", "", "0", "any", "acled", "acled-1", "2",
		"Military Forces of Artsakh (2007-)=artsakh; Military Forces of Azerbaijan (2003-)=azerbaijan", "Ministry of Defence of Azerbaijan"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("AZE14242:\ngot  %q\nwant %q", got, want)
	}
	// ACLED's totals never reach a side: the curated totals are unchanged.
	got = runNamed(t, db, "casualties-by-side", nil)
	if want := [][]string{{"curated", "armenia", "6", "6", "6", "6", "0"}, {"curated", "azerbaijan", "5", "1", "6", "0", "0"}, {"acled", "(no side)", "34", "0", "0", "0", "0"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("casualties-by-side: got %q, want %q", got, want)
	}

	dir, _ = importTo(t, ucdp.Format, []string{sample("ged231_sample_uncertainUCDP.csv")}, ingest.Options{Countries: []string{"Azerbaijan"}}, false)
	db = incqtest.Open(t, os.DirFS(dir))
	got = runNamed(t, db, "casualties-by-side", nil)
	want = [][]string{
		{"curated", "armenia", "6", "6", "6", "6", "0"}, {"curated", "azerbaijan", "5", "1", "6", "0", "0"},
		{"ucdp", "artsakh", "3", "3", "0", "0", "0"}, {"ucdp", "azerbaijan", "3", "1", "0", "0", "0"},
		{"ucdp", "(no side)", "3", "1", "0", "0", "0"}, // GED-155395's one dead of unknown side
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("casualties-by-side with UCDP: got %q, want %q", got, want)
	}
	// Nagorno-Karabakh joins the gazetteer's place; the line of contact is
	// new, inside Azerbaijan; a 2-6 day span keeps its end.
	got = incqtest.Rows(t, db, `SELECT i.incident_id, i.date, i.date_end, i.date_precision, i.place_id, p.kind, coalesce(p.parent_id, ''), i.geo_precision, i.summary
		FROM incidents AS i JOIN places AS p USING (place_id) WHERE origin = 'ucdp' ORDER BY incident_id`)
	want = [][]string{
		{"GED-155395", "1992-02-11", "1992-02-11", "day", "nagorno-karabakh", "region", "azerbaijan", "region", "Government of Azerbaijan - Republic of Artsakh: 1 dead by UCDP's best estimate (low 1, high 3) at Nagorno-Karabakh."},
		{"GED-155686", "1994-01-11", "1994-01-11", "day", "nagorno-karabakh", "region", "azerbaijan", "region", "Government of Azerbaijan - Republic of Artsakh: 3 dead by UCDP's best estimate (low 3, high 3) at Nagorno-Karabakh."},
		{"GED-376126", "2020-09-27", "2020-09-30", "days", "line-of-contact", "location", "azerbaijan", "region", "Government of Azerbaijan - Republic of Artsakh: 1 dead by UCDP's best estimate (low 1, high 1) at Line of Contact."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UCDP incidents:\ngot  %q\nwant %q", got, want)
	}
}

// cross-check pairs curated incidents with imported events by date and
// distance and sets each party's figure beside the coder's; uncovered
// finds the events with deaths that no curated incident covers. The
// events are a real UCDP row (GED-376126) with the date, place, parties
// and deaths changed.
func TestCrossCheck(t *testing.T) {
	header, recs := readExport(t, sample("ged231_sample_uncertainUCDP.csv"))
	var base []string
	for _, r := range recs {
		if r[0] == "376126" {
			base = r
		}
	}
	event := func(change map[string]string) []string {
		r := append([]string(nil), base...)
		for i, h := range header {
			if v, ok := change[h]; ok {
				r[i] = v
			}
		}
		return r
	}
	sotk := map[string]string{"where_coordinates": "Sotk village", "where_prec": "1", "latitude": "40.21", "longitude": "45.87", "country": "Armenia",
		"side_a": "Government of Armenia", "side_b": "Government of Azerbaijan", "date_prec": "1", "deaths_civilians": "0", "deaths_unknown": "0"}
	with := func(m map[string]string, more map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			out[k] = v
		}
		for k, v := range more {
			out[k] = v
		}
		return out
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	w.Write(event(with(sotk, map[string]string{"id": "900001", "date_start": "2023-05-11", "date_end": "2023-05-11", "deaths_a": "0", "deaths_b": "1", "best": "1", "low": "1", "high": "1"})))
	w.Write(event(with(sotk, map[string]string{"id": "900002", "date_start": "2023-09-01", "date_end": "2023-09-01", "deaths_a": "3", "deaths_b": "0", "best": "3", "low": "3", "high": "4"})))
	w.Write(event(with(sotk, map[string]string{"id": "900003", "date_start": "2023-06-15", "date_end": "2023-06-15", "latitude": "40.3", "longitude": "45.5", "where_coordinates": "Somewhere", "deaths_a": "2", "deaths_b": "0", "best": "2", "low": "2", "high": "2"})))
	w.Write(event(with(sotk, map[string]string{"id": "900005", "date_start": "2023-05-11", "date_end": "2023-05-11", "latitude": "39.0", "longitude": "46.5", "deaths_a": "0", "deaths_b": "0", "best": "0", "low": "0", "high": "0"})))
	w.Write(event(with(sotk, map[string]string{"id": "900004", "date_start": "2019-06-15", "date_end": "2019-06-15", "deaths_a": "2", "deaths_b": "0", "best": "2", "low": "2", "high": "2"})))
	w.Flush()
	file := filepath.Join(t.TempDir(), "ged.csv")
	os.WriteFile(file, buf.Bytes(), 0o666)
	dir, _ := importTo(t, ucdp.Format, []string{file}, ingest.Options{}, false)
	db := incqtest.Open(t, os.DirFS(dir))
	var got []string
	for _, r := range runNamed(t, db, "cross-check", nil) {
		got = append(got, strings.Join([]string{r[0], r[3], r[4], r[7], r[8], r[9], r[10], r[12], r[14]}, " | "))
	}
	want := []string{
		"I07 | GED-900001 | ucdp | 0 | 0 | all sides | 1 | 1 | agree",
		"I07 | GED-900001 | ucdp | 0 | 0 | armenia |  | 0 | only the coder gives a figure",
		"I07 | GED-900001 | ucdp | 0 | 0 | azerbaijan | 1 | 1 | agree",
		"I05 | GED-900002 | ucdp | 0 | 0 | all sides | 2 | 3 | differ",
		"I05 | GED-900002 | ucdp | 0 | 0 | armenia | 2 | 3 | differ",
		"I05 | GED-900002 | ucdp | 0 | 0 | azerbaijan |  | 0 | only the coder gives a figure",
		"I06 | GED-900002 | ucdp | 0 | 19 | all sides |  | 3 | only the coder gives a figure",
		"I06 | GED-900002 | ucdp | 0 | 19 | armenia |  | 3 | only the coder gives a figure",
		"I06 | GED-900002 | ucdp | 0 | 19 | azerbaijan |  | 0 | only the coder gives a figure",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cross-check:\ngot  %q\nwant %q", got, want)
	}
	evidence := runNamed(t, db, "cross-check", nil)[4]
	if e := evidence[11]; e != "Armenia (S002 paragraph 4): armenia 2" {
		t.Errorf("the party's evidence: got %q", e)
	}
	if e := evidence[13]; e != "UCDP line 3 of ged.csv: Government of Armenia, citing "+base[20] {
		t.Errorf("the coder's evidence: got %q", e)
	}
	got = nil
	for _, r := range runNamed(t, db, "uncovered", nil) {
		got = append(got, strings.Join(r[:5], " | "))
	}
	if want := []string{"GED-900003 | ucdp | 2023-06-15 | somewhere | 2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("uncovered: got %q, want %q", got, want)
	}
	// "Sotk village" is the gazetteer's Sotk, 19 km from Kelbajar town;
	// a "Sotk village" 145 km away is a place of its own.
	places := incqtest.Rows(t, db, "SELECT incident_id, place_id FROM incidents WHERE incident_id IN ('GED-900002', 'GED-900005') ORDER BY 1")
	if want := [][]string{{"GED-900002", "sotk"}, {"GED-900005", "sotk-village"}}; !reflect.DeepEqual(places, want) {
		t.Errorf("places: got %q, want %q", places, want)
	}
	if note := incqtest.Rows(t, db, "SELECT note FROM places WHERE place_id = 'sotk-village'"); !strings.HasSuffix(note[0][0], "The gazetteer's sotk lies 145 km away.") {
		t.Errorf("the new place's note: %q", note)
	}
	if n := len(runNamed(t, db, "cross-check", map[string]string{"km": "18"})); n != 6 {
		t.Errorf("cross-check within 18 km: got %d rows, want 6", n)
	}
	if n := len(runNamed(t, db, "cross-check", map[string]string{"days": "0", "km": "1"})); n != 6 {
		t.Errorf("cross-check on the same days: got %d rows, want 6", n)
	}
}

// Editing actor_sides.csv in the folder changes the sides at the next load:
// the Artsakh forces mapped to Azerbaijan, both parties of each event are
// one side and their deaths add up; a party mapped to no side counts for
// none.
func TestEditedActorSides(t *testing.T) {
	dir, _ := importTo(t, ucdp.Format, []string{sample("ged231_sample_uncertainUCDP.csv")}, ingest.Options{Countries: []string{"Azerbaijan"}}, true)
	sides := filepath.Join(dir, "actor_sides.csv")
	data := mustRead(t, sides)
	edited := strings.Replace(string(data), "Republic of Artsakh,artsakh,", "Republic of Artsakh,azerbaijan,", 1)
	if edited == string(data) {
		t.Fatal("actor_sides.csv has no row for the Republic of Artsakh")
	}
	os.WriteFile(sides, []byte(edited), 0o666)
	got := runNamed(t, incqtest.Open(t, os.DirFS(dir)), "casualties-by-side", nil)
	if want := [][]string{{"ucdp", "azerbaijan", "3", "4", "0", "0", "0"}, {"ucdp", "(no side)", "3", "1", "0", "0", "0"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("both parties Azerbaijan: got %q, want %q", got, want)
	}
	os.WriteFile(sides, []byte(strings.Replace(string(data), "Republic of Artsakh,artsakh,", "Republic of Artsakh,,", 1)), 0o666)
	got = runNamed(t, incqtest.Open(t, os.DirFS(dir)), "casualties-by-side", nil)
	if want := [][]string{{"ucdp", "azerbaijan", "3", "1", "0", "0", "0"}, {"ucdp", "(no side)", "3", "4", "0", "0", "0"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("the Republic of Artsakh of no side: got %q, want %q", got, want)
	}
}

// The raw tables' counts and coordinates are numbers: they compare and
// sort as numbers (as text, "96" >= "100").
func TestImportNumbersAreNumbers(t *testing.T) {
	dir, _ := importTo(t, ucdp.Format, []string{sample("ged191_excerpt.csv")}, ingest.Options{}, true)
	db := incqtest.Open(t, os.DirFS(dir))
	got := incqtest.Rows(t, db, `SELECT (SELECT count(*) FROM ucdp_events WHERE best >= 10), (SELECT count(*) FROM ucdp_events WHERE CAST(best AS INTEGER) >= 10),
		(SELECT typeof(best) || ' ' || typeof(latitude) || ' ' || typeof(where_prec) || ' ' || typeof(date_start) FROM ucdp_events LIMIT 1)`)
	if got[0][0] != got[0][1] || got[0][2] != "integer real integer text" {
		t.Errorf("got %q: best >= 10 must count what CAST(best AS INTEGER) >= 10 counts, with numbers typed", got)
	}
}

// Rows of one event in two layouts (HDX's files of 2022 and 2020) are one
// event when the columns both have agree; a UCDP id written 376126.0 is
// the id 376126 everywhere.
func TestImportAcrossLayouts(t *testing.T) {
	_, sum := importTo(t, ucdp.Format, []string{sample("hdx_bgd_43col_excerpt.csv"), sample("hdx_bgd_45col_excerpt.csv")}, ingest.Options{}, true)
	if sum.Kept != 40 || sum.Duplicates != 40 {
		t.Errorf("got %d kept and %d repeated, want 40 and 40", sum.Kept, sum.Duplicates)
	}
	data := mustRead(t, sample("ged231_sample_uncertainUCDP.csv"))
	file := filepath.Join(t.TempDir(), "ids.csv")
	os.WriteFile(file, bytes.Replace(data, []byte("\n376126,"), []byte("\n376126.0,"), 1), 0o666)
	dir, _ := importTo(t, ucdp.Format, []string{file}, ingest.Options{}, true)
	got := incqtest.Rows(t, incqtest.Open(t, os.DirFS(dir)), "SELECT id, incident_id FROM ucdp_events WHERE incident_id = 'GED-376126'")
	if want := [][]string{{"376126", "GED-376126"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// sameNumber reports whether two texts are the same number.
func sameNumber(a, b string) bool {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(strings.TrimSpace(b), 64)
	return errA == nil && errB == nil && x == y
}
