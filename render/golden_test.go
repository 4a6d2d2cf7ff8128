package render

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixture is the one result every format's golden files show: NULLs,
// integers, floats, unicode (wide characters among it), long text,
// embedded line ends, commas and quotes, and a cell a spreadsheet would
// run as a formula.
var fixture = result{
	cols: []Column{
		{Name: "incident_id", Type: TypeText},
		{Name: "date", Type: TypeDate},
		{Name: "killed", Type: TypeInteger},
		{Name: "ratio", Type: TypeReal},
		{Name: "place", Type: TypeText},
		{Name: "summary", Type: TypeText},
		{Name: "source", Type: TypeAny},
	},
	rows: [][]any{
		{"I01", "2021-05-12", int64(0), 0.5, "Syunik, Armenia", "Yerevan accused Baku of sending troops across the border in breach of the ceasefire; Baku said its troops were on its own side.", "S001 ¶2"},
		{"I02", "2021-05-25", int64(1), nil, "Naxçıvan (Нахичевань)", "One soldier killed.\nBaku denied \"any involvement\", calling it a provocation.", "=HYPERLINK(\"http://example.com\")"},
		{"I03", nil, nil, 1234567.25, "東京, 日本", "a,b,c; \"quoted\" text, with commas", "-1+1"},
		{"I04", "2022-09-13", int64(-42), 1e-07, "", "Short.", nil},
	},
}

// goldenCases are the renderings checked against testdata/golden.
var goldenCases = []struct {
	name   string
	format Format
	opts   Options
}{
	{"csv", CSV, Options{}},
	{"csv-spreadsheet", CSV, Options{Spreadsheet: true, Null: "NULL"}},
	{"csv-null", CSV, Options{Null: "NULL"}},
	{"tsv", TSV, Options{}},
	{"json", JSON, Options{Null: "NULL"}}, // JSON keeps null whatever Null says
	{"ndjson", NDJSON, Options{}},
	{"markdown", Markdown, Options{}},
	{"markdown-null", Markdown, Options{Null: "NULL"}},
	{"table-80", Table, Options{}},
	{"table-120", Table, Options{Width: 120}},
	{"table-200", Table, Options{Width: 200}},
	{"table-80-expanded-on", Table, Options{Expanded: ExpandedOn}},
	{"table-80-expanded-off", Table, Options{Expanded: ExpandedOff}},
	{"table-40-expanded-off", Table, Options{Width: 40, Expanded: ExpandedOff}},
	{"table-120-expanded-on", Table, Options{Width: 120, Expanded: ExpandedOn}},
	{"table-120-ascii-null", Table, Options{Width: 120, ASCII: true, Null: "NULL"}},
	{"table-80-ascii", Table, Options{ASCII: true}},
	{"table-200-noheader", Table, Options{Width: 200, NoHeader: true}},
}

func TestGolden(t *testing.T) {
	for _, tt := range goldenCases {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := New(tt.format, &buf, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := writeAll(t, w, fixture.cols, fixture.rows); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "golden", tt.name+".golden"), buf.String())
		})
	}
}

// checkGolden compares got with the golden file at path, or rewrites the
// file under -update.
func checkGolden(tb testing.TB, path, got string) {
	tb.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test ./render -update to create it)", err)
	}
	if d := diff(string(want), got); d != "" {
		tb.Errorf("%s differs (run go test ./render -update to accept):\n%s", path, d)
	}
}

// diff describes the first line where got differs from want, with the
// lines around it, or returns "" when they are equal.
func diff(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d\n", i+1)
	for k := max(0, i-2); k < i; k++ {
		fmt.Fprintf(&b, "  %q\n", g[k])
	}
	for k := i; k < min(i+3, len(w)); k++ {
		fmt.Fprintf(&b, "- %q\n", w[k])
	}
	for k := i; k < min(i+3, len(g)); k++ {
		fmt.Fprintf(&b, "+ %q\n", g[k])
	}
	fmt.Fprintf(&b, "(want %d lines, got %d)", len(w), len(g))
	return b.String()
}
