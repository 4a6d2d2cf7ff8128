// Package render writes query results in the formats incq offers. All
// output goes through the Writer interface; each format is one small type
// behind it. Every format streams: rows are written as they come, but for
// the table format's first rows, held to size its columns.
//
// NULL is written as Options.Null (empty unless set) in table, CSV, TSV
// and Markdown, and as null in JSON and NDJSON.
package render

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/incq/incq/internal/suggest"
)

// Writer receives one result: the header once, then the rows, then Flush.
// Values are nil, int64, float64, string, []byte, bool or time.Time. A
// writer that is not flushed has not written its whole result: the caller
// must treat an error from any method as a failed output. Row and Flush
// return the first error from the underlying io.Writer.
type Writer interface {
	Header(cols []Column) error
	Row(vals []any) error
	Flush() error
}

// Column describes one column of a result.
type Column struct {
	Name string
	// Type is the column's declared type where the result comes straight
	// from a table column: TypeInteger, TypeReal, TypeText, TypeDate or TypeBlob; TypeAny for an
	// expression, whose values may be of any type row by row.
	Type Type
}

// Type is a column's declared type.
type Type string

// The declared types. DATE columns hold ISO 8601 text (YYYY-MM-DD).
const (
	TypeAny     Type = ""
	TypeInteger Type = "INTEGER"
	TypeReal    Type = "REAL"
	TypeText    Type = "TEXT"
	TypeDate    Type = "DATE"
	TypeBlob    Type = "BLOB"
)

// TypeOf maps a declared SQL type name to a Type, by SQLite's affinity
// rules, with DATE kept apart.
func TypeOf(decl string) Type {
	d := strings.ToUpper(decl)
	switch {
	case d == "":
		return TypeAny
	case d == "DATE":
		return TypeDate
	case strings.Contains(d, "INT"):
		return TypeInteger
	case strings.Contains(d, "CHAR"), strings.Contains(d, "CLOB"), strings.Contains(d, "TEXT"):
		return TypeText
	case strings.Contains(d, "BLOB"):
		return TypeBlob
	case strings.Contains(d, "REAL"), strings.Contains(d, "FLOA"), strings.Contains(d, "DOUB"):
		return TypeReal
	}
	return TypeAny
}

// distinctNames refuses a result with two columns of one name in a
// format that keys each value by its column's name (a JSON object, a
// Parquet field), where one of the two would be lost.
func distinctNames(format Format, cols []Column) error {
	seen := make(map[string]bool, len(cols))
	for _, c := range cols {
		if seen[c.Name] {
			return fmt.Errorf("%s: column name %q appears twice; give one another name with AS", format, c.Name)
		}
		seen[c.Name] = true
	}
	return nil
}

// Names returns the columns' names.
func Names(cols []Column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}

// Columns makes untyped columns from names.
func Columns(names ...string) []Column {
	cols := make([]Column, len(names))
	for i, n := range names {
		cols[i] = Column{Name: n}
	}
	return cols
}

// Format names an output format.
type Format string

// The output formats.
const (
	Table    Format = "table"
	CSV      Format = "csv"
	TSV      Format = "tsv"
	JSON     Format = "json"
	NDJSON   Format = "ndjson"
	Markdown Format = "markdown"
)

// The formats meant for a file rather than a terminal: binary, or for
// other tools (GIS).
const (
	XLSX    Format = "xlsx"    // an Excel workbook of one sheet
	Parquet Format = "parquet" // an Apache Parquet file
	GeoJSON Format = "geojson" // an RFC 7946 FeatureCollection of points
)

// Formats lists every format, in the order help text shows them.
var Formats = []Format{Table, CSV, TSV, JSON, NDJSON, Markdown, XLSX, Parquet, GeoJSON}

// FileFormats lists the formats meant for a file, not a terminal: the CLI
// refuses to write them to one.
var FileFormats = []Format{XLSX, Parquet, GeoJSON}

// UnmarshalText accepts the name of a format and rejects any other.
func (f *Format) UnmarshalText(text []byte) error {
	s := strings.ToLower(string(text))
	if s == "md" {
		s = string(Markdown)
	}
	if s == "jsonl" {
		s = string(NDJSON)
	}
	names := make([]string, len(Formats))
	for i, known := range Formats {
		if s == string(known) {
			*f = known
			return nil
		}
		names[i] = string(known)
	}
	return fmt.Errorf("unknown format %q (want one of %s)%s", text, strings.Join(names, ", "), suggest.Hint(string(text), names))
}

