package render

import (
	"encoding/csv"
	"io"
	"strings"
)

type csvWriter struct {
	w    *csv.Writer
	out  io.Writer
	opts Options
	bom  bool
	cell []string
}

func newCSV(w io.Writer, comma rune, opts Options) *csvWriter {
	cw := csv.NewWriter(w)
	cw.Comma = comma
	cw.UseCRLF = opts.Spreadsheet
	return &csvWriter{w: cw, out: w, opts: opts, bom: opts.Spreadsheet}
}

func (c *csvWriter) writeBOM() error {
	if !c.bom {
		return nil
	}
	c.bom = false
	_, err := io.WriteString(c.out, "\ufeff")
	return err
}

func (c *csvWriter) Header(columns []Column) error {
	cols := Names(columns)
	if err := c.writeBOM(); err != nil {
		return err
	}
	c.cell = make([]string, len(cols))
	if c.opts.NoHeader {
		return nil
	}
	for i, col := range cols {
		c.cell[i] = c.safe(col)
	}
	return c.w.Write(c.cell)
}

func (c *csvWriter) Row(vals []any) error {
	for i, v := range vals {
		s := c.opts.text(v)
		switch v.(type) {
		case string, nil:
			s = c.safe(s)
		}
		c.cell[i] = s
	}
	// csv.Writer buffers 4 KiB and reports a failed write of the buffer
	// here, so a closed pipe stops the query early.
	return c.w.Write(c.cell)
}

// safe neutralises a text cell a spreadsheet would run as a formula.
func (c *csvWriter) safe(s string) string {
	if c.opts.Spreadsheet && s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (c *csvWriter) Flush() error {
	if err := c.writeBOM(); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}
