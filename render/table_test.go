package render

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/incq/incq/internal/heavy"
)

// renderTable writes cols and rows to a table writer with opts and returns
// what it drew and the notes it sent.
func renderTable(tb testing.TB, opts Options, cols []Column, rows ...[]any) (out string, notes []string) {
	tb.Helper()
	var buf bytes.Buffer
	opts.Note = func(s string) { notes = append(notes, s) }
	w, err := New(Table, &buf, opts)
	if err != nil {
		tb.Fatal(err)
	}
	if err := w.Header(cols); err != nil {
		tb.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Row(r); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	return buf.String(), notes
}

func TestWrap(t *testing.T) {
	tests := []struct {
		s        string
		width    int
		maxLines int
		want     []string
		rest     int
	}{
		{"", 5, 100, []string{""}, 0},
		{"fits", 4, 100, []string{"fits"}, 4},
		{"kept  as   is", 20, 100, []string{"kept  as   is"}, 13},
		{"the quick brown fox", 10, 100, []string{"the quick", "brown fox"}, 19},
		{"a  b   c", 3, 100, []string{"a b", "c"}, 8},
		{"abcdefghij", 4, 100, []string{"abcd", "efgh", "ij"}, 10},
		{"ab abcdefghij c", 4, 100, []string{"ab", "abcd", "efgh", "ij c"}, 15},
		{"one\ntwo three", 5, 100, []string{"one", "two", "three"}, 13},
		{"東京東京東", 5, 100, []string{"東京", "東京", "東"}, 15},
		{"     ", 2, 100, []string{""}, 5},
		{"a b c d", 1, 2, []string{"a", "b"}, 4},
		{"l1\nl2\nl3", 10, 2, []string{"l1", "l2"}, 6},
		{"abcdef", 2, 2, []string{"ab", "cd"}, 4},
		// A word too wide breaks after a hyphen where it can, then cuts.
		{"cross-border-fire", 16, 100, []string{"cross-border-", "fire"}, 17},
		{"kind cross-border-fire", 8, 100, []string{"kind", "cross-", "border-", "fire"}, 22},
		{"a-verylongpart", 6, 100, []string{"a-very", "longpa", "rt"}, 14},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q/%d/%d", tt.s, tt.width, tt.maxLines), func(t *testing.T) {
			got, rest := wrap(tt.s, tt.width, tt.maxLines)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || rest != tt.rest {
				t.Errorf("got %q, rest %d; want %q, rest %d", got, rest, tt.want, tt.rest)
			}
		})
	}
}

