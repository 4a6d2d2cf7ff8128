package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// The table format's limits. A cell longer than maxCellRunes characters,
// or one that would take more than maxCellLines lines, is cut and ends
// with a marker "…[N more characters]"; only the table format cuts, every
// other format writes each cell whole. The first batchRows rows (or
// batchBytes of text, whichever comes first) size the columns; later rows
// are drawn as they come, in the same layout, so a large result is drawn
// in bounded memory.
const (
	shortWidth   = 16 // a column this narrow, a header, or a number is never wrapped
	maxCellRunes = 4000
	maxCellLines = 100
	batchRows    = 1000
	batchBytes   = 4 << 20
)

// box holds the characters a table is drawn with.
type box struct {
	h, v                   string
	tl, tm, tr, ml, mm, mr string
	bl, bm, br             string
}

var (
	unicodeBox = box{h: "─", v: "│", tl: "┌", tm: "┬", tr: "┐", ml: "├", mm: "┼", mr: "┤", bl: "└", bm: "┴", br: "┘"}
	asciiBox   = box{h: "-", v: "|", tl: "+", tm: "+", tr: "+", ml: "+", mm: "+", mr: "+", bl: "+", bm: "+", br: "+"}
)

// cell is a value as the table shows it: printable text, and the count of
// characters cut from its end.
type cell struct {
	text string
	more int
}

// tableWriter draws a boxed table sized to Options.Width: in columns when
// they fit, else one record per row (see Expanded).
type tableWriter struct {
	w    *bufio.Writer
	opts Options
	box  box
	cols []string

	// Until the layout is fixed, rows are held to size the columns: up to
	// batchRows rows or batchBytes of text (fields, so tests can lower them).
	batchRows, batchBytes int
	rows                  [][]cell
	held                  int
	natural               []int  // widest line of each column, header included
	values                []int  // widest line of each column's values
	word                  []int  // widest word of each column
	phrases               []bool // some value of the column has more than one word
	number                []bool // column holds only numbers (and NULL): align right

	laid      bool
	expanded  bool
	widths    []int // column widths; for records, the name and value widths
	drawn     int   // rows drawn
	first     int   // the number of the first row of the table being drawn
	cut       int   // cells shown cut short
	previewed int   // cells cut to Options.CellLines
	streamed  bool  // a row was drawn after the layout was fixed
	restarted bool  // a row did not fit the layout, and a new table began
}

func newTable(w io.Writer, opts Options) *tableWriter {
	if opts.Width <= 0 {
		opts.Width = 80
	}
	b := unicodeBox
	if opts.ASCII {
		b = asciiBox
	}
	return &tableWriter{w: bufio.NewWriter(w), opts: opts, box: b, batchRows: batchRows, batchBytes: batchBytes}
}

func (t *tableWriter) Header(columns []Column) error {
	t.cols = make([]string, len(columns))
	t.natural = make([]int, len(columns))
	t.number = make([]bool, len(columns))
	t.word = make([]int, len(columns))
	t.phrases = make([]bool, len(columns))
	t.values = make([]int, len(columns))
	for i, c := range columns {
		t.cols[i] = printable(c.Name)
		t.natural[i] = textWidth(t.cols[i])
		t.number[i] = true
	}
	return nil
}

func (t *tableWriter) Row(vals []any) error {
	row := make([]cell, len(t.cols))
	sizes := make([]size, len(t.cols))
	for i := range row {
		var v any
		if i < len(vals) {
			v = vals[i]
		}
		row[i] = t.cell(v)
		sizes[i] = sizeOf(row[i], v)
	}
	if t.laid {
		if t.fits(sizes) {
			first := fmt.Sprintf("first %d rows", t.drawn)
			if t.drawn == 1 {
				first = "first row"
			}
			t.noteOnce(&t.streamed, "table: columns were sized from the %s; later rows are drawn as they come", first)
			return t.draw(row)
		}
		// Rather than split a short word or a number, end this table and
		// size a new one from the rows to come.
		t.noteOnce(&t.restarted, "table: row %d did not fit the columns sized from the rows before it, so a new table starts there", t.drawn+1)
		t.bottom()
		t.laid, t.expanded, t.held = false, false, 0
		for i, c := range t.cols {
			t.natural[i], t.values[i], t.word[i], t.number[i], t.phrases[i] = textWidth(c), 0, 0, true, false
		}
	}
	for i, sz := range sizes {
		t.natural[i] = max(t.natural[i], sz.widest)
		t.values[i] = max(t.values[i], sz.widest)
		t.word[i] = max(t.word[i], sz.word)
		t.phrases[i] = t.phrases[i] || sz.word < sz.widest
		t.number[i] = t.number[i] && sz.number
		t.held += len(row[i].text) + 32
	}
	t.rows = append(t.rows, row)
	if len(t.rows) >= t.batchRows || t.held >= t.batchBytes {
		return t.layout()
	}
	return nil
}

