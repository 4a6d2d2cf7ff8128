package incq_test

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/incq/incq"
	"github.com/incq/incq/dataset"
	"github.com/incq/incq/incqtest"
	"github.com/incq/incq/queries"
)

// runNamed runs the catalog query name on db with the given parameters.
func runNamed(tb testing.TB, db *incq.DB, name string, values map[string]string) [][]string {
	tb.Helper()
	cat, err := queries.Catalog(queries.FS(), "queries")
	if err != nil {
		tb.Fatal(err)
	}
	for _, q := range cat {
		if q.Name != name {
			continue
		}
		args, err := q.Bind(values)
		if err != nil {
			tb.Fatal(err)
		}
		return incqtest.Rows(tb, db, q.SQL, queries.NamedArgs(args)...)
	}
	tb.Fatalf("no query %q", name)
	return nil
}

// totals sums casualty-evidence's counted rows into casualties-by-side's
// shape: "side killed wounded captured" per side, in side order.
func totals(tb testing.TB, rows [][]string) string {
	tb.Helper()
	sums := map[string]*[3]int{}
	var sides []string
	for _, r := range rows {
		side, status, count, counted := r[2], r[3], r[4], r[11]
		if counted != "yes" {
			continue
		}
		if sums[side] == nil {
			sums[side] = &[3]int{}
			sides = append(sides, side)
		}
		n, err := strconv.Atoi(count)
		if err != nil {
			tb.Fatalf("counted row without a number: %q", r)
		}
		switch status {
		case "killed":
			sums[side][0] += n
		case "wounded":
			sums[side][1] += n
		case "captured":
			sums[side][2] += n
		default:
			tb.Fatalf("status %q is not in casualties-by-side", status)
		}
	}
	// casualties-by-side orders by side.
	for i := range sides {
		for j := i + 1; j < len(sides); j++ {
			if sides[j] < sides[i] {
				sides[i], sides[j] = sides[j], sides[i]
			}
		}
	}
	var lines []string
	for _, s := range sides {
		v := sums[s]
		lines = append(lines, s+" "+strconv.Itoa(v[0])+" "+strconv.Itoa(v[1])+" "+strconv.Itoa(v[2]))
	}
	return strings.Join(lines, "\n")
}

// The counted rows of casualty-evidence add up to casualties-by-side for
// any window, and both give the numbers worked out from the reports.
func TestCasualtyEvidenceSumsToCasualtiesBySide(t *testing.T) {
	db := incqtest.Open(t, dataset.FS())
	tests := []struct {
		name   string
		params map[string]string
		want   string // side killed wounded captured, as casualties-by-side gives them
		rows   int    // casualty-evidence rows, counted or not
	}{
		{"no parameters", nil, "armenia 6 6 6\nazerbaijan 1 6 0", 29},
		{"since", map[string]string{"since": "2023-01-01"}, "armenia 2 5 0\nazerbaijan 1 4 0", 15},
		{"until", map[string]string{"until": "2021-12-31"}, "armenia 1 0 6\nazerbaijan 0 1 0", 6},
		{"both", map[string]string{"since": "2022-09-01", "until": "2022-09-30"}, "armenia 3 1 0\nazerbaijan 0 1 0", 8},
		{"one day", map[string]string{"since": "2023-09-01", "until": "2023-09-01"}, "armenia 2 1 0\nazerbaijan 0 3 0", 8},
		{"empty window", map[string]string{"since": "2022-01-01", "until": "2022-06-30"}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var bySide []string
			for _, r := range curatedBySide(t, runNamed(t, db, "casualties-by-side", tt.params)) {
				bySide = append(bySide, r[0]+" "+r[2]+" "+r[3]+" "+r[4])
			}
			if got := strings.Join(bySide, "\n"); got != tt.want {
				t.Errorf("casualties-by-side: got\n%s\nwant\n%s", got, tt.want)
			}
			evidence := runNamed(t, db, "casualty-evidence", tt.params)
			if got := totals(t, evidence); got != tt.want {
				t.Errorf("casualty-evidence counted rows sum to\n%s\nwant\n%s", got, tt.want)
			}
			if len(evidence) != tt.rows {
				t.Errorf("casualty-evidence: got %d rows, want %d", len(evidence), tt.rows)
			}
			for _, r := range evidence {
				if (r[11] == "yes") != (r[12] == "") {
					t.Errorf("counted %s with why_not %q: %q", r[11], r[12], r)
				}
			}
		})
	}
}

