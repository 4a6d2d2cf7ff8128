package render

import (
	"archive/zip"
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/incq/incq/internal/heavy"
)

// xlsxSample has a column of each declared type and an expression column.
var xlsxSample = result{
	cols: []Column{
		{"id", TypeInteger}, {"share", TypeReal}, {"date", TypeDate},
		{"note", TypeText}, {"expr", TypeAny}, {"raw", TypeBlob},
	},
	rows: [][]any{
		{int64(1), 0.25, "2020-07-12", "=SUM(A1)", int64(9007199254740993), []byte("ok")},
		{int64(-2), 1234.5, "1899-12-31", "+1", true, []byte{0xff}},
		{nil, nil, nil, "@cmd -x", nil, nil},
	},
}

func openXLSX(tb testing.TB, b []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// writeXLSX writes cols and rows as a one-sheet workbook and returns the
// file.
func writeXLSX(tb testing.TB, cols []Column, rows [][]any) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w, err := New(XLSX, &buf, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	if err := writeAll(tb, w, cols, rows); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// zipPart returns one part of an xlsx package, for what excelize does not
// read back (the autofilter).
func zipPart(tb testing.TB, b []byte, name string) string {
	tb.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatal(err)
	}
	r, err := z.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	part, err := io.ReadAll(r)
	if err != nil {
		tb.Fatal(err)
	}
	return string(part)
}

func TestXLSX(t *testing.T) {
	var buf bytes.Buffer
	w, err := New(XLSX, &buf, Options{Sheet: "casualties"})
	if err != nil {
		t.Fatal(err)
	}
	if err := writeAll(t, w, xlsxSample.cols, xlsxSample.rows); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, buf.Bytes())
	const sheet = "casualties"
	if got, want := f.GetSheetList(), []string{sheet}; !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets: got %q, want %q", got, want)
	}

	cells := []struct {
		cell  string
		typ   excelize.CellType
		raw   string // the stored value
		shown string // the value as Excel shows it
		fmt   string // the custom number format, if any
	}{
		{"A1", excelize.CellTypeInlineString, "id", "id", ""},
		{"F1", excelize.CellTypeInlineString, "raw", "raw", ""},
		{"A2", excelize.CellTypeUnset, "1", "1", ""},
		{"B2", excelize.CellTypeUnset, "0.25", "0.25", ""},
		{"C2", excelize.CellTypeUnset, "44024", "2020-07-12", "yyyy-mm-dd"},
		{"D2", excelize.CellTypeInlineString, "=SUM(A1)", "=SUM(A1)", ""},
		// Beyond 2^53 a double would round it: kept as text.
		{"E2", excelize.CellTypeInlineString, "9007199254740993", "9007199254740993", ""},
		{"F2", excelize.CellTypeInlineString, "ok", "ok", ""},
		{"A3", excelize.CellTypeUnset, "-2", "-2", ""},
		{"B3", excelize.CellTypeUnset, "1234.5", "1234.5", ""},
		// Before March 1900 Excel's serials are off by one: kept as text.
		{"C3", excelize.CellTypeInlineString, "1899-12-31", "1899-12-31", ""},
		{"D3", excelize.CellTypeInlineString, "+1", "+1", ""},
		{"E3", excelize.CellTypeBool, "1", "TRUE", ""},
		{"F3", excelize.CellTypeInlineString, "x'ff'", "x'ff'", ""},
		{"A4", excelize.CellTypeUnset, "", "", ""},
		{"C4", excelize.CellTypeUnset, "", "", ""},
		{"D4", excelize.CellTypeInlineString, "@cmd -x", "@cmd -x", ""},
	}
	for _, c := range cells {
		typ, err := f.GetCellType(sheet, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := f.GetCellValue(sheet, c.cell, excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue(sheet, c.cell)
		formula, _ := f.GetCellFormula(sheet, c.cell)
		numFmt := ""
		if id, _ := f.GetCellStyle(sheet, c.cell); id != 0 {
			st, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			if st.CustomNumFmt != nil {
				numFmt = *st.CustomNumFmt
			}
		}
		if typ != c.typ || raw != c.raw || shown != c.shown || numFmt != c.fmt || formula != "" {
			t.Errorf("%s: got type %v, raw %q, shown %q, format %q, formula %q; want type %v, raw %q, shown %q, format %q, no formula",
				c.cell, typ, raw, shown, numFmt, formula, c.typ, c.raw, c.shown, c.fmt)
		}
	}

	for _, cell := range []string{"A1", "F1"} {
		id, _ := f.GetCellStyle(sheet, cell)
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.Font == nil || !st.Font.Bold {
			t.Errorf("header cell %s is not bold", cell)
		}
	}

	panes, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
		t.Errorf("panes: got %+v, want the first row frozen", panes)
	}

	// Widths: the longest of name + 3 (filter button) and the values, + 1,
	// at least 6.
	widths := map[string]float64{"A": 6, "B": 9, "C": 11, "D": 9, "E": 17, "F": 7}
	for col, want := range widths {
		if got, _ := f.GetColWidth(sheet, col); got != want {
			t.Errorf("width of column %s: got %v, want %v", col, got, want)
		}
	}

	ws := zipPart(t, buf.Bytes(), "xl/worksheets/sheet1.xml")
	if !strings.Contains(ws, `<autoFilter ref="$A$1:$F$4">`) {
		t.Errorf("sheet has no autofilter over A1:F4:\n%s", ws)
	}
	if strings.Contains(ws, "<f>") {
		t.Errorf("sheet has a formula:\n%s", ws)
	}
	wb := zipPart(t, buf.Bytes(), "xl/workbook.xml")
	if !strings.Contains(wb, `name="_xlnm._FilterDatabase"`) {
		t.Errorf("workbook does not define the filter range:\n%s", wb)
	}
}

