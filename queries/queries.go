// Package queries owns incq's catalog of named queries: one .sql file per
// query, whose leading comment lines give its name, description and typed
// parameters:
//
//	-- name: casualties-by-side
//	-- description: Killed, wounded and captured per side.
//	--   A description may go on over several lines.
//	-- param: since date 0001-01-01 First incident date to include.
//	-- param: place text required A place name or any of its aliases.
//	-- param: within integer null Only incidents this many days after.
//	-- column: killed wounded integer
//	SELECT ...
//
// A param line gives name, type, default and help. The types are text,
// integer, real, date, place (a place name, checked against the gazetteer
// before the query runs) and count (a whole number of at least 0). The
// default is a literal of the type, "required" when the user must give a
// value, or "null" when the parameter is optional and binds NULL when
// left out. The SQL refers to a parameter as :name.
//
// A column line gives the type (text, integer, real or date) of result
// columns SQLite cannot type, being computed (a count, a sum, a date out
// of a UNION): a Parquet file or a workbook then has that type whatever
// rows a run returns, none included.
package queries

import (
	"bufio"
	"bytes"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/incq/incq/internal/suggest"
	"github.com/incq/incq/internal/value"
)

//go:embed *.sql
var files embed.FS

// FS returns the embedded catalog.
func FS() fs.FS { return files }

// Query is one named query.
type Query struct {
	Name        string
	Description string
	// Notes are shown under a table of the result (on standard error),
	// e.g. where the evidence behind its figures is.
	Notes  []string
	Params []Param
	// Columns are the types the column lines declare, by column name.
	Columns map[string]Type
	SQL     string
	File    string
}

// Param is one typed parameter of a query.
type Param struct {
	Name     string
	Type     Type
	Default  string // the default as written; meaningful when !Required && !Null
	Required bool   // the user must give a value
	Null     bool   // optional, binds NULL when left out
	Help     string
}

// Type is a parameter type.
type Type string

// The parameter types.
const (
	Text    Type = "text"
	Integer Type = "integer"
	Real    Type = "real"
	Date    Type = "date"
	// Place is a place given by any of its names: bound as text, and
	// checked by incq against the place resolver before the query runs,
	// so that an unknown place is an error, never an empty result.
	Place Type = "place"
	// Count is a whole number of at least 0, such as a number of days.
	Count Type = "count"
)

var types = []string{string(Text), string(Integer), string(Real), string(Date), string(Place), string(Count)}

// DefaultText describes the default for listings: the literal, "required"
// or "null".
func (p Param) DefaultText() string {
	switch {
	case p.Required:
		return "required"
	case p.Null:
		return "null"
	}
	return p.Default
}

// ParseError is a problem in a query file's header, at file:line:column.
type ParseError struct {
	File   string
	Line   int
	Column int
	Msg    string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Catalog parses every .sql file in fsys, sorted by name. dir names the
// catalog in messages.
func Catalog(fsys fs.FS, dir string) ([]Query, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	var qs []Query
	seen := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		q, err := Parse(path.Join(dir, name), data)
		if err != nil {
			return nil, err
		}
		if other, dup := seen[q.Name]; dup {
			return nil, fmt.Errorf("%s: query name %q is also used by %s", q.File, q.Name, other)
		}
		seen[q.Name] = q.File
		qs = append(qs, q)
	}
	sort.Slice(qs, func(i, j int) bool { return qs[i].Name < qs[j].Name })
	return qs, nil
}

var (
	nameRE  = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	paramRE = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
)

