package render

import (
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

func (t *tableWriter) Header(cols []string) error {
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
		Widths: tw.CellWidth{PerColumn: t.widths()},
		Header: tw.CellConfig{
			Formatting: tw.CellFormatting{AutoFormat: tw.Off, AutoWrap: tw.WrapNormal},
			Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
		},
		Row: tw.CellConfig{
			Formatting: tw.CellFormatting{AutoWrap: tw.WrapNormal},
			Alignment:  tw.CellAlignment{PerColumn: align},
		},
		Behavior: tw.Behavior{TrimSpace: tw.Off},
	}
	table := tablewriter.NewTable(t.w, tablewriter.WithConfig(cfg))
	if !t.opts.NoHeader {
		header := make([]any, len(t.cols))
		for i, c := range t.cols {
			header[i] = c
		}
		table.Header(header...)
	}
	for _, r := range t.rows {
		if err := table.Append(r); err != nil {
			return err
		}
	}
	return table.Render()
}

// widths fits the table into the maximum width: when the columns' natural
// widths do not fit, the widest are cut down to a common cap (their text
// wraps) and the narrow ones keep their width.
func (t *tableWriter) widths() tw.Mapper[int, int] {
	const pad = 2 // one space each side of a cell
	natural := make([]int, len(t.cols))
	for i, c := range t.cols {
		natural[i] = cellWidth(c)
	}
	for _, r := range t.rows {
		for i, c := range r {
			natural[i] = max(natural[i], cellWidth(c))
		}
	}
	avail := t.opts.Width - (len(t.cols) + 1) - pad*len(t.cols)
	total := 0
	for _, w := range natural {
		total += w
	}
	m := tw.NewMapper[int, int]()
	if total <= avail || len(t.cols) == 0 {
		return m
	}
	// Find the largest cap such that the capped widths fit.
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
	capw = max(capw, 8)
	for i, w := range natural {
		if w > capw {
			m.Set(i, capw+pad)
		}
	}
	return m
}

func cellWidth(s string) int {
	w := 0
	for _, line := range strings.Split(s, "\n") {
		w = max(w, runewidth.StringWidth(line))
	}
	return w
}
