package render

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// tableWriter draws a boxed terminal table. It must see every row to size
// the columns, so it is the one format that holds the result in memory;
// use a streaming format for large results.
type tableWriter struct {
	w      io.Writer
	opts   Options
	cols   []string
	rows   [][]string
	number []bool // column holds only numbers so far: align right
}

func newTable(w io.Writer, opts Options) *tableWriter {
	if opts.Width <= 0 {
		opts.Width = 80
	}
	return &tableWriter{w: w, opts: opts}
}

func (t *tableWriter) Header(columns []Column) error {
	cols := Names(columns)
	t.cols = cols
	t.number = make([]bool, len(cols))
	for i := range t.number {
		t.number[i] = true
	}
	return nil
}

func (t *tableWriter) Row(vals []any) error {
	row := make([]string, len(vals))
	for i, v := range vals {
		row[i] = Text(v)
		switch v.(type) {
		case int64, float64, nil:
		default:
			t.number[i] = false
		}
	}
	t.rows = append(t.rows, row)
	return nil
}

func (t *tableWriter) Flush() error {
	align := make(tw.Alignment, len(t.cols))
	for i, num := range t.number {
		align[i] = tw.AlignLeft
		if num && len(t.rows) > 0 {
			align[i] = tw.AlignRight
		}
	}
	cfg := tablewriter.Config{
		Header: tw.CellConfig{
			Formatting: tw.CellFormatting{AutoFormat: tw.Off, AutoWrap: tw.WrapNone},
			Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
		},
		Row: tw.CellConfig{
			Formatting: tw.CellFormatting{AutoWrap: tw.WrapNone},
			Alignment:  tw.CellAlignment{PerColumn: align},
		},
		Behavior: tw.Behavior{TrimSpace: tw.Off},
	}
	// tablewriter's own wrapping drops the end of a word longer than its
	// column, so cells are wrapped here and handed over as lines.
	widths, fits := t.widths()
	if !fits && len(t.rows) > 0 {
		return t.expanded()
	}
	table := tablewriter.NewTable(t.w, tablewriter.WithConfig(cfg))
	if !t.opts.NoHeader {
		header := make([]any, len(t.cols))
		for i, c := range t.cols {
			header[i] = wrap(c, widths[i])
		}
		table.Header(header...)
	}
	for _, r := range t.rows {
		for i := range r {
			r[i] = wrap(r[i], widths[i])
		}
		if err := table.Append(r); err != nil {
			return err
		}
	}
	return table.Render()
}

// widths fits the table into the maximum width. Columns that fit keep
// their natural width. Otherwise each column first gets room for its
// longest word (so words are not cut), up to a limit, and the space left
// is shared out in proportion to what each column still lacks.
//
// fits is false when even words cut to fit leave some column too narrow to
// read; Flush then shows each row as a record of its own.
func (t *tableWriter) widths() (widths []int, fits bool) {
	const (
		pad      = 2  // one space each side of a cell
		minCol   = 8  // no column is squeezed below this
		shortCol = 16 // a column this narrow keeps its width
		maxWord  = 25 // a longer word may be cut
	)
	natural := make([]int, len(t.cols))
	word := make([]int, len(t.cols))
	measure := func(i int, s string) {
		natural[i] = max(natural[i], cellWidth(s))
		for _, w := range strings.Fields(s) {
			word[i] = max(word[i], runewidth.StringWidth(w))
		}
	}
	for i, c := range t.cols {
		measure(i, c)
	}
	for _, r := range t.rows {
		for i, c := range r {
			measure(i, c)
		}
	}
	avail := t.opts.Width - (len(t.cols) + 1) - pad*len(t.cols)
	total := 0
	for _, w := range natural {
		total += w
	}
	if total <= avail || len(t.cols) == 0 {
		return natural, true
	}
	widths = make([]int, len(t.cols))
	used, lack := 0, 0
	for i := range widths {
		widths[i] = min(natural[i], max(minCol, min(word[i], maxWord)))
		if natural[i] <= shortCol {
			widths[i] = natural[i] // short labels and codes never wrap
		}
		used += widths[i]
		lack += natural[i] - widths[i]
	}
	if used > avail {
		capped := capped(natural, avail, minCol)
		sum := 0
		for i, w := range capped {
			sum += w
			if w < min(natural[i], minCol) {
				return capped, false
			}
		}
		return capped, sum <= avail
	}
	if left := avail - used; left > 0 && lack > 0 {
		for i := range widths {
			widths[i] += left * (natural[i] - widths[i]) / lack
		}
	}
	return widths, true
}

// expanded shows each row as a two-column table of column names and
// values, like psql's expanded display: for results too wide for the
// terminal.
func (t *tableWriter) expanded() error {
	nameW := 0
	for _, c := range t.cols {
		nameW = max(nameW, cellWidth(c))
	}
	valueW := max(20, t.opts.Width-nameW-7)
	cfg := tablewriter.Config{
		Row: tw.CellConfig{
			Formatting: tw.CellFormatting{AutoWrap: tw.WrapNone},
			Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
		},
		Behavior: tw.Behavior{TrimSpace: tw.Off},
	}
	for n, r := range t.rows {
		if _, err := fmt.Fprintf(t.w, "-[ row %d ]-\n", n+1); err != nil {
			return err
		}
		table := tablewriter.NewTable(t.w, tablewriter.WithConfig(cfg))
		for i, v := range r {
			if err := table.Append([]string{t.cols[i], wrap(v, valueW)}); err != nil {
				return err
			}
		}
		if err := table.Render(); err != nil {
			return err
		}
	}
	return nil
}

// capped cuts the widest columns down to a common cap so that the widths
// sum to at most avail, or as close as a floor of minCol allows.
func capped(natural []int, avail, minCol int) []int {
	sorted := append([]int(nil), natural...)
	sort.Ints(sorted)
	capw, used := 0, 0
	for i, w := range sorted {
		rest := len(sorted) - i
		if used+w*rest > avail {
			capw = (avail - used) / rest
			break
		}
		used += w
		capw = w
	}
	capw = max(capw, minCol)
	out := make([]int, len(natural))
	for i, w := range natural {
		out[i] = min(w, capw)
	}
	return out
}

// wrap breaks s into lines at most width wide, at spaces where it can and
// inside a word only when the word alone is too wide.
func wrap(s string, width int) string {
	if width <= 0 || cellWidth(s) <= width {
		return s
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line, lineW := "", 0
		for _, word := range strings.Fields(para) {
			ww := runewidth.StringWidth(word)
			for ww > width { // a word wider than the column: cut it
				if lineW > 0 {
					out = append(out, line)
					line, lineW = "", 0
				}
				head := runewidth.Truncate(word, width, "")
				out = append(out, head)
				word = word[len(head):]
				ww = runewidth.StringWidth(word)
			}
			switch {
			case lineW == 0:
				line, lineW = word, ww
			case lineW+1+ww <= width:
				line, lineW = line+" "+word, lineW+1+ww
			default:
				out = append(out, line)
				line, lineW = word, ww
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func cellWidth(s string) int {
	w := 0
	for _, line := range strings.Split(s, "\n") {
		w = max(w, runewidth.StringWidth(line))
	}
	return w
}