// Parse reads one query file. file names it in messages.
func Parse(file string, data []byte) (Query, error) {
	q := Query{File: file}
	fail := func(line, col int, format string, args ...any) (Query, error) {
		return Query{}, &ParseError{File: file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
	}
	if !utf8.Valid(data) {
		return fail(1, 1, "file is not valid UTF-8")
	}
	var (
		sqlLines []string
		sqlStart int // the file's line of sqlLines[0]
		lastKey  string
		lineNo   int
		inHeader = true
		paramAt  = map[string][2]int{} // where each param line stands
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 16*1024*1024) // grows from 4 KiB as long lines need
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), " \t\r")
		if inHeader && strings.HasPrefix(line, "--") {
			text := strings.TrimPrefix(line, "--")
			col := 3
			key, value, ok := strings.Cut(strings.TrimLeft(text, " "), ":")
			if ok && !strings.ContainsAny(key, " \t") && key != "" {
				col += len(text) - len(strings.TrimLeft(text, " "))
				value = strings.TrimSpace(value)
				switch key {
				case "name":
					if q.Name != "" {
						return fail(lineNo, col, "second name line")
					}
					if !nameRE.MatchString(value) {
						return fail(lineNo, col, "query name %q must be lower-case words joined by hyphens", value)
					}
					q.Name = value
				case "description":
					q.Description = value
				case "param":
					p, err := parseParam(value)
					if err != nil {
						return fail(lineNo, col, "param: %v", err)
					}
					for _, other := range q.Params {
						if other.Name == p.Name {
							return fail(lineNo, col, "param %q declared twice", p.Name)
						}
					}
					q.Params = append(q.Params, p)
					paramAt[p.Name] = [2]int{lineNo, col}
				case "column":
					names := strings.Fields(value)
					if len(names) < 2 {
						return fail(lineNo, col, "column: want the column names, then their type, e.g. killed wounded integer")
					}
					t := Type(strings.ToLower(names[len(names)-1]))
					if t != Text && t != Integer && t != Real && t != Date {
						return fail(lineNo, col, "column: unknown type %q (want text, integer, real or date)", names[len(names)-1])
					}
					if q.Columns == nil {
						q.Columns = map[string]Type{}
					}
					for _, n := range names[:len(names)-1] {
						if _, dup := q.Columns[n]; dup {
							return fail(lineNo, col, "column %q declared twice", n)
						}
						q.Columns[n] = t
					}
				case "note":
					// A line for readers of a table: where the evidence
					// behind the figures is, what is kept apart.
					q.Notes = append(q.Notes, value)
				default:
					return fail(lineNo, col, "unknown header key %q (want name, description, param, column or note)%s", key, suggest.Hint(key, []string{"name", "description", "param", "column", "note"}))
				}
				lastKey = key
				continue
			}
			// A comment line that is not a key continues the description,
			// or is an ordinary comment.
			if lastKey == "description" && strings.TrimSpace(text) != "" {
				q.Description += " " + strings.TrimSpace(text)
			}
			continue
		}
		if inHeader && strings.TrimSpace(line) == "" {
			continue
		}
		if inHeader {
			sqlStart = lineNo
		}
		inHeader = false
		sqlLines = append(sqlLines, line)
	}
	if err := sc.Err(); err != nil {
		return fail(lineNo, 1, "%v", err)
	}
	if q.Name == "" {
		return fail(1, 1, "missing %q header line", "-- name: ...")
	}
	// A leading number (10-incident-record.sql) orders files and is not
	// part of the name.
	if want := strings.TrimLeft(strings.TrimSuffix(path.Base(file), ".sql"), "0123456789-"); q.Name != want && strings.TrimSuffix(path.Base(file), ".sql") != q.Name {
		return fail(1, 1, "query name %q does not match the file name %q", q.Name, want)
	}
	if q.Description == "" {
		return fail(1, 1, "missing %q header line", "-- description: ...")
	}
	body := strings.Join(sqlLines, "\n")
	q.SQL = strings.TrimSpace(body)
	if q.SQL == "" {
		return fail(lineNo, 1, "no SQL after the header")
	}
	used := Placeholders(q.SQL)
	for _, p := range q.Params {
		if !used[p.Name] {
			at := paramAt[p.Name]
			return fail(at[0], at[1], "param %q is declared but the SQL never uses :%s", p.Name, p.Name)
		}
	}
	var undeclared error
	scanParams(body, func(prefix byte, name string, at int) {
		if undeclared != nil || (prefix != '?' && paramAt[name] != [2]int{}) {
			return
		}
		before := body[:at]
		line := sqlStart + strings.Count(before, "\n")
		col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
		if prefix == '?' {
			_, undeclared = fail(line, col, "?%s: a query file's parameters have names: write :name and declare it in a param line", name)
			return
		}
		_, undeclared = fail(line, col, "the SQL uses :%s but no param line declares it", name)
	})
	if undeclared != nil {
		return Query{}, undeclared
	}
	return q, nil
}

// parseParam reads "NAME TYPE DEFAULT HELP...".
func parseParam(s string) (Param, error) {
	f := strings.Fields(s)
	if len(f) < 4 {
		return Param{}, fmt.Errorf("want %q, got %q", "NAME TYPE DEFAULT HELP", s)
	}
	p := Param{Name: f[0], Type: Type(f[1]), Help: strings.Join(f[3:], " ")}
	if !paramRE.MatchString(p.Name) {
		return Param{}, fmt.Errorf("name %q must be lower-case letters, digits and underscores", p.Name)
	}
	if !contains(types, f[1]) {
		return Param{}, fmt.Errorf("unknown type %q (want %s)%s", f[1], strings.Join(types, ", "), suggest.Hint(f[1], types))
	}
	switch f[2] {
	case "required":
		p.Required = true
	case "null":
		p.Null = true
	default:
		if _, err := p.convert(f[2]); err != nil {
			return Param{}, fmt.Errorf("default of %q: %v", p.Name, err)
		}
		p.Default = f[2]
	}
	return p, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// valueTypes maps the catalog's parameter types to the parser's.
var valueTypes = map[Type]value.Type{Text: value.Text, Integer: value.Integer, Real: value.Real, Date: value.Date, Place: value.Text}

// convert parses a value given on the command line, or a default, as the
// param's type (see package value for the spellings accepted). Every kind
// of value is trimmed of surrounding white space first, text included, so
// that "--param place= Sotk" means what "--param place=Sotk" does; a text
// parameter cannot begin or end with a space.
func (p Param) convert(s string) (any, error) {
	if p.Type == Count {
		return value.ParseCount(strings.TrimSpace(s))
	}
	t, ok := valueTypes[p.Type]
	if !ok {
		return nil, fmt.Errorf("unknown type %q", p.Type)
	}
	return value.Parse(t, strings.TrimSpace(s))
}

// Arg is one bound parameter value, ready for database/sql as sql.Named.
type Arg struct {
	Name  string
	Value any
}

// NamedArgs turns bound arguments into database/sql's named arguments.
func NamedArgs(args []Arg) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = sql.Named(a.Name, a.Value)
	}
	return out
}

