package render

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/incq/incq/internal/xlsx"
)

// Excel's limits, which an xlsx writer enforces with an error rather than
// a silent cut.
const (
	// XLSXMaxRows is the most rows a sheet holds, the header included.
	XLSXMaxRows = xlsx.MaxRows
	// XLSXMaxCellChars is the most characters (UTF-16 code units) a cell
	// holds.
	XLSXMaxCellChars = xlsx.MaxCellChars
	// XLSXMaxSheetName is the longest sheet name, in characters.
	XLSXMaxSheetName = xlsx.MaxSheetName
)

// XLSXIndexSheet is the name of the first sheet of a Workbook, which lists
// the other sheets.
const XLSXIndexSheet = "tables"

// The layout of a sheet: column widths come from the header and the first
// xlsxWidthRows rows, bounded to [xlsxMinWidth, xlsxMaxWidth] characters.
const (
	xlsxWidthRows = 1000
	xlsxMinWidth  = 6
	xlsxMaxWidth  = 60
	xlsxDateFmt   = "yyyy-mm-dd"
	xlsxTimeFmt   = "yyyy-mm-dd hh:mm:ss"
)

// Workbook writes an Excel workbook of one or more sheets, each filled
// through its own Writer, to an io.Writer. The first sheet, "tables",
// lists the other sheets with their descriptions and row counts.
//
// Sheets stream: each sheet's rows are compressed as they come, into
// memory and past 16 MiB into a temporary file. Close assembles the
// workbook around them and writes it out.
type Workbook struct {
	book   *xlsx.Book
	w      io.Writer
	index  *xlsx.Sheet // the "tables" sheet; nil in a one-sheet workbook
	sheets []*xlsxSheet
	closed bool
}

// NewWorkbook starts a workbook written to w by Close, with its "tables"
// sheet first.
func NewWorkbook(w io.Writer) (*Workbook, error) {
	b := &Workbook{book: xlsx.New(), w: w}
	b.index = b.book.AddSheet(XLSXIndexSheet)
	return b, nil
}

// AddSheet adds a sheet named name and returns the Writer that fills it:
// call Header, Row for each row, then Flush, before adding the next sheet.
// The description is shown beside the sheet's name on the "tables" sheet.
// A name Excel would refuse (empty, longer than 31 characters, holding one
// of []:*?/\, starting or ending with ', or already taken, in any case) is
// an error.
func (b *Workbook) AddSheet(name, description string) (Writer, error) {
	if b.closed {
		return nil, errors.New("xlsx: add sheet: the workbook is closed")
	}
	if err := checkSheetName(name); err != nil {
		return nil, err
	}
	taken := []string{}
	if b.index != nil {
		taken = append(taken, XLSXIndexSheet)
	}
	for _, s := range b.sheets {
		taken = append(taken, s.name)
	}
	for _, t := range taken {
		if strings.EqualFold(t, name) {
			return nil, fmt.Errorf("xlsx: sheet name %q is taken by sheet %q (Excel ignores case in sheet names)", name, t)
		}
	}
	s := &xlsxSheet{book: b, sheet: b.book.AddSheet(name), name: name, description: description, maxRows: XLSXMaxRows}
	b.sheets = append(b.sheets, s)
	return s, nil
}

