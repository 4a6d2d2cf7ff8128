package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// result is a fixture: columns and the rows under them.
type result struct {
	cols []Column
	rows [][]any
}

// writeAll writes a result through w and returns the first error.
func writeAll(tb testing.TB, w Writer, cols []Column, rows [][]any) error {
	tb.Helper()
	if err := w.Header(cols); err != nil {
		return err
	}
	for _, r := range rows {
		if err := w.Row(r); err != nil {
			return err
		}
	}
	return w.Flush()
}

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
	if err := writeAll(tb, w, Columns(sample.cols...), sample.rows); err != nil {
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

func TestJSONSpecialFloats(t *testing.T) {
	var buf bytes.Buffer
	var notes []string
	w, _ := New(NDJSON, &buf, Options{Note: func(s string) { notes = append(notes, s) }})
	w.Header(Columns("a", "b"))
	w.Row([]any{math.Inf(1), math.NaN()})
	w.Row([]any{math.Inf(-1), 1.5})
	w.Flush()
	if got, want := buf.String(), "{\"a\":null,\"b\":null}\n{\"a\":null,\"b\":1.5}\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if want := []string{"ndjson: JSON has no infinity or NaN: written as null"}; !reflect.DeepEqual(notes, want) {
		t.Errorf("notes: got %q, want %q", notes, want)
	}
}

// TestDistinctNames: formats that key values by column name refuse a
// result in which two columns share one, as a join of two id columns does.
func TestDistinctNames(t *testing.T) {
	for _, f := range []Format{JSON, NDJSON, Parquet, GeoJSON} {
		w, err := New(f, io.Discard, Options{})
		if err != nil {
			t.Fatal(err)
		}
		err = w.Header(Columns("id", "name", "id"))
		want := string(f) + `: column name "id" appears twice; give one another name with AS`
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %q", f, err, want)
		}
	}
	for _, f := range []Format{CSV, TSV, Table, Markdown} {
		w, _ := New(f, io.Discard, Options{})
		if err := w.Header(Columns("id", "id")); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestFormatUnmarshal(t *testing.T) {
	var f Format
	if err := f.UnmarshalText([]byte("MD")); err != nil || f != Markdown {
		t.Errorf("md: got %q, %v", f, err)
	}
	err := f.UnmarshalText([]byte("jsn"))
	want := `unknown format "jsn" (want one of table, csv, tsv, json, ndjson, markdown, xlsx, parquet, geojson); did you mean "json"?`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// failAfter accepts n bytes, then fails every write, as a full disk or a
// closed pipe does.
type failAfter struct{ n int }

var errFull = errors.New("no space left on device")

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) <= f.n {
		f.n -= len(p)
		return len(p), nil
	}
	n := f.n
	f.n = 0
	return n, errFull
}

// A failing writer stops the output, whatever the format and wherever the
// failure falls (the first byte, inside a buffer, the very last byte): the
// error reaches the caller from Row or Flush.
func TestWriteErrorsSurface(t *testing.T) {
	write := func(f Format, out io.Writer, rows int) error {
		w, err := New(f, out, Options{})
		if err != nil {
			return err
		}
		if err = w.Header(Columns("a", "b")); err != nil {
			return fmt.Errorf("header: %w", err)
		}
		for i := 0; i < rows && err == nil; i++ {
			err = w.Row([]any{int64(i), strings.Repeat("x", 40)})
		}
		if err == nil {
			err = w.Flush()
		}
		return err
	}
	for _, f := range Formats {
		if slices.Contains(FileFormats, f) {
			continue // their own tests cover their write errors
		}
		for _, rows := range []int{1, 3000} {
			var buf bytes.Buffer
			if err := write(f, &buf, rows); err != nil {
				t.Fatal(err)
			}
			size := buf.Len()
			for _, n := range []int{0, 1, size / 2, size - 1} {
				t.Run(fmt.Sprintf("%s/%d rows/%d of %d bytes", f, rows, n, size), func(t *testing.T) {
					if err := write(f, &failAfter{n: n}, rows); !errors.Is(err, errFull) {
						t.Errorf("got %v, want %v", err, errFull)
					}
				})
			}
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

// TestMarkdownEscapes: a pipe is escaped, and so is a backslash, so that
// a backslash before a pipe cannot unescape it and split the cell.
func TestMarkdownEscapes(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New(Markdown, &buf, Options{})
	if err := writeAll(t, w, Columns("v"), [][]any{{`a|b`}, {`a\|b`}, {"two\nlines"}}); err != nil {
		t.Fatal(err)
	}
	want := "| v |\n| --- |\n| a\\|b |\n| a\\\\\\|b |\n| two<br>lines |\n"
	if got := buf.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
