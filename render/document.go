package render

import (
	"fmt"
	"io"
	"strings"
)

// Document writes a command's whole output: one result, or records made
// of titled sections (incq show). Every result of every command passes
// through a Document, which checks every write: Close reports the first
// error, and an output with an error is not complete.
//
// Sections are shown as a title line above each table (TITLE in table
// format, "## title" in Markdown) and as an array of objects, one per
// record, whose keys are the titles (JSON). An empty section says
// "(none)" in the text formats. Formats without a place for titles (CSV,
// TSV, NDJSON, ...) take a single result only.
type Document struct {
	f        Format
	w        *checkedWriter
	opts     Options
	sections bool
	records  int // records begun
	inRecord int // sections written in the current record
	open     *emptyAware
}

// SectionFormats are the formats that can show titled sections.
var SectionFormats = []Format{Table, Markdown, JSON}

// NewDocument starts the output on w. With sections false, it takes one
// untitled result; with sections true, records of titled sections.
func NewDocument(f Format, w io.Writer, opts Options, sections bool) (*Document, error) {
	if sections && !canSection(f) {
		return nil, fmt.Errorf("this output has several sections: use --format table, markdown or json, not %s", f)
	}
	return &Document{f: f, w: &checkedWriter{w: w}, opts: opts, sections: sections}, nil
}

func canSection(f Format) bool {
	for _, s := range SectionFormats {
		if f == s {
			return true
		}
	}
	return false
}

// Record begins the next record of sections.
func (d *Document) Record() error {
	if err := d.endSection(); err != nil {
		return err
	}
	switch {
	case d.f == JSON && d.records == 0:
		d.w.WriteString("[{")
	case d.f == JSON:
		d.w.WriteString("},\n{")
	case d.records > 0:
		d.w.WriteString("\n")
	}
	d.records++
	d.inRecord = 0
	return d.w.err
}

// Section returns the writer for the next result, titled title when the
// document has sections. The previous section's writer must be flushed.
func (d *Document) Section(title string) (Writer, error) {
	if err := d.endSection(); err != nil {
		return nil, err
	}
	if d.sections {
		if d.records == 0 {
			if err := d.Record(); err != nil {
				return nil, err
			}
		}
		switch d.f {
		case JSON:
			if d.inRecord > 0 {
				d.w.WriteString(",")
			}
			fmt.Fprintf(d.w, "\n%q: ", title)
		case Markdown:
			if d.inRecord > 0 {
				d.w.WriteString("\n")
			}
			fmt.Fprintf(d.w, "## %s\n\n", title)
		default:
			if d.inRecord > 0 {
				d.w.WriteString("\n")
			}
			fmt.Fprintf(d.w, "%s\n", strings.ToUpper(title))
		}
		d.inRecord++
	} else if d.records > 0 || d.inRecord > 0 {
		return nil, fmt.Errorf("render: a document without sections takes one result")
	}
	if !d.sections {
		d.inRecord++
	}
	w, err := New(d.f, d.w, d.opts)
	if err != nil {
		return nil, err
	}
	d.open = &emptyAware{Writer: w, doc: d, say: d.sections && d.f != JSON}
	return d.open, d.w.err
}

func (d *Document) endSection() error {
	if d.open != nil && !d.open.flushed {
		return fmt.Errorf("render: section not flushed")
	}
	d.open = nil
	return d.w.err
}

// Close ends the document and returns the first write error.
func (d *Document) Close() error {
	if err := d.endSection(); err != nil {
		return err
	}
	if d.f == JSON && d.sections {
		if d.records == 0 {
			d.w.WriteString("[]\n")
		} else {
			d.w.WriteString("}]\n")
		}
	}
	return d.w.err
}

// Rows is how many rows the last section had.
func (d *Document) Rows() int64 {
	if d.open == nil {
		return 0
	}
	return d.open.rows
}

// emptyAware says "(none)" for an empty section in the text formats.
type emptyAware struct {
	Writer
	doc     *Document
	say     bool
	rows    int64
	flushed bool
}

func (e *emptyAware) Row(vals []any) error {
	e.rows++
	return e.Writer.Row(vals)
}

func (e *emptyAware) Flush() error {
	e.flushed = true
	if e.rows == 0 && e.say {
		_, err := e.doc.w.WriteString("(none)\n")
		return err
	}
	if err := e.Writer.Flush(); err != nil {
		return err
	}
	return e.doc.w.err
}

// checkedWriter keeps the first write error and refuses every write after
// it, so that a writer which ignores one error cannot go on as if the
// output were whole.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		c.err = err
	}
	return n, err
}

func (c *checkedWriter) WriteString(s string) (int, error) {
	return c.Write([]byte(s))
}