// evidenceOn runs casualty-evidence on the embedded dataset for one day
// and returns its rows, cells joined by "|".
func evidenceOn(tb testing.TB, day string) []string {
	tb.Helper()
	var lines []string
	for _, r := range runNamed(tb, incqtest.Open(tb, dataset.FS()), "casualty-evidence", map[string]string{"since": day, "until": day}) {
		lines = append(lines, strings.Join(r, "|"))
	}
	return lines
}

// The evidence for one incident, row by row: S001's three dead, stated once
// by the Armenian ministry and repeated in the headline, the lead and
// Pashinyan's tweet, and Baku's one wounded.
func TestCasualtyEvidenceRowsForOneIncident(t *testing.T) {
	got := evidenceOn(t, "2022-09-28")
	want := []string{
		"I04|2022-09-28|armenia|killed|3|exact|Armenian Defence Ministry|S001|001_f6d714250b8b91e2.txt|4||yes|",
		"I04|2022-09-28|armenia|killed|3|exact|the report itself, relaying Armenian Defence Ministry|S001|001_f6d714250b8b91e2.txt|1||no|restated: repeats F02 of paragraph 4",
		"I04|2022-09-28|armenia|killed|3|exact|Armenia|S001|001_f6d714250b8b91e2.txt|2||no|restated: repeats F02 of paragraph 4",
		"I04|2022-09-28|armenia|killed|3|exact|Armenia|S001|001_f6d714250b8b91e2.txt|5||no|restated: repeats F02 of paragraph 4",
		"I04|2022-09-28|azerbaijan|wounded|1|exact|Azerbaijani Defence Ministry|S001|001_f6d714250b8b91e2.txt|8||yes|",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("got\n%s\nwant\n%s", g, w)
	}
}

// Episode tolls are listed when the episode overlaps the window, and never
// counted.
func TestCasualtyEvidenceTolls(t *testing.T) {
	got := evidenceOn(t, "2022-09-14")
	want := []string{
		"|2022-09-13|both|killed|280|at-least|the report itself|S000|000_7ad2caf7aadbba2e.txt|10||no|episode toll T01 (September 2022 border clashes, 2022-09-13 to 2022-09-14): never counted",
		"|2022-09-13|both|killed|200|more-than|the report itself|S001|001_f6d714250b8b91e2.txt|12||no|episode toll T02 (September 2022 border clashes, 2022-09-13 to 2022-09-14): never counted",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("got\n%s\nwant\n%s", g, w)
	}
}

// Every reason a figure is not counted, on a copy of the dataset with four
// figures added to I04: the other side's count of Azerbaijani wounded, the
// narration's count of Armenian dead, a smaller Armenian count of its own
// dead, and a figure without a number. None changes the totals.
func TestCasualtyEvidenceWhyNot(t *testing.T) {
	fsys := incqtest.Dataset(t)
	fsys["casualties.csv"].Data = append(fsys["casualties.csv"].Data, ""+
		"F90,C012,azerbaijan,wounded,military,5,exact,3,,,\n"+
		"F91,C011,armenia,killed,military,3,exact,2,,,\n"+
		"F92,C014,armenia,killed,military,2,exact,5,,,\n"+
		"F93,C016,azerbaijan,killed,military,,several,8,,,\n"...)
	db := incqtest.Open(t, fsys)
	var got []string
	for _, r := range runNamed(t, db, "casualty-evidence", map[string]string{"since": "2022-09-28", "until": "2022-09-28"}) {
		got = append(got, r[2]+" "+r[3]+" "+r[4]+" "+r[7]+" "+r[9]+" "+r[11]+" "+r[12])
	}
	want := strings.TrimSpace(`
armenia killed 3 S001 4 yes 
armenia killed 3 S001 2 no narration (F91): the suffering side's own F02 counts
armenia killed 2 S001 5 no superseded (F92): F02 is larger or listed first among equal claims
armenia killed 3 S001 1 no restated: repeats F02 of paragraph 4
armenia killed 3 S001 2 no restated: repeats F02 of paragraph 4
armenia killed 3 S001 5 no restated: repeats F02 of paragraph 4
azerbaijan killed  S001 8 no no number (F93)
azerbaijan wounded 1 S001 8 yes 
azerbaijan wounded 5 S001 3 no other side's figure (F90): the suffering side's own F03 counts`)
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
	for _, r := range curatedBySide(t, runNamed(t, db, "casualties-by-side", map[string]string{"since": "2022-09-28", "until": "2022-09-28"})) {
		if g := strings.Join(r, " "); g != "armenia 1 3 0 0 0" && g != "azerbaijan 1 0 1 0 0" {
			t.Errorf("casualties-by-side changed: %s", g)
		}
	}
}