func TestPrintable(t *testing.T) {
	tests := map[string]string{
		"plain":               "plain",
		"Naxçıvan 東京":         "Naxçıvan 東京",
		"a\tb":                `a\tb`,
		"x\x1b[31mred\x1b[0m": `x\x1b[31mred\x1b[0m`,
		"a\r\nb\rc":           "a\nb\nc",
		"\u202eevil":          `\u202eevil`,
		"bell\x07\x7f\u0085":  `bell\x07\x7f\x85`,
	}
	for in, want := range tests {
		if got := printable(in); got != want {
			t.Errorf("printable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExpandedText(t *testing.T) {
	for _, e := range []Expanded{ExpandedAuto, ExpandedOn, ExpandedOff} {
		var got Expanded
		if err := got.UnmarshalText([]byte(strings.ToUpper(e.String()))); err != nil || got != e {
			t.Errorf("%s: got %v, %v", e, got, err)
		}
	}
	var e Expanded
	err := e.UnmarshalText([]byte("sometimes"))
	if want := `unknown expanded display "sometimes" (want auto, on or off)`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// The 8-column result that issue 14 found drawn as records too eagerly.
var casualties = struct {
	cols []Column
	row  []any
}{
	Columns("incident_id", "am_killed", "am_wounded", "am_captured", "az_killed", "az_wounded", "az_captured", "summary"),
	[]any{"I07", nil, int64(4), nil, int64(1), int64(1), nil, strings.Repeat("long text ", 12)},
}

func TestTableLayout(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"columns when they fit", Options{Width: 120}, "" +
			"┌─────────────┬───────────┬────────────┬─────────────┬───────────┬────────────┬─────────────┬──────────────────────────┐\n" +
			"│ incident_id │ am_killed │ am_wounded │ am_captured │ az_killed │ az_wounded │ az_captured │ summary                  │\n" +
			"├─────────────┼───────────┼────────────┼─────────────┼───────────┼────────────┼─────────────┼──────────────────────────┤\n" +
			"│ I07         │           │          4 │             │         1 │          1 │             │ long text long text long │\n" +
			"│             │           │            │             │           │            │             │ text long text long text │\n" +
			"│             │           │            │             │           │            │             │ long text long text long │\n" +
			"│             │           │            │             │           │            │             │ text long text long text │\n" +
			"│             │           │            │             │           │            │             │ long text long text      │\n" +
			"└─────────────┴───────────┴────────────┴─────────────┴───────────┴────────────┴─────────────┴──────────────────────────┘\n"},
		{"records when they cannot", Options{ASCII: true}, "" +
			"+-[ row 1 ]---+----------------------------------------------------------------+\n" +
			"| incident_id | I07                                                            |\n" +
			"| am_killed   |                                                                |\n" +
			"| am_wounded  | 4                                                              |\n" +
			"| am_captured |                                                                |\n" +
			"| az_killed   | 1                                                              |\n" +
			"| az_wounded  | 1                                                              |\n" +
			"| az_captured |                                                                |\n" +
			"| summary     | long text long text long text long text long text long text    |\n" +
			"|             | long text long text long text long text long text long text    |\n" +
			"+-------------+----------------------------------------------------------------+\n"},
		{"expanded off: wider than the width, headers whole", Options{Width: 60, Expanded: ExpandedOff, ASCII: true, Null: "-"}, "" +
			"+-------------+-----------+------------+-------------+-----------+------------+-------------+------------------+\n" +
			"| incident_id | am_killed | am_wounded | am_captured | az_killed | az_wounded | az_captured | summary          |\n" +
			"+-------------+-----------+------------+-------------+-----------+------------+-------------+------------------+\n" +
			"| I07         |         - |          4 |           - |         1 |          1 |           - | long text long   |\n" +
			"|             |           |            |             |           |            |             | text long text   |\n" +
			"|             |           |            |             |           |            |             | long text long   |\n" +
			"|             |           |            |             |           |            |             | text long text   |\n" +
			"|             |           |            |             |           |            |             | long text long   |\n" +
			"|             |           |            |             |           |            |             | text long text   |\n" +
			"|             |           |            |             |           |            |             | long text long   |\n" +
			"|             |           |            |             |           |            |             | text long text   |\n" +
			"+-------------+-----------+------------+-------------+-----------+------------+-------------+------------------+\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := renderTable(t, tt.opts, casualties.cols, casualties.row)
			if d := diff(tt.want, got); d != "" {
				t.Errorf("%s\ngot:\n%s", d, got)
			}
		})
	}
}

func TestTableEmpty(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"header", Options{}, "┌──────┬───┐\n│ code │ n │\n└──────┴───┘\n"},
		{"header, expanded", Options{Expanded: ExpandedOn}, "┌──────┬───┐\n│ code │ n │\n└──────┴───┘\n"},
		{"no header", Options{NoHeader: true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := renderTable(t, tt.opts, Columns("code", "n")); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// cellsOf reads back the cells of a drawn table, in columns or as
// records: for each row, each cell's lines.
func cellsOf(tb testing.TB, out string, ncols int) [][][]string {
	tb.Helper()
	var rows [][][]string
	var header bool
	field := -1
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "┌─[") || strings.HasPrefix(line, "├─["):
			rows, field = append(rows, make([][]string, ncols)), -1
			continue
		case strings.HasPrefix(line, "┌"):
			header = true
			continue
		case strings.HasPrefix(line, "├"):
			header = false
			continue
		case strings.HasPrefix(line, "└"):
			continue
		}
		parts := strings.Split(line, "│")
		if len(parts) < 3 {
			tb.Fatalf("not a table line: %q", line)
		}
		parts = parts[1 : len(parts)-1]
		for i, p := range parts {
			parts[i] = strings.TrimSpace(p)
		}
		if header {
			continue
		}
		if len(parts) == 2 && ncols != 2 { // a record: name, value
			if parts[0] != "" {
				field++
			}
			rows[len(rows)-1][field] = append(rows[len(rows)-1][field], parts[1])
			continue
		}
		if parts[0] != "" { // the fixture's first column is never empty
			rows = append(rows, make([][]string, ncols))
		}
		for i, p := range parts {
			rows[len(rows)-1][i] = append(rows[len(rows)-1][i], p)
		}
	}
	return rows
}