// size is what the layout needs to know of a cell.
type size struct {
	widest, word int  // the widths of its widest line and longest word
	number       bool // it holds a number or NULL
}

func sizeOf(c cell, v any) size {
	var sz size
	sz.widest, sz.word = measure(c.text)
	if c.more > 0 || strings.Count(c.text, "\n") >= maxCellLines {
		// Room for the marker of a cell sure to be cut.
		sz.widest = max(sz.widest, textWidth(marker(c.more+len(c.text))))
	}
	switch v.(type) {
	case int64, float64, nil:
		sz.number = true
	}
	return sz
}

// fits reports whether a row can be drawn in the layout fixed without
// splitting a number or a short word.
func (t *tableWriter) fits(sizes []size) bool {
	for i, sz := range sizes {
		var w int
		if t.expanded {
			w = t.widths[1] // the value column of a record
		} else {
			w = t.widths[i]
		}
		if sz.widest > w && (sz.number || min(sz.word, shortWidth) > w) {
			return false
		}
	}
	return true
}

// noteOnce sends a note to Options.Note, the first time only.
func (t *tableWriter) noteOnce(done *bool, format string, args ...any) {
	if *done {
		return
	}
	*done = true
	if t.opts.Note != nil {
		t.opts.Note(fmt.Sprintf(format, args...))
	}
}

// cell cuts v's text to the table's limit and makes it printable.
func (t *tableWriter) cell(v any) cell {
	s := t.opts.Null
	if v != nil {
		s = Text(v)
	}
	more := 0
	if len(s) > maxCellRunes {
		n := 0
		for i := range s {
			if n == maxCellRunes {
				more = utf8.RuneCountInString(s[i:])
				s = s[:i]
				break
			}
			n++
		}
	}
	return cell{text: printable(s), more: more}
}

// layout fixes the column widths from the rows held, draws them, and lets
// them go.
func (t *tableWriter) layout() error {
	t.laid = true
	t.first = t.drawn + 1
	switch {
	case len(t.cols) == 0:
	case t.opts.Expanded == ExpandedOn && len(t.rows) > 0:
		t.expanded = true
	default:
		var fits bool
		t.widths, fits = t.columnWidths()
		t.expanded = !fits && t.opts.Expanded == ExpandedAuto && len(t.rows) > 0
	}
	if t.expanded {
		t.widths = t.recordWidths()
	}
	if !t.expanded && len(t.cols) > 0 {
		if !t.opts.NoHeader {
			t.border(t.box.tl, t.box.tm, t.box.tr)
			header := make([][]string, len(t.cols))
			for i, c := range t.cols {
				header[i] = strings.Split(c, "\n")
			}
			t.lines(header, nil)
			if len(t.rows) > 0 {
				t.border(t.box.ml, t.box.mm, t.box.mr)
			}
		} else if len(t.rows) > 0 {
			t.border(t.box.tl, t.box.tm, t.box.tr)
		}
	}
	for _, r := range t.rows {
		if err := t.draw(r); err != nil {
			return err
		}
	}
	t.rows = nil
	return t.w.Flush() // show the first rows now, if the rest are slow to come
}

// draw writes one row in the layout fixed.
func (t *tableWriter) draw(row []cell) error {
	t.drawn++
	if !t.expanded {
		lines := make([][]string, len(row))
		for i, c := range row {
			if t.opts.CellLines > 0 && len(t.cols) >= 3 && !t.number[i] {
				lines[i] = t.previewCell(c, t.widths[i], t.opts.CellLines)
			} else {
				lines[i] = t.wrapCell(c, t.widths[i])
			}
		}
		t.lines(lines, t.number)
	} else {
		if t.drawn == t.first {
			t.labelled(t.box.tl, t.box.tm, t.box.tr, t.drawn)
		} else {
			t.labelled(t.box.ml, t.box.mm, t.box.mr, t.drawn)
		}
		for i, c := range row {
			value := t.wrapCell(c, t.widths[1])
			t.lines([][]string{strings.Split(t.cols[i], "\n"), value}, nil)
		}
	}
	_, err := t.w.Write(nil)
	return err
}

// wrapCell wraps a cell to width, cutting it at maxCellLines with a marker
// that says how much is not shown.
func (t *tableWriter) wrapCell(c cell, width int) []string {
	if c.more == 0 {
		if lines, rest := wrap(c.text, width, maxCellLines); rest == len(c.text) {
			return lines
		}
	}
	t.cut++
	mark := func(n int) []string {
		lines, _ := wrap(marker(n), width, maxCellLines)
		return lines
	}
	room := maxCellLines - len(mark(c.more+len(c.text))) // the most lines the marker can take
	lines, rest := wrap(c.text, width, max(room, 1))
	return append(lines, mark(c.more+utf8.RuneCountInString(c.text[rest:]))...)
}

