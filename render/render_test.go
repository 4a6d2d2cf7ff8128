package render

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

// sample is one result with every kind of value a query returns.
var sample = struct {
	cols []string
	rows [][]any
}{
	cols: []string{"i", "r", "t", "n", "b"},
	rows: [][]any{
		{int64(1), 1.5, "a,b", nil, []byte("x")},
		{int64(-2), 2.0, "say \"hi\" <b>|", nil, []byte{0xff}},
	},
}

func renderSample(tb testing.TB, f Format, opts Options) string {
	tb.Helper()
	var buf bytes.Buffer
	w, err := New(f, &buf, opts)
	if err != nil {
		tb.Fatal(err)
	}
	if err := w.Header(Columns(sample.cols...)); err != nil {
		tb.Fatal(err)
	}
	for _, r := range sample.rows {
		if err := w.Row(r); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	return buf.String()
}

func TestFormats(t *testing.T) {
	tests := []struct {
		format Format
		opts   Options
		want   string
	}{
		{CSV, Options{}, "i,r,t,n,b\n1,1.5,\"a,b\",,x\n-2,2.0,\"say \"\"hi\"\" <b>|\",,x'ff'\n"},
		{CSV, Options{NoHeader: true}, "1,1.5,\"a,b\",,x\n-2,2.0,\"say \"\"hi\"\" <b>|\",,x'ff'\n"},
		{TSV, Options{}, "i\tr\tt\tn\tb\n1\t1.5\ta,b\t\tx\n-2\t2.0\t\"say \"\"hi\"\" <b>|\"\t\tx'ff'\n"},
		{JSON, Options{}, "[\n{\"i\":1,\"r\":1.5,\"t\":\"a,b\",\"n\":null,\"b\":\"x\"},\n{\"i\":-2,\"r\":2.0,\"t\":\"say \\\"hi\\\" <b>|\",\"n\":null,\"b\":\"/w==\"}\n]\n"},
		{NDJSON, Options{}, "{\"i\":1,\"r\":1.5,\"t\":\"a,b\",\"n\":null,\"b\":\"x\"}\n{\"i\":-2,\"r\":2.0,\"t\":\"say \\\"hi\\\" <b>|\",\"n\":null,\"b\":\"/w==\"}\n"},
		{Markdown, Options{}, "| i | r | t | n | b |\n| --- | --- | --- | --- | --- |\n| 1 | 1.5 | a,b |  | x |\n| -2 | 2.0 | say \"hi\" <b>\\| |  | x'ff' |\n"},
		{Table, Options{}, "" +
			"┌────┬─────┬───────────────┬───┬───────┐\n" +
			"│ i  │ r   │ t             │ n │ b     │\n" +
			"├────┼─────┼───────────────┼───┼───────┤\n" +
			"│  1 │ 1.5 │ a,b           │   │ x     │\n" +
			"│ -2 │ 2.0 │ say \"hi\" <b>| │   │ x'ff' │\n" +
			"└────┴─────┴───────────────┴───┴───────┘\n"},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			if got := renderSample(t, tt.format, tt.opts); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestSpreadsheetCSV(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New(CSV, &buf, Options{Spreadsheet: true})
	w.Header(Columns("a", "b", "c", "d", "e"))
	w.Row([]any{"=SUM(A1)", "+1", "-x", "@cmd", int64(-5)})
	w.Row([]any{"\tx", "ok", nil, 1.5, "a=b"})
	w.Flush()
	want := "\ufeffa,b,c,d,e\r\n'=SUM(A1),'+1,'-x,'@cmd,-5\r\n'\tx,ok,,1.5,a=b\r\n"
	if got := buf.String(); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestTableFitsWidth(t *testing.T) {
	tests := map[string][]any{
		"one long column":   {"I01", strings.Repeat("word ", 40)},
		"long words":        {"armenia-azerbaijan-border", "cross-border-fire", "2021-05-12", strings.Repeat("responsibility ", 9), "incident_identifier"},
		"one enormous word": {strings.Repeat("x", 300)},
	}
	for name, row := range tests {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			w, _ := New(Table, &buf, Options{})
			cols := make([]string, len(row))
			for i := range cols {
				cols[i] = "col"
			}
			w.Header(Columns(cols...))
			w.Row(row)
			w.Flush()
			text := buf.String()
			for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
				if n := len([]rune(line)); n > 80 {
					t.Errorf("line is %d wide, want at most 80: %q", n, line)
				}
			}
			// Nothing is lost: each column's lines put together give the
			// cell back (spaces aside, as wrapping turns them into breaks).
			shown := make([]string, len(row))
			lines := strings.Split(text, "\n")
			for _, line := range lines[3 : len(lines)-2] {
				fields := strings.Split(line, "│")
				for i := range row {
					shown[i] += strings.ReplaceAll(fields[i+1], " ", "")
				}
			}
			for i, v := range row {
				if want := strings.ReplaceAll(v.(string), " ", ""); shown[i] != want {
					t.Errorf("column %d shows %q, want %q", i, shown[i], want)
				}
			}
		})
	}
}

func TestJSONSpecialFloats(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New(NDJSON, &buf, Options{})
	w.Header(Columns("a", "b"))
	w.Row([]any{math.Inf(1), math.NaN()})
	w.Flush()
	if got, want := buf.String(), "{\"a\":null,\"b\":null}\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFormatUnmarshal(t *testing.T) {
	var f Format
	if err := f.UnmarshalText([]byte("MD")); err != nil || f != Markdown {
		t.Errorf("md: got %q, %v", f, err)
	}
	err := f.UnmarshalText([]byte("jsn"))
	want := `unknown format "jsn" (want one of table, csv, tsv, json, ndjson, markdown); did you mean "json"?`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

type failWriter struct{}

var errBroken = errors.New("broken pipe")

func (failWriter) Write([]byte) (int, error) { return 0, errBroken }

// A failing writer stops the stream: the error reaches the caller.
func TestWriteErrorsSurface(t *testing.T) {
	for _, f := range []Format{CSV, TSV, JSON, NDJSON, Markdown} {
		w, _ := New(f, failWriter{}, Options{})
		w.Header(Columns("a"))
		var err error
		for i := 0; i < 10000 && err == nil; i++ {
			err = w.Row([]any{strings.Repeat("x", 100)})
		}
		if err == nil {
			err = w.Flush()
		}
		if !errors.Is(err, errBroken) {
			t.Errorf("%s: got %v, want the writer's error", f, err)
		}
	}
}

func TestFloatText(t *testing.T) {
	for v, want := range map[float64]string{
		1.5: "1.5", 2: "2.0", 1500000: "1500000.0", -0.25: "-0.25", 0: "0.0",
		1e20: "1e+20", 0.00001: "1e-05", 40.21: "40.21",
	} {
		if got := Text(v); got != want {
			t.Errorf("Text(%v) = %q, want %q", v, got, want)
		}
	}
}

// A result too wide to show as columns is shown one record per row.
func TestTableExpandsWhenTooWide(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New(Table, &buf, Options{})
	cols := []string{"incident_id", "am_killed", "am_wounded", "am_captured", "az_killed", "az_wounded", "az_captured", "summary"}
	w.Header(Columns(cols...))
	w.Row([]any{"I07", nil, int64(4), nil, int64(1), int64(1), nil, strings.Repeat("long text ", 12)})
	w.Flush()
	want := "" +
		"-[ row 1 ]-\n" +
		"┌─────────────┬─────────────────────────────────────────────────────────────┐\n" +
		"│ incident_id │ I07                                                         │\n" +
		"│ am_killed   │                                                             │\n" +
		"│ am_wounded  │ 4                                                           │\n" +
		"│ am_captured │                                                             │\n" +
		"│ az_killed   │ 1                                                           │\n" +
		"│ az_wounded  │ 1                                                           │\n" +
		"│ az_captured │                                                             │\n" +
		"│ summary     │ long text long text long text long text long text long text │\n" +
		"│             │ long text long text long text long text long text long text │\n" +
		"└─────────────┴─────────────────────────────────────────────────────────────┘\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