// At every width and in every layout, a table loses nothing, splits no
// header and no word of up to 16 characters, and keeps within the width
// whenever it can.
func TestTableKeepsWordsWhole(t *testing.T) {
	for _, e := range []Expanded{ExpandedAuto, ExpandedOn, ExpandedOff} {
		for width := 20; width <= 220; width++ {
			out, _ := renderTable(t, Options{Width: width, Expanded: e}, fixture.cols, fixture.rows...)
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			for _, c := range fixture.cols {
				if !strings.Contains(out, "│ "+c.Name+" ") {
					t.Errorf("%s/%d: header %q is split", e, width, c.Name)
				}
			}
			widest := 0
			for _, l := range lines {
				widest = max(widest, textWidth(l))
			}
			// Records need room for the names and a 16-wide value; ExpandedOff
			// draws wider than the width rather than split a word.
			if e != ExpandedOff && width >= 11+7+16 && widest > width {
				t.Errorf("%s/%d: a line is %d wide", e, width, widest)
			}
			cells := cellsOf(t, out, len(fixture.cols))
			if len(cells) != len(fixture.rows) {
				t.Fatalf("%s/%d: read back %d rows, want %d:\n%s", e, width, len(cells), len(fixture.rows), out)
			}
			for r, row := range fixture.rows {
				for i, v := range row {
					shown := cells[r][i]
					text := Text(v)
					if got, want := strings.Join(strings.Fields(strings.Join(shown, "")), ""), strings.Join(strings.Fields(text), ""); got != want {
						t.Errorf("%s/%d: row %d column %d shows %q, want %q", e, width, r, i, got, want)
					}
					words := map[string]bool{}
					for _, l := range shown {
						for _, w := range strings.Fields(l) {
							words[w] = true
						}
					}
					for _, w := range strings.Fields(text) {
						if textWidth(w) <= shortWidth && !words[w] {
							t.Errorf("%s/%d: row %d column %d: word %q is split:\n%s", e, width, r, i, w, out)
						}
					}
				}
			}
		}
	}
}

