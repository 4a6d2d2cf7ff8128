package chart

import (
	"fmt"
	"io"

	"github.com/incq/incq/render"
)

// MaxRows is the most rows a chart Writer takes: a chart of more would be
// unreadable, and the rows are held in memory until Flush.
const MaxRows = 10000

// MaxPoints is the most values a chart draws (rows times series): drawing
// cannot be stopped part way, so its work must be bounded before it starts.
const MaxPoints = 100000

// Writer is a render.Writer that draws the result as a chart at Flush.
type Writer struct {
	w        io.Writer
	f        Format
	opts     Options
	timeline bool
	cols     []render.Column
	rows     [][]any
}

// NewWriter returns a render.Writer that draws the result it is given in
// format f on w, as Draw does.
func NewWriter(w io.Writer, f Format, opts Options) *Writer {
	return &Writer{w: w, f: f, opts: opts}
}

// NewTimelineWriter returns a render.Writer that draws the long table it
// is given (month, series, value) as Timeline does.
func NewTimelineWriter(w io.Writer, f Format, opts Options) *Writer {
	return &Writer{w: w, f: f, opts: opts, timeline: true}
}

// Header implements render.Writer.
func (c *Writer) Header(cols []render.Column) error {
	c.cols = cols
	return nil
}

// Row implements render.Writer; past MaxRows it is an error.
func (c *Writer) Row(vals []any) error {
	if len(c.rows) == MaxRows {
		return fmt.Errorf("chart: the result has more than %d rows, too many to chart; aggregate it (GROUP BY)", MaxRows)
	}
	c.rows = append(c.rows, append([]any(nil), vals...))
	return nil
}

// Flush implements render.Writer: it draws the chart.
func (c *Writer) Flush() error {
	series := len(c.opts.Y)
	if series == 0 {
		series = max(len(c.cols)-1, 1)
	}
	if n := len(c.rows) * series; n > MaxPoints {
		return fmt.Errorf("chart: %d rows of %d series are %d values, more than a chart draws (%d); aggregate the rows or pick columns with --y", len(c.rows), series, n, MaxPoints)
	}
	if c.timeline {
		return Timeline(c.w, c.f, c.cols, c.rows, c.opts)
	}
	return Draw(c.w, c.f, c.cols, c.rows, c.opts)
}