// TestXLSXManyRows crosses from the rows held back for sizing the columns
// to the rows streamed straight through.
func TestXLSXManyRows(t *testing.T) {
	const n = xlsxWidthRows + 500
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{int64(i + 1), strings.Repeat("x", i/100)}
	}
	f := openXLSX(t, writeXLSX(t, Columns("n", "s"), rows))
	got, err := f.GetRows("result")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n+1 {
		t.Fatalf("got %d rows, want %d", len(got), n+1)
	}
	for _, i := range []int{1, xlsxWidthRows, xlsxWidthRows + 1, n} {
		want := []string{Text(int64(i)), strings.Repeat("x", (i-1)/100)}
		if want[1] == "" {
			want = want[:1] // GetRows drops trailing empty cells
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("row %d: got %q, want %q", i, got[i], want)
		}
	}
	// Only the first rows size the columns.
	if got, _ := f.GetColWidth("result", "B"); got != 9+1 {
		t.Errorf("width of B: got %v, want 10", got)
	}
}

func TestXLSXEmpty(t *testing.T) {
	b := writeXLSX(t, Columns("a", "b"), nil)
	f := openXLSX(t, b)
	got, _ := f.GetRows("result")
	if want := [][]string{{"a", "b"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if ws := zipPart(t, b, "xl/worksheets/sheet1.xml"); !strings.Contains(ws, `<autoFilter ref="$A$1:$B$1">`) {
		t.Errorf("no autofilter over the header:\n%s", ws)
	}
}

// TestXLSXNoHeader: with NoHeader the rows start at A1, and there is no
// frozen header row or filter, and the row limit counts no header.
func TestXLSXNoHeader(t *testing.T) {
	var buf bytes.Buffer
	w, err := New(XLSX, &buf, Options{NoHeader: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := writeAll(t, w, Columns("a", "b"), [][]any{{int64(1), "x"}, {int64(2), "y"}}); err != nil {
		t.Fatal(err)
	}
	got, _ := openXLSX(t, buf.Bytes()).GetRows("result")
	if want := [][]string{{"1", "x"}, {"2", "y"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("rows: got %q, want %q", got, want)
	}
	ws := zipPart(t, buf.Bytes(), "xl/worksheets/sheet1.xml")
	if strings.Contains(ws, "<autoFilter") || strings.Contains(ws, "<pane") {
		t.Errorf("a sheet without header has a filter or frozen pane:\n%s", ws)
	}

	w, _ = New(XLSX, io.Discard, Options{NoHeader: true})
	w.(*xlsxSheet).maxRows = 3
	if err := w.Header(Columns("n")); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := w.Row([]any{int64(i)}); err != nil {
			t.Fatalf("row %d of 3: %v", i+1, err)
		}
	}
	err = w.Row([]any{int64(4)})
	if want := "xlsx: result has more than 3 rows, Excel's limit; use --format csv or parquet"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

func TestXLSXRowLimit(t *testing.T) {
	w, _ := New(XLSX, io.Discard, Options{})
	w.(*xlsxSheet).maxRows = 4 // the header and three rows
	rows := [][]any{{int64(1)}, {int64(2)}, {int64(3)}}
	if err := w.Header(Columns("n")); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Row(r); err != nil {
			t.Fatal(err)
		}
	}
	err := w.Row([]any{int64(4)})
	want := "xlsx: result has more than 3 rows, Excel's limit; use --format csv or parquet"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

// TestXLSXRealRowLimit writes Excel's real limit; it takes seconds, so it
// runs only with INCQ_HEAVY=1.
func TestXLSXRealRowLimit(t *testing.T) {
	heavy.Test(t, "writes 1,048,575 rows")
	w, _ := New(XLSX, io.Discard, Options{})
	if err := w.Header(Columns("n")); err != nil {
		t.Fatal(err)
	}
	row := []any{int64(0)}
	for i := range XLSXMaxRows - 1 {
		row[0] = int64(i)
		if err := w.Row(row); err != nil {
			t.Fatalf("row %d: %v", i+1, err)
		}
	}
	err := w.Row(row)
	want := "xlsx: result has more than 1048575 rows, Excel's limit; use --format csv or parquet"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

func TestXLSXLongText(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"at the limit", strings.Repeat("x", XLSXMaxCellChars), ""},
		{"one over", strings.Repeat("x", XLSXMaxCellChars+1),
			`xlsx: row 2, column "t": text of 32768 characters is longer than 32767, Excel's limit for a cell`},
		// An emoji is two UTF-16 units, as Excel counts.
		{"surrogates", strings.Repeat("x", XLSXMaxCellChars-1) + "😀",
			`xlsx: row 2, column "t": text of 32768 characters is longer than 32767, Excel's limit for a cell`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, _ := New(XLSX, io.Discard, Options{})
			err := writeAll(t, w, []Column{{"n", TypeInteger}, {"t", TypeText}},
				[][]any{{int64(1), "short"}, {int64(2), tt.text}})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExcelSerial(t *testing.T) {
	tests := []struct {
		t    time.Time
		want float64
		ok   bool
	}{
		{time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), 61, true},
		{time.Date(2020, 9, 27, 0, 0, 0, 0, time.UTC), 44101, true},
		{time.Date(2020, 9, 27, 18, 0, 0, 0, time.FixedZone("AMT", 4*3600)), 44101.75, true},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), 2958465, true},
		{time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC), 0, false},
	}
	for _, tt := range tests {
		got, ok := ExcelSerial(tt.t)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ExcelSerial(%v): got %v, %v; want %v, %v", tt.t, got, ok, tt.want, tt.ok)
		}
	}
}

func TestWorkbook(t *testing.T) {
	var buf bytes.Buffer
	b, err := NewWorkbook(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sheets := []struct {
		name, description string
		cols              []Column
		rows              [][]any
	}{
		{"incidents", "One event in time and place", []Column{{"incident_id", TypeText}, {"date", TypeDate}},
			[][]any{{"I01", "2020-07-12"}, {"I02", "2020-09-27"}}},
		{"places", "The gazetteer", []Column{{"place_id", TypeText}, {"lat", TypeReal}},
			[][]any{{"tovuz", 40.99}}},
	}
	for _, s := range sheets {
		w, err := b.AddSheet(s.name, s.description)
		if err != nil {
			t.Fatal(err)
		}
		if err := writeAll(t, w, s.cols, s.rows); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.AddSheet("Places", ""); err == nil || err.Error() != `xlsx: sheet name "Places" is taken by sheet "places" (Excel ignores case in sheet names)` {
		t.Errorf("duplicate sheet: got %v", err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	f := openXLSX(t, buf.Bytes())
	if got, want := f.GetSheetList(), []string{"tables", "incidents", "places"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets: got %q, want %q", got, want)
	}
	got, _ := f.GetRows("tables")
	want := [][]string{
		{"table", "description", "rows"},
		{"incidents", "One event in time and place", "2"},
		{"places", "The gazetteer", "1"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tables: got %q, want %q", got, want)
	}
	if v, _ := f.GetCellValue("incidents", "B3", excelize.Options{RawCellValue: true}); v != "44101" {
		t.Errorf("incidents!B3: got %q, want the serial 44101", v)
	}
	for i, sheet := range f.GetSheetList() {
		panes, _ := f.GetPanes(sheet)
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("sheet %q: header not frozen: %+v", sheet, panes)
		}
		ws := zipPart(t, buf.Bytes(), "xl/worksheets/sheet"+Text(int64(i+1))+".xml")
		if !strings.Contains(ws, "<autoFilter ") {
			t.Errorf("sheet %q has no autofilter", sheet)
		}
		// The tables sheet opens first, and its tab alone is selected
		// (several selected tabs would group the sheets in Excel).
		if got, want := strings.Contains(ws, `tabSelected="true"`), i == 0; got != want {
			t.Errorf("sheet %q: tab selected %v, want %v", sheet, got, want)
		}
	}
	if got := f.GetActiveSheetIndex(); got != 0 {
		t.Errorf("active sheet %d, want 0 (tables)", got)
	}
}

// Abort releases a workbook and writes nothing.
func TestWorkbookAbort(t *testing.T) {
	var buf bytes.Buffer
	b, err := NewWorkbook(&buf)
	if err != nil {
		t.Fatal(err)
	}
	w, err := b.AddSheet("incidents", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := writeAll(t, w, Columns("id"), [][]any{{"I01"}}); err != nil {
		t.Fatal(err)
	}
	b.Abort()
	b.Abort()
	if err := b.Close(); err != nil || buf.Len() != 0 {
		t.Errorf("Close after Abort: %v, %d bytes written; want nil and none", err, buf.Len())
	}
}

func TestWorkbookErrors(t *testing.T) {
	names := []struct{ name, want string }{
		{"", "xlsx: a sheet name cannot be empty"},
		{strings.Repeat("n", 32), `xlsx: sheet name "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" is longer than 31 characters, Excel's limit`},
		{"a/b", `xlsx: sheet name "a/b" has "/", which Excel does not allow in a sheet name (none of []:*?/\)`},
		{"why?", `xlsx: sheet name "why?" has "?", which Excel does not allow in a sheet name (none of []:*?/\)`},
		{"'quoted'", `xlsx: sheet name "'quoted'" starts or ends with an apostrophe, which Excel does not allow`},
		{"Tables", `xlsx: sheet name "Tables" is taken by sheet "tables" (Excel ignores case in sheet names)`},
	}
	b, err := NewWorkbook(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, tt := range names {
		if _, err := b.AddSheet(tt.name, ""); err == nil || err.Error() != tt.want {
			t.Errorf("AddSheet(%q): got %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := b.AddSheet(strings.Repeat("n", 31), ""); err != nil {
		t.Errorf("a name of 31 characters: %v", err)
	}
	if _, err := New(XLSX, io.Discard, Options{Sheet: "a:b"}); err == nil {
		t.Error("New with sheet name a:b: no error")
	}

	b2, _ := NewWorkbook(io.Discard)
	w, _ := b2.AddSheet("open", "")
	w.Header(Columns("a"))
	if err := b2.Close(); err == nil || err.Error() != `xlsx: sheet "open" was not flushed` {
		t.Errorf("Close with a sheet not flushed: got %v", err)
	}
}

// TestXLSXControlCharacters: a workbook cannot hold control characters;
// the one-sheet writer says so once, naming every column it touched.
func TestXLSXControlCharacters(t *testing.T) {
	var notes []string
	w, err := New(XLSX, io.Discard, Options{Note: func(s string) { notes = append(notes, s) }})
	if err != nil {
		t.Fatal(err)
	}
	if err := writeAll(t, w, Columns("id", "text", "more"), [][]any{{int64(1), "fine\ttab", ""}, {int64(2), "a\x01b", ""}, {int64(3), "c\x02d", "e\x1bf"}}); err != nil {
		t.Fatal(err)
	}
	want := []string{`xlsx: control characters, which a workbook cannot hold, were written as U+FFFD in columns "text" (2 cells, first in row 2), "more" (1 cell, first in row 3)`}
	if !reflect.DeepEqual(notes, want) {
		t.Errorf("notes: got %q, want %q", notes, want)
	}
}