// Past the first rows a table streams: later rows are drawn in the layout
// fixed, and a row that would not fit starts a new table. Records stream
// too, numbered on across batches.
func TestTableStreams(t *testing.T) {
	tests := []struct {
		name      string
		opts      Options
		batchRows int
		cols      []Column
		rows      [][]any
		want      string
		wantNotes []string
	}{
		{"columns", Options{Width: 40}, 2, Columns("code", "n", "text"),
			[][]any{
				{"a", int64(1), "one two three"},
				{"b", int64(22), nil},
				{"c", int64(3), "four five six seven"}, // wraps to the widths fixed
				{"d", int64(4444), "eight"},            // a wider number: a new table
				{"e", int64(5), "nine"},
			}, "" +
				"┌──────┬────┬───────────────┐\n" +
				"│ code │ n  │ text          │\n" +
				"├──────┼────┼───────────────┤\n" +
				"│ a    │  1 │ one two three │\n" +
				"│ b    │ 22 │               │\n" +
				"│ c    │  3 │ four five six │\n" +
				"│      │    │ seven         │\n" +
				"└──────┴────┴───────────────┘\n" +
				"┌──────┬──────┬───────┐\n" +
				"│ code │ n    │ text  │\n" +
				"├──────┼──────┼───────┤\n" +
				"│ d    │ 4444 │ eight │\n" +
				"│ e    │    5 │ nine  │\n" +
				"└──────┴──────┴───────┘\n",
			[]string{
				"table: columns were sized from the first 2 rows; later rows are drawn as they come",
				"table: row 4 did not fit the columns sized from the rows before it, so a new table starts there",
			}},
		{"records", Options{Expanded: ExpandedOn, ASCII: true}, 1, Columns("code", "text"),
			[][]any{
				{"a", "one"},
				{"b", "two"},
				{"c", "a longer one"}, // a new table: the values were 3 wide
			}, "" +
				"+-[1]--+-----+\n" +
				"| code | a   |\n" +
				"| text | one |\n" +
				"+-[2]--+-----+\n" +
				"| code | b   |\n" +
				"| text | two |\n" +
				"+------+-----+\n" +
				"+-[3]--+--------------+\n" +
				"| code | c            |\n" +
				"| text | a longer one |\n" +
				"+------+--------------+\n",
			[]string{
				"table: columns were sized from the first row; later rows are drawn as they come",
				"table: row 3 did not fit the columns sized from the rows before it, so a new table starts there",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			var notes []string
			opts := tt.opts
			opts.Note = func(s string) { notes = append(notes, s) }
			w := newTable(&buf, opts)
			w.batchRows = tt.batchRows
			if err := w.Header(tt.cols); err != nil {
				t.Fatal(err)
			}
			for i, r := range tt.rows {
				if err := w.Row(r); err != nil {
					t.Fatal(err)
				}
				if i < tt.batchRows-1 && buf.Len() > 0 {
					t.Errorf("drew before the first batch was complete: %q", buf.String())
				}
				if i == tt.batchRows-1 && buf.Len() == 0 {
					t.Errorf("the first batch is held after it was complete")
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if d := diff(tt.want, buf.String()); d != "" {
				t.Errorf("%s\ngot:\n%s", d, buf.String())
			}
			if strings.Join(notes, "\n") != strings.Join(tt.wantNotes, "\n") {
				t.Errorf("notes:\n%q\nwant\n%q", notes, tt.wantNotes)
			}
		})
	}
}

// An enormous cell is cut, in time linear in its size, with a marker that
// says how much is not shown; other formats write it whole.
func TestTableLongCell(t *testing.T) {
	tests := []struct {
		name, text, marker string
	}{
		{"one word", strings.Repeat("x", 800_000), "…[796931 more characters]"},
		{"words", strings.Repeat("word ", 160_000), "…[797030 more characters]"},
		{"lines", strings.Repeat("line\n", 160_000), "…[799505 more characters]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			out, notes := renderTable(t, Options{Width: 40}, Columns("id", "text"), []any{int64(1), tt.text}, []any{int64(2), "short"})
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d) // 50 s when wrapping was quadratic
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if got, want := len(lines), 3+maxCellLines+1+1; got != want {
				t.Errorf("%d lines, want %d", got, want)
			}
			if !strings.Contains(out, "│    │ "+tt.marker) {
				t.Errorf("no marker %q in\n%s", tt.marker, out)
			}
			want := []string{`table: 1 long cell was cut short, marked "…[N more characters]"; the other formats write every cell whole`}
			if strings.Join(notes, "\n") != strings.Join(want, "\n") {
				t.Errorf("notes %q, want %q", notes, want)
			}
		})
	}
	var buf bytes.Buffer
	w, _ := New(CSV, &buf, Options{})
	w.Header(Columns("text"))
	w.Row([]any{tests[0].text})
	w.Flush()
	if got, want := buf.Len(), len("text\n")+800_000+1; got != want {
		t.Errorf("csv wrote %d bytes, want %d", got, want)
	}
}