// TestMissingIsCounted: a figure of people missing, a status the schema
// knows though no report here gives one, shows in casualties-by-side's own
// column and in timeline's, never as an incident with no losses.
func TestMissingIsCounted(t *testing.T) {
	fsys := incqtest.Dataset(t)
	fsys["casualties.csv"].Data = append(fsys["casualties.csv"].Data, "F99,C013,armenia,missing,military,2,exact,4,,a test figure,\n"...)
	db := incqtest.Open(t, fsys)
	window := map[string]string{"since": "2022-09-28", "until": "2022-09-28"}
	var got []string
	for _, r := range curatedBySide(t, runNamed(t, db, "casualties-by-side", window)) {
		got = append(got, strings.Join(r, " "))
	}
	if want := []string{"armenia 1 3 0 0 2", "azerbaijan 1 0 1 0 0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("casualties-by-side: got %q, want %q", got, want)
	}
	rows := runNamed(t, db, "timeline", window)
	if len(rows) != 1 || rows[0][0] != "I04" || rows[0][7] != "2" {
		t.Errorf("timeline: got %q, want I04 with am_missing 2", rows)
	}
}

// TestCategoriesOfOneClaimAdd: a claim that gives soldiers and civilians
// killed gives two figures, and both count: the rule picks a claim, not one
// of its figures.
func TestCategoriesOfOneClaimAdd(t *testing.T) {
	fsys := incqtest.Dataset(t)
	fsys["casualties.csv"].Data = append(fsys["casualties.csv"].Data, "F98,C013,armenia,killed,civilian,2,exact,4,,a test figure,\n"...)
	db := incqtest.Open(t, fsys)
	window := map[string]string{"since": "2022-09-28", "until": "2022-09-28"}
	var got []string
	for _, r := range curatedBySide(t, runNamed(t, db, "casualties-by-side", window)) {
		got = append(got, strings.Join(r, " "))
	}
	if want := []string{"armenia 1 5 0 0 0", "azerbaijan 1 0 1 0 0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("casualties-by-side: got %q, want %q", got, want)
	}
	counted := 0
	for _, r := range runNamed(t, db, "casualty-evidence", window) {
		if r[2] == "armenia" && r[3] == "killed" && r[11] == "yes" {
			counted++
		}
	}
	if counted != 2 {
		t.Errorf("casualty-evidence counts %d Armenian killed figures, want 2 (F02 and F98)", counted)
	}
}

// TestThirdSideShown: a third side's counted figure, in casualties-by-side
// as a row of its own, is in timeline's others column, never dropped.
func TestThirdSideShown(t *testing.T) {
	fsys := incqtest.Dataset(t)
	fsys["casualties.csv"].Data = append(fsys["casualties.csv"].Data, "F97,C013,russia,killed,military,1,exact,4,,a test figure,\n"...)
	db := incqtest.Open(t, fsys)
	window := map[string]string{"since": "2022-09-28", "until": "2022-09-28"}
	var got []string
	for _, r := range curatedBySide(t, runNamed(t, db, "casualties-by-side", window)) {
		got = append(got, strings.Join(r, " "))
	}
	if want := []string{"armenia 1 3 0 0 0", "azerbaijan 1 0 1 0 0", "russia 1 1 0 0 0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("casualties-by-side: got %q, want %q", got, want)
	}
	rows := runNamed(t, db, "timeline", window)
	if len(rows) != 1 || rows[0][12] != "russia killed 1" {
		t.Errorf("timeline: got %q, want I04 with others \"russia killed 1\"", rows)
	}
}

// curatedBySide checks that casualties-by-side's rows are all of curated
// incidents and returns them without the origin column.
func curatedBySide(t *testing.T, rows [][]string) [][]string {
	t.Helper()
	out := make([][]string, len(rows))
	for i, r := range rows {
		if r[0] != "curated" {
			t.Errorf("casualties-by-side: row of origin %q, want curated", r[0])
		}
		out[i] = r[1:]
	}
	return out
}
