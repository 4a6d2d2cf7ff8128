// Package xlsx writes Excel workbooks (Office Open XML spreadsheets) as a
// stream: typed cells, a bold header style and two date styles, column
// widths, a frozen header row and an autofilter, any number of sheets.
//
// It is incq's own writer, small on purpose: a general spreadsheet library
// costs every run of incq its package initialisation (several milliseconds
// of regular expressions and tables) for a format few runs write. Tests
// read what it writes back through excelize.
//
// Each sheet's XML is compressed as it is written, into memory and past
// 16 MiB into a temporary file; WriteTo then assembles the zip package
// around the compressed sheets, so nothing reaches the output until the
// whole workbook is known (Abort writes nothing).
package xlsx

import (
	"github.com/incq/incq/internal/atomicfile"

	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Excel's limits.
const (
	MaxRows      = 1048576 // rows in a sheet
	MaxCols      = 16384   // columns in a sheet
	MaxCellChars = 32767   // characters (UTF-16 code units) in a cell
	MaxSheetName = 31      // characters in a sheet name
)

// Style is a cell's style: one of the few every workbook carries.
type Style int

// The styles of a workbook; their values are the cellXfs indexes of
// styles.xml.
const (
	Plain    Style = iota // the default
	Bold                  // a header cell
	Date                  // a date serial shown as yyyy-mm-dd
	DateTime              // a date serial shown as yyyy-mm-dd hh:mm:ss
)

// spillAt is how much of a sheet's compressed XML is kept in memory before
// the rest goes to a temporary file.
const spillAt = 16 << 20

// Book is a workbook being written.
type Book struct {
	sheets []*Sheet
	closed bool
}

// New starts an empty workbook.
func New() *Book { return &Book{} }

// AddSheet adds a sheet named name after the others. The name is not
// checked against Excel's rules; the caller does that.
func (b *Book) AddSheet(name string) *Sheet {
	s := &Sheet{book: b, name: name, index: len(b.sheets), data: spill{limit: spillAt}}
	b.sheets = append(b.sheets, s)
	return s
}

// Abort releases the workbook's temporary files. Calling it again, or
// after WriteTo, does nothing harmful.
func (b *Book) Abort() {
	b.closed = true
	for _, s := range b.sheets {
		s.release()
	}
}

// WriteTo writes the workbook, every sheet of which must have been ended,
// to w as one zip package, and releases its temporary files.
func (b *Book) WriteTo(w io.Writer) (n int64, err error) {
	defer b.Abort()
	if b.closed {
		return 0, errors.New("the workbook is closed")
	}
	if len(b.sheets) == 0 {
		return 0, errors.New("a workbook needs a sheet")
	}
	for _, s := range b.sheets {
		if !s.ended {
			return 0, fmt.Errorf("sheet %q was not ended", s.name)
		}
	}
	cw := &countWriter{w: w}
	z := zip.NewWriter(cw)
	parts := []struct {
		name string
		data func(*bytes.Buffer)
	}{
		{"[Content_Types].xml", b.contentTypes},
		{"_rels/.rels", func(buf *bytes.Buffer) { buf.WriteString(rootRels) }},
		{"xl/workbook.xml", b.workbook},
		{"xl/_rels/workbook.xml.rels", b.workbookRels},
		{"xl/styles.xml", func(buf *bytes.Buffer) { buf.WriteString(styles) }},
	}
	var buf bytes.Buffer
	for _, p := range parts {
		buf.Reset()
		p.data(&buf)
		f, err := z.Create(p.name)
		if err != nil {
			return cw.n, err
		}
		if _, err := f.Write(buf.Bytes()); err != nil {
			return cw.n, err
		}
	}
	for _, s := range b.sheets {
		f, err := z.CreateRaw(&zip.FileHeader{
			Name:               s.partName(),
			Method:             zip.Deflate,
			CRC32:              s.sum.Sum32(),
			CompressedSize64:   uint64(s.data.size),
			UncompressedSize64: uint64(s.size),
		})
		if err != nil {
			return cw.n, err
		}
		r, err := s.data.reader()
		if err != nil {
			return cw.n, err
		}
		if _, err := io.Copy(f, r); err != nil {
			return cw.n, err
		}
	}
	err = z.Close()
	return cw.n, err
}

func (b *Book) contentTypes(buf *bytes.Buffer) {
	buf.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	for _, s := range b.sheets {
		buf.WriteString(`<Override PartName="/` + s.partName() + `" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
	}
	buf.WriteString(`</Types>`)
}

func (b *Book) workbook(buf *bytes.Buffer) {
	buf.WriteString(xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for i, s := range b.sheets {
		fmt.Fprintf(buf, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escapeAttr(s.name), i+1, i+1)
	}
	buf.WriteString(`</sheets>`)
	defined := false
	for _, s := range b.sheets {
		if s.filter == "" {
			continue
		}
		if !defined {
			buf.WriteString(`<definedNames>`)
			defined = true
		}
		// The filter's range, as Excel itself records it.
		ref := "'" + strings.ReplaceAll(s.name, "'", "''") + "'!" + s.filter
		fmt.Fprintf(buf, `<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">`, s.index)
		writeText(buf, ref)
		buf.WriteString(`</definedName>`)
	}
	if defined {
		buf.WriteString(`</definedNames>`)
	}
	buf.WriteString(`</workbook>`)
}

func (b *Book) workbookRels(buf *bytes.Buffer) {
	buf.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, s := range b.sheets {
		fmt.Fprintf(buf, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, s.index+1)
	}
	fmt.Fprintf(buf, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, len(b.sheets)+1)
	buf.WriteString(`</Relationships>`)
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const rootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`</Relationships>`

// styles holds the cell formats, in the order of the Style constants:
// plain, bold, date and date-time (custom number formats 164 and 165).
const styles = xmlHeader + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="4">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`</cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`

// Sheet is one sheet of a workbook: Begin it, write its rows, End it.
type Sheet struct {
	book   *Book
	name   string
	index  int
	filter string // the autofilter's range, as $A$1:$C$9; empty for none

	data  spill
	fw    *flate.Writer
	sum   hash.Hash32
	size  int64 // bytes of XML, before compression
	w     *bufio.Writer
	cols  []string // column letters, A, B, …
	row   int      // the last row written
	cell  int      // cells written in the current row
	num   []byte
	begun bool
	ended bool
	err   error
}

func (s *Sheet) partName() string { return "xl/worksheets/sheet" + strconv.Itoa(s.index+1) + ".xml" }

// Write takes the sheet's XML: it sums and compresses it.
func (s *Sheet) Write(p []byte) (int, error) {
	s.sum.Write(p)
	s.size += int64(len(p))
	return s.fw.Write(p)
}

// Begin starts the sheet: the widths of its first columns, in characters,
// and whether its first row is a header kept in view when scrolling.
func (s *Sheet) Begin(widths []float64, freezeHeader bool) error {
	if s.begun {
		return errors.New("sheet begun twice")
	}
	s.begun = true
	fw, err := flate.NewWriter(&s.data, flate.DefaultCompression)
	if err != nil {
		return err
	}
	s.fw, s.sum = fw, crc32.NewIEEE()
	s.w = bufio.NewWriterSize(s, 64<<10)
	w := s.w
	w.WriteString(xmlHeader + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	w.WriteString(`<sheetViews><sheetView`)
	if s.index == 0 {
		w.WriteString(` tabSelected="true"`)
	}
	w.WriteString(` workbookViewId="0">`)
	if freezeHeader {
		w.WriteString(`<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
			`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>`)
	}
	w.WriteString(`</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	if len(widths) > 0 {
		w.WriteString(`<cols>`)
		for i, width := range widths {
			n := strconv.Itoa(i + 1)
			w.WriteString(`<col min="` + n + `" max="` + n + `" width="` + strconv.FormatFloat(width, 'f', -1, 64) + `" customWidth="1"/>`)
		}
		w.WriteString(`</cols>`)
	}
	_, err = w.WriteString(`<sheetData>`)
	return s.check(err)
}

// ColumnName returns the letters of column i (0 is A, 26 is AA).
func ColumnName(i int) string {
	var b [4]byte
	n := len(b)
	for i++; i > 0; i = (i - 1) / 26 {
		n--
		b[n] = byte('A' + (i-1)%26)
	}
	return string(b[n:])
}

// CellRange returns a range from A1 to the cell at column cols-1, row
// rows, in absolute form ($A$1:$C$9), as an autofilter names it.
func CellRange(cols, rows int) string {
	return "$A$1:$" + ColumnName(cols-1) + "$" + strconv.Itoa(rows)
}

// StartRow starts the next row; the cells that follow fill it from column
// A, and Skip leaves a cell empty.
func (s *Sheet) StartRow() {
	if s.row > 0 {
		s.w.WriteString(`</row>`)
	}
	s.row++
	s.cell = 0
	s.w.WriteString(`<row r="` + strconv.Itoa(s.row) + `">`)
}

// Skip leaves the next cell of the row empty.
func (s *Sheet) Skip() { s.cell++ }

// ref writes the start of a cell: its reference and style.
func (s *Sheet) ref(style Style, typ string) {
	for len(s.cols) <= s.cell {
		s.cols = append(s.cols, ColumnName(len(s.cols)))
	}
	w := s.w
	w.WriteString(`<c r="`)
	w.WriteString(s.cols[s.cell])
	s.num = strconv.AppendInt(s.num[:0], int64(s.row), 10)
	w.Write(s.num)
	w.WriteByte('"')
	if style != Plain {
		w.WriteString(` s="`)
		w.WriteString(strconv.Itoa(int(style)))
		w.WriteByte('"')
	}
	w.WriteString(typ)
	w.WriteByte('>')
	s.cell++
}

// Int writes a number cell holding an integer.
func (s *Sheet) Int(v int64) {
	s.ref(Plain, "")
	s.num = strconv.AppendInt(s.num[:0], v, 10)
	s.w.WriteString(`<v>`)
	s.w.Write(s.num)
	s.w.WriteString(`</v></c>`)
}

// Float writes a number cell, to Excel's 15 significant digits; NaN and
// infinities, which Excel has no number for, are the caller's to avoid.
func (s *Sheet) Float(v float64, style Style) {
	s.ref(style, "")
	s.w.WriteString(`<v>`)
	s.w.WriteString(formatFloat(v))
	s.w.WriteString(`</v></c>`)
}

// Bool writes a TRUE or FALSE cell.
func (s *Sheet) Bool(v bool) {
	s.ref(Plain, ` t="b"`)
	if v {
		s.w.WriteString(`<v>1</v></c>`)
	} else {
		s.w.WriteString(`<v>0</v></c>`)
	}
}

// Text writes a text cell (an inline string: never a formula, whatever it
// starts with). Characters XML cannot hold are written as U+FFFD; the
// caller keeps the text within MaxCellChars.
func (s *Sheet) Text(v string, style Style) {
	s.ref(style, ` t="inlineStr"`)
	w := s.w
	if v != "" && (isSpace(v[0]) || isSpace(v[len(v)-1])) {
		w.WriteString(`<is><t xml:space="preserve">`)
	} else {
		w.WriteString(`<is><t>`)
	}
	writeText(w, v)
	w.WriteString(`</t></is></c>`)
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// End ends the sheet's rows and, when filterCols > 0, sets an autofilter
// over the first filterCols columns of every row written.
func (s *Sheet) End(filterCols int) error {
	if !s.begun {
		return errors.New("sheet not begun")
	}
	if s.ended {
		return nil
	}
	s.ended = true
	w := s.w
	if s.row > 0 {
		w.WriteString(`</row>`)
	}
	w.WriteString(`</sheetData>`)
	if filterCols > 0 {
		s.filter = CellRange(filterCols, max(s.row, 1))
		w.WriteString(`<autoFilter ref="` + s.filter + `"></autoFilter>`)
	}
	w.WriteString(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	err := w.Flush()
	if err == nil {
		err = s.fw.Close()
	}
	return s.check(err)
}

// Err returns the first error writing the sheet met: the cells report
// none, and a sheet whose storage failed says so here and at End.
func (s *Sheet) Err() error {
	if s.err != nil {
		return s.err
	}
	if s.data.err != nil {
		return s.data.err
	}
	return nil
}

func (s *Sheet) check(err error) error {
	if err != nil && s.err == nil {
		s.err = err
	}
	return s.Err()
}

func (s *Sheet) release() { s.data.release() }

// formatFloat writes v in plain decimal notation cut to Excel's 15
// significant digits, as Excel itself stores a typed number.
func formatFloat(v float64) string {
	str := strconv.FormatFloat(v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for i := 0; i < len(str); i++ {
		c := str[i]
		if c < '0' || c > '9' || significant == 0 && c == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && i > decimal {
			return strings.TrimSuffix(str[:i], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		cut := []byte(str[:decimal])
		for ; i < len(cut); i++ {
			cut[i] = '0'
		}
		return string(cut)
	}
	return str
}

// textWriter is what writeText writes to.
type textWriter interface {
	io.ByteWriter
	io.StringWriter
	WriteRune(rune) (int, error)
}

// writeText writes s as XML character data. Besides the markup characters
// it escapes a carriage return (which XML would read as a line feed) and
// writes U+FFFD for what XML 1.0 cannot hold: control characters other
// than tab, line feed and carriage return, U+FFFE, U+FFFF and bytes that
// are not UTF-8. Text that looks like one of OOXML's escapes, _x0041_, has
// its underscore escaped (_x005F_) so that Excel shows it as written.
func writeText(w textWriter, s string) {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		width := 1
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '\r':
			esc = "&#xD;"
		case c == '_' && isOOXMLEscape(s[i:]):
			esc = "_x005F_"
		case c < 0x20 && c != '\t' && c != '\n':
			esc = "\uFFFD"
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			width = n
			if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
				esc = "\uFFFD"
			}
		}
		if esc == "" {
			i += width
			continue
		}
		w.WriteString(s[start:i])
		w.WriteString(esc)
		i += width
		start = i
	}
	w.WriteString(s[start:])
}

// isOOXMLEscape reports whether s starts with _xHHHH_, four hex digits.
func isOOXMLEscape(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func escapeAttr(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case utf8.RuneError, 0xFFFE, 0xFFFF:
			b.WriteRune(utf8.RuneError)
		default:
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				r = utf8.RuneError
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// spill keeps bytes in memory up to limit, then in a temporary file of
// incq's own (atomicfile.NewTemp, in $TMPDIR): registered, so that every
// way out of the process removes it, a forced exit past --timeout and a
// signal included, and removed when the workbook is closed or abandoned.
type spill struct {
	limit int
	mem   bytes.Buffer
	tmp   *atomicfile.Temp
	file  *os.File
	size  int64
	err   error
}

func (s *spill) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	s.size += int64(len(p))
	if s.file == nil && s.mem.Len()+len(p) <= s.limit {
		return s.mem.Write(p)
	}
	if s.file == nil {
		tmp, err := atomicfile.NewTemp(os.TempDir(), "xlsx-sheet")
		if err != nil {
			s.err = fmt.Errorf("temporary file: %w", err)
			return 0, s.err
		}
		f, err := os.OpenFile(tmp.Name(), os.O_RDWR, 0)
		if err != nil {
			tmp.Remove()
			s.err = fmt.Errorf("temporary file: %w", err)
			return 0, s.err
		}
		s.tmp, s.file = tmp, f
		if _, err := f.Write(s.mem.Bytes()); err != nil {
			s.err = fmt.Errorf("temporary file: %w", err)
			return 0, s.err
		}
		s.mem = bytes.Buffer{}
	}
	n, err := s.file.Write(p)
	if err != nil {
		s.err = fmt.Errorf("temporary file: %w", err)
	}
	return n, s.err
}

func (s *spill) reader() (io.Reader, error) {
	if s.err != nil {
		return nil, s.err
	}
	if s.file == nil {
		return bytes.NewReader(s.mem.Bytes()), nil
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return s.file, nil
}

func (s *spill) release() {
	s.mem = bytes.Buffer{}
	if s.file != nil {
		s.file.Close()
		s.tmp.Remove()
		s.file, s.tmp = nil, nil
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