// checkSheetName applies Excel's rules for sheet names, with errors that
// say which rule a name breaks.
func checkSheetName(name string) error {
	switch {
	case name == "":
		return errors.New("xlsx: a sheet name cannot be empty")
	case len(utf16.Encode([]rune(name))) > XLSXMaxSheetName:
		return fmt.Errorf("xlsx: sheet name %q is longer than %d characters, Excel's limit", name, XLSXMaxSheetName)
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return fmt.Errorf("xlsx: sheet name %q starts or ends with an apostrophe, which Excel does not allow", name)
	}
	if i := strings.IndexAny(name, `[]:*?/\`); i >= 0 {
		return fmt.Errorf("xlsx: sheet name %q has %q, which Excel does not allow in a sheet name (none of []:*?/\\)", name, name[i:i+1])
	}
	return nil
}

// Close writes the "tables" sheet and the workbook to w. Every sheet must
// have been flushed. Close releases the workbook's temporary files even
// when it fails; calling it again does nothing.
func (b *Workbook) Close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	defer b.book.Abort()
	for _, s := range b.sheets {
		if !s.flushed {
			return fmt.Errorf("xlsx: sheet %q was not flushed", s.name)
		}
	}
	if b.index != nil {
		if err := b.writeIndex(); err != nil {
			return err
		}
	}
	if _, err := b.book.WriteTo(b.w); err != nil {
		return fmt.Errorf("xlsx: write workbook: %w", err)
	}
	return nil
}

// Abort abandons the workbook: it releases its temporary files and
// writes nothing. Calling it after Close, or again, does nothing.
func (b *Workbook) Abort() {
	if b.closed {
		return
	}
	b.closed = true
	b.book.Abort()
}

// writeIndex fills the "tables" sheet: one row per other sheet.
func (b *Workbook) writeIndex() error {
	s := &xlsxSheet{book: b, sheet: b.index, name: XLSXIndexSheet, maxRows: XLSXMaxRows}
	if err := s.Header([]Column{{"table", TypeText}, {"description", TypeText}, {"rows", TypeInteger}}); err != nil {
		return err
	}
	for _, t := range b.sheets {
		if err := s.Row([]any{t.name, t.description, int64(t.rows)}); err != nil {
			return err
		}
	}
	return s.Flush()
}

// xlsxSheet writes one sheet. It holds back the first rows until it has
// seen enough of them to size the columns, since the stream writer must
// have the widths before the first row.
type xlsxSheet struct {
	book        *Workbook
	sheet       *xlsx.Sheet
	name        string
	description string
	single      bool         // the sheet is the whole workbook: Flush closes it
	maxRows     int          // XLSXMaxRows; smaller in tests
	noHeader    bool         // no header row, and so no frozen pane or filter
	note        func(string) // Options.Note, for a one-sheet workbook
	replaced    []replaced   // per column, the cells whose control characters became U+FFFD
	cols        []Column
	widths      []int
	held        [][]any // the rows seen before the widths were set
	started     bool    // the widths, panes and header are written
	rows        int     // result rows so far, the header not counted
	headed      bool    // Header was called
	flushed     bool
}

// newXLSX returns a writer of a one-sheet workbook.
func newXLSX(w io.Writer, opts Options) (Writer, error) {
	name := opts.Sheet
	if name == "" {
		name = "result"
	}
	if err := checkSheetName(name); err != nil {
		return nil, err
	}
	b := &Workbook{book: xlsx.New(), w: w}
	s := &xlsxSheet{book: b, sheet: b.book.AddSheet(name), name: name, single: true, maxRows: XLSXMaxRows, noHeader: opts.NoHeader, note: opts.Note}
	b.sheets = append(b.sheets, s)
	return s, nil
}

func (s *xlsxSheet) Header(cols []Column) error {
	if len(cols) > xlsx.MaxCols {
		return s.fail(fmt.Errorf("xlsx: result has %d columns, more than %d, Excel's limit", len(cols), xlsx.MaxCols))
	}
	s.headed = true
	s.cols = cols
	s.widths = make([]int, len(cols))
	for i, c := range cols {
		if !s.noHeader {
			s.widths[i] = utf8.RuneCountInString(c.Name) + 3 // room for the filter button
		}
	}
	return nil
}

func (s *xlsxSheet) Row(vals []any) error {
	if s.rows+s.top() >= s.maxRows {
		return s.fail(fmt.Errorf("xlsx: result has more than %d rows, Excel's limit; use --format csv or parquet", s.maxRows-s.top()))
	}
	s.rows++
	if !s.started {
		for i, v := range vals {
			if w := xlsxWidth(v, s.cols[i].Type); w > s.widths[i] {
				s.widths[i] = w
			}
		}
		s.held = append(s.held, append([]any(nil), vals...))
		if len(s.held) < xlsxWidthRows {
			return nil
		}
		return s.start()
	}
	return s.write(s.rows, vals)
}

// xlsxWidth is the width, in characters, a value needs in a sheet.
func xlsxWidth(v any, t Type) int {
	switch v := v.(type) {
	case nil:
		return 0
	case string:
		if t == TypeDate {
			return len(xlsxDateFmt)
		}
		// A multi-line text is as wide as its widest line.
		w := 0
		for line := range strings.SplitSeq(v, "\n") {
			w = max(w, utf8.RuneCountInString(line))
		}
		return w
	case time.Time:
		return len(xlsxTimeFmt)
	}
	return utf8.RuneCountInString(Text(v))
}

// start sets the columns' widths, freezes the header row, writes it and
// the rows held back so far.
func (s *xlsxSheet) start() error {
	s.started = true
	widths := make([]float64, len(s.widths))
	for i, w := range s.widths {
		widths[i] = float64(min(max(w+1, xlsxMinWidth), xlsxMaxWidth))
	}
	header := len(s.cols) > 0 && !s.noHeader
	if err := s.sheet.Begin(widths, header); err != nil {
		return s.fail(fmt.Errorf("xlsx: sheet %q: %w", s.name, err))
	}
	if header {
		s.sheet.StartRow()
		for _, c := range s.cols {
			s.sheet.Text(c.Name, xlsx.Bold)
		}
	}
	err := replay(s.held, s.rows, s.write)
	s.held = nil
	return err
}

// top is the number of rows above the result's: the header's.
func (s *xlsxSheet) top() int {
	if s.noHeader {
		return 0
	}
	return 1
}

// write writes result row n (1-based; sheet row n+1 under a header).
func (s *xlsxSheet) write(n int, vals []any) error {
	// Check the row before writing any of it.
	for i, v := range vals {
		if err := checkCell(v); err != nil {
			return s.fail(fmt.Errorf("xlsx: row %d, column %q: %w", n, s.cols[i].Name, err))
		}
		if str, ok := v.(string); ok && s.note != nil && strings.ContainsFunc(str, isControl) {
			if s.replaced == nil {
				s.replaced = make([]replaced, len(s.cols))
			}
			if s.replaced[i].cells == 0 {
				s.replaced[i].first = n
			}
			s.replaced[i].cells++
		}
	}
	s.sheet.StartRow()
	for i, v := range vals {
		s.cell(v, s.cols[i].Type)
	}
	if err := s.sheet.Err(); err != nil {
		return s.fail(fmt.Errorf("xlsx: row %d: %w", n, err))
	}
	return nil
}

// excelEpoch is day 0 of Excel's 1900 date system, as Excel counts from
// March 1900 on (it has a 29 February 1900 that never was).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelMinDate is the first date this writer stores as a date serial;
// earlier dates (Excel counts them differently or not at all) stay text.
var excelMinDate = time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)

// ExcelSerial returns Excel's serial number for t's wall-clock time (days
// since 1899-12-30, the time of day as a fraction), and false for times
// before 1900-03-01 or after 9999-12-31, which this package keeps as text.
func ExcelSerial(t time.Time) (float64, bool) {
	t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	if t.Before(excelMinDate) || t.Year() > 9999 {
		return 0, false
	}
	secs := t.Unix() - excelEpoch.Unix()
	days, rest := secs/86400, secs%86400
	return float64(days) + (float64(rest)+float64(t.Nanosecond())/1e9)/86400, true
}

// maxExactInt is the largest integer a double (an Excel number) holds
// exactly; larger ones are written as text rather than rounded.
const maxExactInt = 1 << 53

// cell writes a value as the next cell of the row: numbers as numbers,
// dates as date serials with a date format, and text always as text
// (inline strings: a text that starts with = is never a formula).
func (s *xlsxSheet) cell(v any, t Type) {
	sh := s.sheet
	switch v := v.(type) {
	case nil:
		sh.Skip()
	case int64:
		if v > maxExactInt || v < -maxExactInt {
			sh.Text(Text(v), xlsx.Plain)
			return
		}
		sh.Int(v)
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			sh.Text(Text(v), xlsx.Plain) // Excel has no such number
			return
		}
		sh.Float(v, xlsx.Plain)
	case bool:
		sh.Bool(v)
	case time.Time:
		if serial, ok := ExcelSerial(v); ok {
			sh.Float(serial, xlsx.DateTime)
			return
		}
		sh.Text(v.Format(time.RFC3339Nano), xlsx.Plain)
	case string:
		if t == TypeDate {
			if d, err := time.Parse(time.DateOnly, v); err == nil {
				if serial, ok := ExcelSerial(d); ok {
					sh.Float(serial, xlsx.Date)
					return
				}
			}
		}
		sh.Text(v, xlsx.Plain)
	default:
		sh.Text(Text(v), xlsx.Plain)
	}
}

// checkCell returns an error for a value no cell can hold: a text longer
// than Excel's limit.
func checkCell(v any) error {
	switch v := v.(type) {
	case nil, int64, float64, bool, time.Time:
		return nil
	case string:
		return checkCellText(v)
	}
	return checkCellText(Text(v))
}

// isControl reports whether r is a control character XML 1.0, and so a
// workbook, cannot hold (tab, line feed and carriage return it can).
func isControl(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }

func checkCellText(s string) error {
	if len(s) > XLSXMaxCellChars { // a cheap bound: UTF-16 units never outnumber bytes
		if n := utf16Len(s); n > XLSXMaxCellChars {
			return fmt.Errorf("text of %d characters is longer than %d, Excel's limit for a cell", n, XLSXMaxCellChars)
		}
	}
	return nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// Flush writes the rows still held back, sets the autofilter over the
// header and the rows, and ends the sheet; a one-sheet workbook is then
// written out.
func (s *xlsxSheet) Flush() error {
	if s.flushed {
		return nil
	}
	if !s.headed {
		if err := s.Header(nil); err != nil {
			return err
		}
	}
	if !s.started {
		if err := s.start(); err != nil {
			return err
		}
	}
	filter := 0
	if !s.noHeader {
		filter = len(s.cols)
	}
	if err := s.sheet.End(filter); err != nil {
		return s.fail(fmt.Errorf("xlsx: sheet %q: %w", s.name, err))
	}
	s.flushed = true
	s.noteReplaced()
	if s.single {
		return s.book.Close()
	}
	return nil
}

// replaced counts a column's cells written with U+FFFD for control
// characters, and the first row of them.
type replaced struct{ cells, first int }

// noteReplaced sends one note naming every column whose control
// characters were written as U+FFFD.
func (s *xlsxSheet) noteReplaced() {
	var parts []string
	for i, r := range s.replaced {
		if r.cells == 0 {
			continue
		}
		cells := "1 cell"
		if r.cells > 1 {
			cells = fmt.Sprintf("%d cells", r.cells)
		}
		parts = append(parts, fmt.Sprintf("%q (%s, first in row %d)", s.cols[i].Name, cells, r.first))
	}
	if len(parts) == 0 {
		return
	}
	column := "column "
	if len(parts) > 1 {
		column = "columns "
	}
	s.note("xlsx: control characters, which a workbook cannot hold, were written as U+FFFD in " + column + strings.Join(parts, ", "))
}

// fail releases a one-sheet workbook's temporary files on an error: the
// caller abandons a writer that failed.
func (s *xlsxSheet) fail(err error) error {
	if s.single {
		s.book.Abort()
	}
	return err
}
