package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/incq/incq"
	"github.com/incq/incq/internal/suggest"
)

// sqlSource is SQL text and where it came from, for pointing at a place
// in it: the argument ("sql"), "stdin", or a file whose SQL starts after
// line lineOffset.
type sqlSource struct {
	name       string
	text       string
	lineOffset int
	named      bool // a named query's file, not ad-hoc SQL
}

// sqlPlaceError is a SQLite error placed in the SQL: the first line is
// "name:line:column: message", then the line itself and a caret.
type sqlPlaceError struct {
	msg     string // name:line:column: message; did you mean ...?
	context string // the line and the caret under the spot, each indented
}

func (e *sqlPlaceError) Error() string { return e.msg }

// schemaNames returns the names an error could have meant: tables and
// views, or columns.
type schemaNames func(columns bool) []string

// dbSchemaNames asks the database for its tables, views and columns.
func dbSchemaNames(ctx context.Context, db *incq.DB) schemaNames {
	return func(columns bool) []string {
		q := `SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`
		if columns {
			q = `SELECT DISTINCT p.name FROM sqlite_schema AS s, pragma_table_info(s.name) AS p
			     WHERE s.type IN ('table', 'view') AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY p.name`
		}
		names, _ := db.Strings(ctx, q)
		return names
	}
}

// placeSQLError points a SQLite error at its place in src: SQLite's
// syntax errors name the token they stopped at, and unknown tables and
// columns their name, which placeSQLError finds in the text (modernc's
// driver does not pass on sqlite3_error_offset). Unknown names get the
// nearest names of the schema as a hint. Other errors pass through.
func placeSQLError(err error, src sqlSource, names schemaNames) error {
	if src.named && errors.Is(err, incq.ErrReadOnly) {
		// Not ad-hoc SQL: a query file that writes. Name it.
		what := strings.TrimPrefix(strings.TrimPrefix(err.Error(), incq.ErrReadOnly.Error()), ": ")
		return fmt.Errorf("%s:%d:1: queries are read-only: %s", src.name, src.lineOffset+1, what)
	}
	var se *incq.SQLError
	if !errors.As(err, &se) {
		return err
	}
	msg := se.Msg
	off := -1
	switch {
	case strings.HasPrefix(msg, `near "`) && strings.HasSuffix(msg, `": syntax error`):
		tok := strings.TrimSuffix(strings.TrimPrefix(msg, `near "`), `": syntax error`)
		off = findToken(src.text, tok)
	case msg == "incomplete input":
		off = len(strings.TrimRight(src.text, " \t\r\n;"))
	default:
		for _, p := range []struct {
			prefix  string
			columns bool
			hint    bool
		}{
			{"no such column: ", true, true},
			{"no such table: ", false, true},
			{"no such function: ", false, false},
			{"ambiguous column name: ", false, false},
		} {
			name, ok := strings.CutPrefix(msg, p.prefix)
			if !ok || strings.ContainsAny(name, " \t") {
				continue
			}
			off = findName(src.text, name)
			if p.hint && names != nil {
				last := name[strings.LastIndexByte(name, '.')+1:]
				msg += suggest.Hint(last, names(p.columns))
			}
			break
		}
	}
	if off < 0 {
		if msg == se.Msg {
			return err
		}
		return fmt.Errorf("%s: %s", src.name, msg)
	}
	line, col, text, caret := locate(src.text, off)
	return &sqlPlaceError{
		msg:     fmt.Sprintf("%s:%d:%d: %s", src.name, line+src.lineOffset, col, msg),
		context: "  " + text + "\n  " + caret,
	}
}

// locate turns a byte offset into a 1-based line and column (in
// characters), the line's text and a caret line under the offset. A long
// line is cut to a window around the spot.
func locate(text string, off int) (line, col int, lineText, caret string) {
	start := strings.LastIndexByte(text[:off], '\n') + 1
	end := strings.IndexByte(text[off:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += off
	}
	line = strings.Count(text[:start], "\n") + 1
	col = utf8.RuneCountInString(text[start:off]) + 1
	before, after := strings.TrimRight(text[start:off], "\r"), strings.TrimRight(text[off:end], "\r")
	const window = 60
	if n := utf8.RuneCountInString(before); n > window {
		r := []rune(before)
		before = "…" + string(r[n-window:])
	}
	if n := utf8.RuneCountInString(after); n > window {
		after = string([]rune(after)[:window]) + "…"
	}
	var b strings.Builder
	for _, r := range before {
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteString(strings.Repeat(" ", runewidth.RuneWidth(r)))
		}
	}
	return line, col, before + after, b.String() + "^"
}

// token is one lexical token of SQL text: its offset and raw text.
type token struct {
	off  int
	text string
}

// tokens splits SQL into tokens, skipping spaces and comments. It is
// SQLite's lexer in outline: enough to find a token SQLite names.
func tokens(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		j := i + 1
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
			continue
		case c == '-' && strings.HasPrefix(s[i:], "--"):
			if k := strings.IndexByte(s[i:], '\n'); k >= 0 {
				i += k
			} else {
				i = len(s)
			}
			continue
		case c == '/' && strings.HasPrefix(s[i:], "/*"):
			if k := strings.Index(s[i+2:], "*/"); k >= 0 {
				i += k + 4
			} else {
				i = len(s)
			}
			continue
		case c == '\'' || c == '"' || c == '`' || c == '[':
			closer := c
			if c == '[' {
				closer = ']'
			}
			for j < len(s) {
				if s[j] == closer {
					if closer != ']' && j+1 < len(s) && s[j+1] == closer {
						j += 2
						continue
					}
					j++
					break
				}
				j++
			}
		case isWord(c):
			for j < len(s) && isWord(s[j]) {
				j++
			}
		default:
			if j < len(s) && twoCharOps[s[i:j+1]] {
				j++
			}
		}
		toks = append(toks, token{i, s[i:j]})
		i = j
	}
	return toks
}

var twoCharOps = map[string]bool{"||": true, "<=": true, ">=": true, "==": true, "!=": true, "<>": true, "<<": true, ">>": true, "->": true}

func isWord(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// findToken returns the offset of the first token spelled tok, or -1.
func findToken(s, tok string) int {
	for _, t := range tokens(s) {
		if t.text == tok {
			return t.off
		}
	}
	return -1
}

// findName returns the offset of the first use of a table, column or
// function name, maybe qualified (i.e.date), as a bare or quoted
// identifier; or -1.
func findName(s, name string) int {
	parts := strings.Split(name, ".")
	toks := tokens(s)
	for i := range toks {
		if matchName(toks, i, parts) {
			return toks[i].off
		}
	}
	return -1
}

func matchName(toks []token, i int, parts []string) bool {
	for k, p := range parts {
		j := i + 2*k
		if j >= len(toks) || !strings.EqualFold(unquote(toks[j].text), p) {
			return false
		}
		if k > 0 && toks[j-1].text != "." {
			return false
		}
	}
	// Not itself the tail of a qualified name (x.date for date).
	return i < 2 || toks[i-1].text != "." || len(parts) > 1
}

func unquote(t string) string {
	if len(t) >= 2 {
		switch t[0] {
		case '"', '`':
			return strings.ReplaceAll(t[1:len(t)-1], t[:1]+t[:1], t[:1])
		case '[':
			return t[1 : len(t)-1]
		}
	}
	return t
}
