package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// reader reads the records of one export after its header.
type reader struct {
	in     *Input
	csv    *csv.Reader
	layout *Layout
	index  map[string]int
	width  int
}

// newReader reads the header of in and finds its layout among f's.
func newReader(f *Format, in *Input) (*reader, error) {
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file: want a header line", in.Name)
	}
	if err != nil {
		return nil, csvError(in.Name, err)
	}
	for i, h := range header {
		if !utf8.ValidString(h) {
			return nil, fmt.Errorf("%s:1: header field %d is not valid UTF-8", in.Name, i+1)
		}
		header[i] = strings.TrimSpace(h)
	}
	layout, err := detect(f, in.Name, header)
	if err != nil {
		return nil, err
	}
	r := &reader{in: in, csv: cr, layout: layout, index: map[string]int{}, width: len(header)}
	for i, h := range header {
		r.index[h] = i
	}
	if layout.HXL {
		tags, err := cr.Read()
		if err != nil && err != io.EOF {
			return nil, csvError(in.Name, err)
		}
		if err == nil && !isHXL(tags) {
			line, _ := cr.FieldPos(0)
			return nil, fmt.Errorf("%s:%d: want HDX's row of HXL hashtags (#date+year, ...) after the header", in.Name, line)
		}
	}
	return r, nil
}

// isHXL reports whether a row is HXL hashtags: every cell empty or
// starting with #, at least one of them.
func isHXL(rec []string) bool {
	some := false
	for _, c := range rec {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if !strings.HasPrefix(c, "#") {
			return false
		}
		some = true
	}
	return some
}

// next returns the next row, io.EOF at the end, or a *RowError for a row
// whose fields do not match the header.
func (r *reader) next() (Row, error) {
	rec, err := r.csv.Read()
	if err != nil {
		if err == io.EOF {
			return Row{}, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && !errors.Is(pe.Err, csv.ErrFieldCount) {
			return Row{}, &fatalError{csvError(r.in.Name, err)}
		}
		// The file itself failed: a gzip or zip cut short or corrupt.
		line, _ := r.csv.FieldPos(0)
		return Row{}, &fatalError{fmt.Errorf("%s: reading after line %d: %v (the file is cut short or damaged)", r.in.Name, line, err)}
	}
	line, _ := r.csv.FieldPos(0)
	row := Row{Layout: r.layout, File: r.in.Name, Line: line, index: r.index, fields: rec}
	if len(rec) != r.width {
		return row, &RowError{File: r.in.Name, Line: line, Msg: fmt.Sprintf("got %d fields, want %d", len(rec), r.width), Fields: rec}
	}
	for i, v := range rec {
		if !utf8.ValidString(v) {
			return row, &RowError{File: r.in.Name, Line: line, Column: headerName(r.index, i), Msg: "not valid UTF-8", Fields: rec}
		}
		if strings.IndexByte(v, 0) >= 0 {
			return row, &RowError{File: r.in.Name, Line: line, Column: headerName(r.index, i), Msg: "contains a NUL byte", Fields: rec}
		}
	}
	return row, nil
}

func headerName(index map[string]int, i int) string {
	for k, v := range index {
		if v == i {
			return k
		}
	}
	return ""
}

// fatalError is a problem that ends the reading of a file: CSV that does
// not parse (a stray quote) leaves the rest of the file unreadable.
type fatalError struct{ err error }

func (e *fatalError) Error() string { return e.err.Error() }
func (e *fatalError) Unwrap() error { return e.err }

// RowError is a row that cannot be imported: where it is and why.
type RowError struct {
	File   string
	Line   int
	Column string
	Msg    string
	Fields []string
}

func (e *RowError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("%s:%d: column %q: %s", e.File, e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// detect finds the layout whose columns are exactly header's; else it
// names the layout closest to it and how the header differs.
func detect(f *Format, name string, header []string) (*Layout, error) {
	seen := map[string]bool{}
	for _, h := range header {
		if seen[h] {
			return nil, fmt.Errorf("%s:1: column %q appears twice in the header", name, h)
		}
		seen[h] = true
	}
	best, bestMiss, bestExtra := -1, []string(nil), []string(nil)
	for i := range f.Layouts {
		l := &f.Layouts[i]
		var miss, extra []string
		want := map[string]bool{}
		for _, c := range l.Columns {
			want[c] = true
			if !seen[c] {
				miss = append(miss, c)
			}
		}
		for _, h := range header {
			if !want[h] {
				extra = append(extra, h)
			}
		}
		if len(miss) == 0 && len(extra) == 0 {
			return l, nil
		}
		if best < 0 || len(miss)+len(extra) < len(bestMiss)+len(bestExtra) {
			best, bestMiss, bestExtra = i, miss, extra
		}
	}
	l := f.Layouts[best]
	var parts []string
	if len(bestMiss) > 0 {
		parts = append(parts, "lacks "+quoteList(bestMiss))
	}
	if len(bestExtra) > 0 {
		parts = append(parts, "adds "+quoteList(bestExtra))
	}
	names := make([]string, len(f.Layouts))
	for i, l := range f.Layouts {
		names[i] = l.Name
	}
	return nil, &LayoutError{File: name, Header: header,
		Msg: fmt.Sprintf("not a header incq knows (%s); closest is %s (%s), which it %s", strings.Join(names, ", "), l.Name, l.About, strings.Join(parts, " and "))}
}

// LayoutError is a header that is none of a format's layouts.
type LayoutError struct {
	File   string
	Header []string
	Msg    string
}

func (e *LayoutError) Error() string { return fmt.Sprintf("%s:1: %s", e.File, e.Msg) }

// Fits reports the layout of f whose columns are exactly header's, if any.
func (f *Format) Fits(header []string) (*Layout, bool) {
	l, err := detect(f, "", header)
	return l, err == nil
}

func quoteList(names []string) string {
	const most = 8
	q := make([]string, 0, most+1)
	for i, n := range names {
		if i == most {
			q = append(q, fmt.Sprintf("and %d more", len(names)-most))
			break
		}
		q = append(q, fmt.Sprintf("%q", n))
	}
	return strings.Join(q, ", ")
}

func sortStrings(s []string) { sort.Strings(s) }

// Columns returns every column of f's layouts, each once, in the order
// the layouts first list them.
func (f *Format) Columns() []string {
	var out []string
	for _, l := range f.Layouts {
		for _, c := range l.Columns {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}