// Bind checks the values given for q's parameters and returns every
// parameter's value, defaults filled in. values maps names to the text the
// user gave.
func (q Query) Bind(values map[string]string) ([]Arg, error) {
	names := make([]string, len(q.Params))
	for i, p := range q.Params {
		names[i] = p.Name
	}
	given := make([]string, 0, len(values))
	for name := range values {
		given = append(given, name)
	}
	sort.Strings(given)
	for _, name := range given {
		if !contains(names, name) {
			if len(names) == 0 {
				return nil, fmt.Errorf("query %q: unknown parameter %q (it takes none)", q.Name, name)
			}
			return nil, fmt.Errorf("query %q: unknown parameter %q (it takes %s)%s", q.Name, name, strings.Join(names, ", "), suggest.Hint(name, names))
		}
	}
	args := make([]Arg, len(q.Params))
	for i, p := range q.Params {
		s, ok := values[p.Name]
		var v any
		switch {
		case ok:
			var err error
			if v, err = p.convert(s); err != nil {
				return nil, fmt.Errorf("query %q: parameter %q: %v", q.Name, p.Name, err)
			}
		case p.Required:
			return nil, fmt.Errorf("query %q: missing required parameter %q (%s); give it with --param %s=VALUE", q.Name, p.Name, p.Help, p.Name)
		case p.Null:
			v = nil
		default:
			v, _ = p.convert(p.Default)
		}
		args[i] = Arg{Name: p.Name, Value: v}
	}
	return args, nil
}

// Placeholders returns the names of the parameters that sql uses, in any
// of SQLite's named forms (:name, @name, $name), skipping string literals,
// quoted identifiers and comments.
func Placeholders(sql string) map[string]bool {
	used := map[string]bool{}
	scanParams(sql, func(prefix byte, name string, _ int) {
		if prefix != '?' {
			used[name] = true
		}
	})
	return used
}

// Positional reports whether sql uses a positional parameter (? or ?NNN),
// which incq cannot bind by name.
func Positional(sql string) bool {
	found := false
	scanParams(sql, func(prefix byte, _ string, _ int) { found = found || prefix == '?' })
	return found
}

// scanParams calls fn with each parameter of sql outside literals and
// comments: its prefix (: @ $ or ?) and name (digits for ?NNN).
func scanParams(sql string, fn func(prefix byte, name string, at int)) {
	for i := 0; i < len(sql); i++ {
		switch c := sql[i]; {
		case c == '\'' || c == '"' || c == '`':
			j := strings.IndexByte(sql[i+1:], c)
			if j < 0 {
				return
			}
			i += j + 1
		case c == '[':
			j := strings.IndexByte(sql[i+1:], ']')
			if j < 0 {
				return
			}
			i += j + 1
		case c == '-' && strings.HasPrefix(sql[i:], "--"):
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				return
			}
			i += j
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			j := strings.Index(sql[i+2:], "*/")
			if j < 0 {
				return
			}
			i += j + 3
		case c == '?':
			j := i + 1
			for j < len(sql) && '0' <= sql[j] && sql[j] <= '9' {
				j++
			}
			fn('?', sql[i+1:j], i)
			i = j - 1
		case (c == ':' || c == '@' || c == '$') && i+1 < len(sql) && isIdentStart(sql[i+1]):
			j := i + 1
			for j < len(sql) && isIdent(sql[j]) {
				j++
			}
			fn(c, sql[i+1:j], i)
			i = j - 1
		}
	}
}

// Identifier bytes: ASCII letters, digits and _, and every byte of a
// multi-byte UTF-8 letter, as SQLite's tokenizer takes them.
func isIdentStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}
func isIdent(c byte) bool { return isIdentStart(c) || '0' <= c && c <= '9' }

// Find returns the query called name, or an error that suggests the
// nearest names.
func Find(catalog []Query, name string) (Query, error) {
	names := make([]string, len(catalog))
	for i, q := range catalog {
		if q.Name == name {
			return q, nil
		}
		names[i] = q.Name
	}
	return Query{}, fmt.Errorf("unknown query %q%s", name, suggest.Hint(name, names))
}