// A large result is drawn in bounded memory: the rows held to size the
// columns are let go once drawn. The quick version draws 100,000 rows;
// INCQ_HEAVY=1 draws a million.
func TestTableBoundedMemory(t *testing.T) {
	n := 100_000
	if heavy.Enabled() {
		n = 1_000_000
	} else if testing.Short() {
		t.Skip("short")
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, alloc0 := ms.HeapInuse, ms.TotalAlloc
	peak := base
	cw := &countWriter{}
	w, _ := New(Table, cw, Options{Width: 100})
	w.Header(Columns("id", "code", "note"))
	pad := strings.Repeat("lorem ipsum ", 8)
	start := time.Now()
	for i := range n {
		// Each row's text is its own (not shared), as rows from a query are.
		if err := w.Row([]any{int64(i), "C" + strconv.Itoa(i%1000), pad + strconv.Itoa(i)}); err != nil {
			t.Fatal(err)
		}
		if i%(n/10) == n/10-1 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&ms)
	grew := int64(peak) - int64(base)
	t.Logf("%d rows, %d MB drawn in %v: heap in use grew by at most %d KB; %d MB allocated in all",
		n, cw.n>>20, time.Since(start).Round(time.Millisecond), grew>>10, (ms.TotalAlloc-alloc0)>>20)
	if grew > 8<<20 {
		t.Errorf("heap in use grew by %d MB drawing %d MB", grew>>20, cw.n>>20)
	}
}

type countWriter struct{ n int }

func (c *countWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)

// TestTableOneColumnStreams draws a one-column result past the rows that
// size the columns (it read the widths of an expanded layout and panicked).
func TestTableOneColumnStreams(t *testing.T) {
	var buf bytes.Buffer
	w, err := New(Table, &buf, Options{Width: 80})
	if err != nil {
		t.Fatal(err)
	}
	n := batchRows + 1
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{int64(i + 1)}
	}
	if err := writeAll(t, w, Columns("n"), rows); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if got, want := len(lines), n+4; got != want {
		t.Fatalf("got %d lines, want %d", got, want)
	}
	want := []string{fmt.Sprintf("│ %4d │", n-1), fmt.Sprintf("│ %4d │", n), "└──────┘"}
	if got := lines[len(lines)-3:]; !reflect.DeepEqual(got, want) {
		t.Errorf("last lines: got %q, want %q", got, want)
	}
}

// A wordy column squeezed beside many short ones shows a preview of
// CellLines lines ending "…", and says so; records, tables of two
// columns and other formats keep it whole.
func TestTableCellLines(t *testing.T) {
	long := "Armenia reported a soldier shot dead in an incident with Azerbaijani troops; Azerbaijan said it was not to blame."
	cols := Columns("id", "n", "summary")
	opts := Options{Width: 40, CellLines: 2}
	out, notes := renderTable(t, opts, cols, []any{"I10", int64(1), long}, []any{"I11", nil, "short"})
	want := `┌─────┬───┬────────────────────────────┐
│ id  │ n │ summary                    │
├─────┼───┼────────────────────────────┤
│ I10 │ 1 │ Armenia reported a soldier │
│     │   │ shot dead in an incident…  │
│ I11 │   │ short                      │
└─────┴───┴────────────────────────────┘
`
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], `1 long cell was cut to 2 lines, ending "…"`) {
		t.Errorf("got notes %q, want one saying a cell was cut to 2 lines", notes)
	}

	t.Run("two columns keep it whole", func(t *testing.T) {
		out, notes := renderTable(t, opts, Columns("id", "summary"), []any{"I10", long})
		if !strings.Contains(out, "blame.") || len(notes) != 0 {
			t.Errorf("got %s with notes %q, want the whole text and no note", out, notes)
		}
	})
	t.Run("records keep it whole", func(t *testing.T) {
		o := opts
		o.Expanded = ExpandedOn
		out, _ := renderTable(t, o, cols, []any{"I10", int64(1), long})
		if !strings.Contains(out, "blame.") {
			t.Errorf("got %s, want the whole text", out)
		}
	})
	t.Run("a long word is cut to fit the ellipsis", func(t *testing.T) {
		out, _ := renderTable(t, Options{Width: 30, CellLines: 1}, cols, []any{"I1", int64(1), strings.Repeat("x", 40)})
		if !strings.Contains(out, "│ "+strings.Repeat("x", 16)+"… │") {
			t.Errorf("got\n%s\nwant the word cut to 16 characters and an ellipsis", out)
		}
	})
}