// previewCell wraps a cell to width in at most n lines; text that does
// not fit is cut, and the last line shown ends with "…".
func (t *tableWriter) previewCell(c cell, width, n int) []string {
	lines, rest := wrap(c.text, width, n)
	if rest == len(c.text) && c.more == 0 {
		return lines
	}
	t.previewed++
	// Make room for the "…" by dropping the last word, or, for a line
	// of one word, its last characters.
	last := lines[len(lines)-1]
	if textWidth(last)+1 > width {
		if sp := strings.LastIndexByte(last, ' '); sp > 0 {
			last = last[:sp]
		}
		for last != "" && textWidth(last)+1 > width {
			_, size := utf8.DecodeLastRuneInString(last)
			last = last[:len(last)-size]
		}
	}
	lines[len(lines)-1] = strings.TrimRight(last, " ") + "…"
	return lines
}

// marker ends a cell cut short, saying how many characters are not shown.
func marker(n int) string { return fmt.Sprintf("…[%d more characters]", n) }

// border draws a rule across the columns.
func (t *tableWriter) border(left, mid, right string) {
	t.w.WriteString(left)
	for i, w := range t.widths {
		if i > 0 {
			t.w.WriteString(mid)
		}
		t.w.WriteString(strings.Repeat(t.box.h, w+2))
	}
	t.w.WriteString(right)
	t.w.WriteByte('\n')
}

// labelled draws a rule with a label near its left end, as psql heads
// each record; the label may run over the joint between the columns.
func (t *tableWriter) labelled(left, mid, right string, n int) {
	// The label stands in the names' column, between its borders: the
	// long form if it fits, else the number alone, else none.
	room := t.widths[0] + 2
	label := ""
	for _, l := range []string{fmt.Sprintf("[ row %d ]", n), fmt.Sprintf("[%d]", n)} {
		if utf8.RuneCountInString(l)+2 <= room {
			label = l
			break
		}
	}
	t.w.WriteString(left)
	if label != "" {
		t.w.WriteString(t.box.h + label)
		room -= 1 + utf8.RuneCountInString(label)
	}
	t.w.WriteString(strings.Repeat(t.box.h, room) + mid + strings.Repeat(t.box.h, t.widths[1]+2) + right)
	t.w.WriteByte('\n')
}

// lines draws one row whose cells are given as lines, aligned right in
// the columns marked so.
func (t *tableWriter) lines(cells [][]string, right []bool) {
	height := 0
	for _, c := range cells {
		height = max(height, len(c))
	}
	for k := range height {
		t.w.WriteString(t.box.v)
		for i, c := range cells {
			s := ""
			if k < len(c) {
				s = c[k]
			}
			pad := strings.Repeat(" ", max(0, t.widths[i]-textWidth(s)))
			t.w.WriteByte(' ')
			if right != nil && right[i] {
				t.w.WriteString(pad)
				t.w.WriteString(s)
			} else {
				t.w.WriteString(s)
				t.w.WriteString(pad)
			}
			t.w.WriteByte(' ')
			t.w.WriteString(t.box.v)
		}
		t.w.WriteByte('\n')
	}
}

func (t *tableWriter) Flush() error {
	if !t.laid {
		if err := t.layout(); err != nil {
			return err
		}
	}
	t.bottom()
	if err := t.w.Flush(); err != nil {
		return err
	}
	if t.cut > 0 && t.opts.Note != nil {
		cells := "1 long cell was"
		if t.cut > 1 {
			cells = fmt.Sprintf("%d long cells were", t.cut)
		}
		t.opts.Note(fmt.Sprintf("table: %s cut short, marked \"…[N more characters]\"; the other formats write every cell whole", cells))
	}
	if t.previewed > 0 && t.opts.Note != nil {
		cells := "1 long cell was"
		if t.previewed > 1 {
			cells = fmt.Sprintf("%d long cells were", t.previewed)
		}
		t.opts.Note(fmt.Sprintf("table: %s cut to %d lines, ending \"…\"; --expanded or another format (-f csv) shows them whole", cells, t.opts.CellLines))
	}
	return nil
}

// bottom closes the table drawn.
func (t *tableWriter) bottom() {
	switch {
	case len(t.cols) == 0:
	case t.expanded || !t.opts.NoHeader || t.drawn > 0:
		t.border(t.box.bl, t.box.bm, t.box.br)
	}
}
