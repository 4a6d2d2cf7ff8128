package render

import (
	"bufio"
	"encoding/csv"
	"io"
	"strings"
)

// csvWriter writes CSV (or TSV) with encoding/csv; for spreadsheets, with
// CRLF line ends through sheetRecord, since encoding/csv's CRLF mode drops
// a carriage return inside a cell.
type csvWriter struct {
	w     *csv.Writer
	sheet *bufio.Writer // set for the spreadsheet dialect
	comma rune
	out   io.Writer
	opts  Options
	bom   bool
	cell  []string
}

func newCSV(w io.Writer, comma rune, opts Options) *csvWriter {
	c := &csvWriter{out: w, opts: opts, bom: opts.Spreadsheet, comma: comma}
	if opts.Spreadsheet {
		c.sheet = bufio.NewWriter(w)
		return c
	}
	c.w = csv.NewWriter(w)
	c.w.Comma = comma
	return c
}

// write writes one record.
func (c *csvWriter) write(cells []string) error {
	if c.sheet == nil {
		return c.w.Write(cells)
	}
	for i, f := range cells {
		if i > 0 {
			c.sheet.WriteRune(c.comma)
		}
		if f == "" || !strings.ContainsAny(f, string(c.comma)+"\"\r\n") && f[0] != ' ' && f[0] != '\t' {
			c.sheet.WriteString(f)
			continue
		}
		// Quoted, quotes doubled, and every other byte as it is: a
		// spreadsheet keeps line breaks and carriage returns in a cell.
		c.sheet.WriteByte('"')
		c.sheet.WriteString(strings.ReplaceAll(f, `"`, `""`))
		c.sheet.WriteByte('"')
	}
	_, err := c.sheet.WriteString("\r\n")
	return err
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
	return c.write(c.cell)
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
	// Both writers buffer and report a failed write of the buffer here,
	// so a closed pipe stops the query early.
	return c.write(c.cell)
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
	if c.sheet != nil {
		return c.sheet.Flush()
	}
	c.w.Flush()
	return c.w.Error()
}
