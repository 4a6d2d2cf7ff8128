// Package schema owns incq's DDL: one concern per .sql file, applied in
// sorted order, with a one-line description of every table and column
// written as SQL comments beside the definitions.
package schema

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"sync"
)

//go:embed *.sql
var files embed.FS

//go:embed load/*.sql
var afterLoad embed.FS

// FS returns the embedded DDL files.
func FS() fs.FS { return files }

// Execer is the part of *sql.DB, *sql.Conn and *sql.Tx that Apply needs.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Apply runs every .sql file of fsys, in sorted order, on db.
func Apply(ctx context.Context, db Execer, fsys fs.FS) error {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		ddl, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("schema: %w", err)
		}
		if _, err := db.ExecContext(ctx, string(ddl)); err != nil {
			return fmt.Errorf("schema %s: %w", name, err)
		}
	}
	return nil
}

// AfterLoad runs the statements that derive values from a freshly loaded
// dataset (load/*.sql, in sorted order): the sides of imported parties,
// from actor_sides.
func AfterLoad(ctx context.Context, db Execer) error {
	names, err := fs.Glob(afterLoad, "load/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		stmts, err := afterLoad.ReadFile(name)
		if err != nil {
			return fmt.Errorf("schema: %w", err)
		}
		if _, err := db.ExecContext(ctx, string(stmts)); err != nil {
			return fmt.Errorf("schema %s: %w", name, err)
		}
	}
	return nil
}

