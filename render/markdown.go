package render

import (
	"bufio"
	"io"
	"strings"
)

// markdownWriter writes a GitHub-flavoured Markdown table.
type markdownWriter struct {
	w    *bufio.Writer
	opts Options
}

func newMarkdown(w io.Writer, opts Options) *markdownWriter {
	return &markdownWriter{w: bufio.NewWriter(w), opts: opts}
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>")

func (m *markdownWriter) line(cells []string) error {
	m.w.WriteString("|")
	for _, c := range cells {
		m.w.WriteString(" ")
		m.w.WriteString(mdEscaper.Replace(c))
		m.w.WriteString(" |")
	}
	_, err := m.w.WriteString("\n")
	return err
}

func (m *markdownWriter) Header(columns []Column) error {
	cols := Names(columns)
	// A Markdown table cannot go without its header row: NoHeader does
	// not apply (the CLI refuses it).
	if err := m.line(cols); err != nil {
		return err
	}
	rule := make([]string, len(cols))
	for i := range rule {
		rule[i] = "---"
	}
	return m.line(rule)
}

func (m *markdownWriter) Row(vals []any) error {
	cells := make([]string, len(vals))
	for i, v := range vals {
		cells[i] = m.opts.text(v)
	}
	return m.line(cells)
}

func (m *markdownWriter) Flush() error { return m.w.Flush() }