// Options tune a writer.
type Options struct {
	NoHeader bool // leave out the header row
	// Spreadsheet makes CSV safe to open in a spreadsheet: a UTF-8 byte
	// order mark, CRLF line ends, and text cells that a spreadsheet would
	// evaluate as a formula prefixed with a single quote.
	Spreadsheet bool
	// Width is the table format's maximum width; 0 means 80. See
	// termwidth.Width for finding the terminal's.
	Width int
	// Expanded chooses when the table format shows one record per row.
	Expanded Expanded
	// CellLines, if above 0, is the most lines a cell takes in the table
	// format's columns when the table has three columns or more: long
	// text there is a preview, cut with "…", so that one wordy column
	// squeezed beside many short ones cannot make every row a page. The
	// record layout, a table of one or two columns and every other
	// format show each cell whole.
	CellLines int
	// ASCII draws the table format's borders with +, - and | alone.
	ASCII bool
	// Null is how NULL is shown in table, CSV, TSV and Markdown; JSON
	// and NDJSON write null.
	Null string
	// Note, if set, receives one-line notes on how a format changed the
	// output: a large table drawn as it came in a layout sized from its
	// first rows, long cells cut short, infinities written as JSON null.
	// The CLI prints them on stderr.
	Note func(string)
	// Sheet names the xlsx format's one sheet; empty means "result".
	Sheet string
	// Locator places the rows of a result without lat/lon columns in
	// the GeoJSON format; nil places none. The GeoJSON format names the
	// rows it leaves out for want of coordinates through Note.
	Locator *Locator
}

// New returns the writer for format f on w.
func New(f Format, w io.Writer, opts Options) (Writer, error) {
	switch f {
	case Table:
		return newTable(w, opts), nil
	case CSV:
		return newCSV(w, ',', opts), nil
	case TSV:
		return newCSV(w, '\t', opts), nil
	case JSON:
		j := newJSON(w, false, JSON)
		j.note = opts.Note
		return j, nil
	case NDJSON:
		j := newJSON(w, true, NDJSON)
		j.note = opts.Note
		return j, nil
	case Markdown:
		return newMarkdown(w, opts), nil
	case XLSX:
		return newXLSX(w, opts)
	case Parquet:
		return NewParquet(w), nil
	case GeoJSON:
		g := NewGeoJSON(w, opts.Locator)
		g.note = opts.Note
		return g, nil
	}
	return nil, fmt.Errorf("unknown format %q", f)
}

// Text formats a value for the text formats: NULL is empty, numbers are in
// their shortest exact form, bytes are shown as text when they are UTF-8
// and as hex otherwise.
func Text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return formatFloat(v)
	case []byte:
		if utf8.Valid(v) {
			return string(v)
		}
		return fmt.Sprintf("x'%x'", v)
	case bool:
		if v {
			return "1"
		}
		return "0"
	case time.Time:
		return v.Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

// text is Text with NULL shown as o.Null.
func (o Options) text(v any) string {
	if v == nil {
		return o.Null
	}
	return Text(v)
}

func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	format := byte('g')
	if a := math.Abs(v); a == 0 || (a >= 1e-4 && a < 1e15) {
		format = 'f' // plain digits in the everyday range, as sqlite3 prints
	}
	s := strconv.FormatFloat(v, format, -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0" // keep a REAL recognisable, as sqlite3 does
	}
	return s
}

// Expanded chooses when the table format shows each row as a record of its
// own, column names down the left and values on the right, like psql's \x.
type Expanded int

// The choices for Options.Expanded.
const (
	// ExpandedAuto shows records only when the columns cannot fit the
	// width even at their narrowest.
	ExpandedAuto Expanded = iota
	// ExpandedOn always shows records.
	ExpandedOn
	// ExpandedOff never shows records: columns that cannot fit are drawn
	// wider than the width rather than split a header or a short word.
	ExpandedOff
)

var expandedNames = []string{"auto", "on", "off"}

// String returns "auto", "on" or "off".
func (e Expanded) String() string {
	if e >= 0 && int(e) < len(expandedNames) {
		return expandedNames[e]
	}
	return fmt.Sprintf("Expanded(%d)", int(e))
}

// UnmarshalText accepts "auto", "on" or "off".
func (e *Expanded) UnmarshalText(text []byte) error {
	for i, name := range expandedNames {
		if strings.EqualFold(string(text), name) {
			*e = Expanded(i)
			return nil
		}
	}
	return fmt.Errorf("unknown expanded display %q (want auto, on or off)", text)
}

// replay hands rows held back (to size or type the columns before the
// first is written) to add, numbered as result rows: the last held row is
// row last.
func replay(held [][]any, last int, add func(n int, row []any) error) error {
	first := last - len(held) + 1
	for i, r := range held {
		if err := add(first+i, r); err != nil {
			return err
		}
	}
	return nil
}