// AfterLoadSum is a digest of the statements AfterLoad runs, for the keys
// of cached databases: a change to them builds the cache anew.
func AfterLoadSum() [sha256.Size]byte {
	h := sha256.New()
	names, _ := fs.Glob(afterLoad, "load/*.sql")
	sort.Strings(names)
	for _, name := range names {
		data, _ := afterLoad.ReadFile(name)
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
	}
	var sum [sha256.Size]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// Table describes one table as the DDL comments document it.
type Table struct {
	Name        string
	Description string
	File        string
	Columns     []Column
}

// Column describes one column of a table.
type Column struct {
	Name string
	// Type is the declared type (TEXT, INTEGER, REAL), or DATE for a TEXT
	// column checked to hold a YYYY-MM-DD date.
	Type        string
	Required    bool   // NOT NULL
	Key         bool   // the primary key, or part of it
	References  string // the table a foreign key points to
	Description string
}

// The patterns compile on first use: only `incq schema` needs them, and
// compiling them at start would cost every run.
var (
	createRE     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^CREATE\s+TABLE\s+(\w+)\s*\(`) })
	viewRE       = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^CREATE\s+VIEW\s+(\w+)\b`) })
	columnRE     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*(\w+)\s+(\w+)\b.*?--\s*(.+?)\s*$`) })
	pkRE         = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^PRIMARY\s+KEY\s*\(([^)]*)\)`) })
	referencesRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)REFERENCES\s+(\w+)`) })
	keywords     = map[string]bool{"CHECK": true, "PRIMARY": true, "UNIQUE": true, "FOREIGN": true, "CONSTRAINT": true, "AND": true, "OR": true} // AND, OR: a constraint's later lines
)

// Describe reads the table and column descriptions from the DDL in fsys.
// A table's description is the comment block just above its CREATE TABLE;
// a column's is the comment at the end of its line. It returns the tables
// in the order the DDL creates them.
func Describe(fsys fs.FS) ([]Table, error) {
	tables, _, err := describe(fsys)
	return tables, err
}

// View describes one view: its name and the comment block just above its
// CREATE VIEW. Its columns are SQLite's to tell (pragma_table_info).
type View struct {
	Name        string
	Description string
	File        string
}

// DescribeViews reads the views' descriptions from the DDL in fsys, in the
// order the DDL creates them.
func DescribeViews(fsys fs.FS) ([]View, error) {
	_, views, err := describe(fsys)
	return views, err
}

func describe(fsys fs.FS) ([]Table, []View, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(names)
	var (
		tables []Table
		views  []View
	)
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, nil, err
		}
		ts, vs, err := describeFile(name, f)
		f.Close()
		if err != nil {
			return nil, nil, err
		}
		tables = append(tables, ts...)
		views = append(views, vs...)
	}
	return tables, views, nil
}

func describeFile(name string, r fs.File) ([]Table, []View, error) {
	var (
		tables  []Table
		views   []View
		comment []string
		cur     *Table
		lineNo  int
	)
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case cur != nil && strings.HasPrefix(trimmed, ")"):
			tables = append(tables, *cur)
			cur = nil
		case cur != nil:
			m := columnRE().FindStringSubmatch(line)
			if m == nil || keywords[strings.ToUpper(m[1])] {
				word := strings.ToUpper(firstWord(trimmed))
				if !keywords[word] {
					return nil, nil, fmt.Errorf("%s:%d: column %q has no description comment", name, lineNo, firstWord(trimmed))
				}
				if k := pkRE().FindStringSubmatch(trimmed); k != nil {
					for _, c := range strings.Split(k[1], ",") {
						for i := range cur.Columns {
							if cur.Columns[i].Name == strings.TrimSpace(c) {
								cur.Columns[i].Key = true
							}
						}
					}
				}
				continue
			}
			def := strings.ToUpper(line[:strings.Index(line, "--")])
			col := Column{
				Name:        m[1],
				Type:        strings.ToUpper(m[2]),
				Required:    strings.Contains(def, "NOT NULL"),
				Key:         strings.Contains(def, "PRIMARY KEY"),
				Description: m[3],
			}
			if DateColumns(line)[col.Name] {
				col.Type = "DATE"
			}
			if r := referencesRE().FindStringSubmatch(line); r != nil {
				col.References = r[1]
			}
			cur.Columns = append(cur.Columns, col)
		case strings.HasPrefix(trimmed, "--"):
			comment = append(comment, strings.TrimSpace(strings.TrimPrefix(trimmed, "--")))
		case trimmed == "":
			comment = nil
		default:
			if m := createRE().FindStringSubmatch(trimmed); m != nil {
				if len(comment) == 0 {
					return nil, nil, fmt.Errorf("%s:%d: table %q has no description comment", name, lineNo, m[1])
				}
				cur = &Table{Name: m[1], Description: strings.Join(comment, " "), File: name}
			}
			if m := viewRE().FindStringSubmatch(trimmed); m != nil {
				if len(comment) == 0 {
					return nil, nil, fmt.Errorf("%s:%d: view %q has no description comment", name, lineNo, m[1])
				}
				views = append(views, View{Name: m[1], Description: strings.Join(comment, " "), File: name})
			}
			comment = nil
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if cur != nil {
		return nil, nil, fmt.Errorf("%s: table %q is not closed", name, cur.Name)
	}
	return tables, views, nil
}

func firstWord(s string) string {
	if i := strings.IndexFunc(s, func(r rune) bool { return r == ' ' || r == '(' || r == '\t' }); i >= 0 {
		return s[:i]
	}
	return s
}

// dateCheckRE finds the check that makes a TEXT column a date column.
var dateCheckRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)CHECK\s*\(\s*"?(\w+)"?\s+IS\s+date\(\s*"?(\w+)"?\s*\)\s*\)`)
})

// DateColumns returns the date columns that DDL text defines. A date
// column is a TEXT column checked by CHECK (x IS date(x)): SQLite has no
// date type, and the driver would turn a column declared DATE into
// time.Time values. This is the one place incq decides what a date column
// is; the loader, incq schema and result types all ask it.
func DateColumns(ddl string) map[string]bool {
	dates := map[string]bool{}
	for _, m := range dateCheckRE().FindAllStringSubmatch(ddl, -1) {
		if m[1] == m[2] {
			dates[m[1]] = true
		}
	}
	return dates
}
