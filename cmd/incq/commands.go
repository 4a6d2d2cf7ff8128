package main

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq"
	"github.com/incq/incq/internal/suggest"
	"github.com/incq/incq/queries"
	"github.com/incq/incq/render"
	"github.com/incq/incq/schema"
)

func queriesCommand() *cli.Command {
	return &cli.Command{
		Name:      "queries",
		Usage:     "list the named queries, or show one with its parameters and SQL",
		ArgsUsage: "[NAME]",
		Description: "Examples:\n" +
			"  incq queries\n" +
			"  incq queries --format csv\n" +
			"  incq queries casualties-by-side",
		Action: func(c *cli.Context) error {
			cat, err := catalog()
			if err != nil {
				return err
			}
			if c.NArg() > 1 {
				return usagef("queries", "want at most one query name, got %d arguments", c.NArg())
			}
			if c.NArg() == 1 {
				q, err := queries.Find(cat, c.Args().First())
				if err != nil {
					return &usageError{msg: err.Error(), try: "incq queries"}
				}
				return showQuery(c, q)
			}
			rows := make([][]any, len(cat))
			for i, q := range cat {
				rows[i] = []any{q.Name, q.Description, paramSummary(q)}
			}
			return emit(c, false, staticResult([]string{"name", "description", "parameters"}, rows))
		},
	}
}

func paramSummary(q queries.Query) string {
	parts := make([]string, len(q.Params))
	for i, p := range q.Params {
		parts[i] = fmt.Sprintf("%s %s=%s", p.Name, p.Type, p.DefaultText())
	}
	return strings.Join(parts, "; ")
}

// showQuery prints one query: its description and file, its parameters
// and its SQL, as three sections.
func showQuery(c *cli.Context, q queries.Query) error {
	params := [][]any{}
	for _, p := range q.Params {
		params = append(params, []any{p.Name, string(p.Type), p.DefaultText(), p.Help})
	}
	paramCols := []string{"parameter", "type", "default", "help"}
	if !slices.Contains(render.SectionFormats, formatOf(c)) {
		// CSV and its kin hold one table: the parameters.
		return emit(c, false, staticResult(paramCols, params))
	}
	about := [][]any{{"name", q.Name}, {"description", q.Description}, {"file", q.File}, {"sql", q.SQL}}
	return emit(c, true,
		titled("query", staticResult([]string{"field", "value"}, about)),
		titled("parameters", staticResult(paramCols, params)))
}

func titled(title string, r result) result {
	r.title = title
	return r
}

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a named query",
		ArgsUsage: "NAME",
		Description: "Runs one query from the catalog (incq queries lists them).\n\n" +
			"Examples:\n" +
			"  incq query casualties-by-side\n" +
			"  incq query casualties-by-side --param since=2022-01-01 --format csv",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "set a parameter, as `NAME=VALUE` (repeatable)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("query", "missing query name (incq queries lists them)")
			}
			if c.NArg() > 1 {
				return usagef("query", "want one query name, got %d arguments: %s", c.NArg(), strings.Join(c.Args().Slice(), " "))
			}
			cat, err := catalog()
			if err != nil {
				return err
			}
			q, err := queries.Find(cat, c.Args().First())
			if err != nil {
				return &usageError{msg: err.Error(), try: "incq queries"}
			}
			values := map[string]string{}
			for _, kv := range c.StringSlice("param") {
				name, value, ok := strings.Cut(kv, "=")
				name = strings.TrimSpace(name)
				if !ok || name == "" {
					return usagef("query", "--param %q: want NAME=VALUE", kv)
				}
				if _, dup := values[name]; dup {
					return usagef("query", "--param %q given twice", name)
				}
				values[name] = value
			}
			bound, err := q.Bind(values)
			if err != nil {
				return &usageError{msg: err.Error(), try: "incq queries " + q.Name}
			}
			db, err := openDB(c)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := checkPlaces(c, db, q, bound); err != nil {
				return err
			}
			if err := emit(c, false, sqlResult(db, "", q.SQL, namedArgs(bound)...)); err != nil {
				return err
			}
			if formatOf(c) == render.Table {
				// Under a table a reader sees: where the evidence is.
				for _, n := range q.Notes {
					fmt.Fprintf(c.App.ErrWriter, "incq: %s\n", n)
				}
			}
			return nil
		},
	}
}

func sqlCommand() *cli.Command {
	return &cli.Command{
		Name:      "sql",
		Usage:     "run read-only SQL given as an argument, in a file or on standard input",
		ArgsUsage: "[SQL]",
		Description: "Statements that would change the data or reach a file (INSERT, CREATE,\n" +
			"ATTACH, VACUUM INTO, writable PRAGMAs, ...) are refused. With several\n" +
			"statements, the last one's result is printed.\n\n" +
			"Examples:\n" +
			"  incq sql \"SELECT incident_id, date, summary FROM incidents ORDER BY date\"\n" +
			"  incq sql --file my-query.sql --format csv --output result.csv\n" +
			"  echo \"SELECT count(*) FROM claims\" | incq sql",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "file", Usage: "read the SQL from `FILE`"},
		},
		Action: func(c *cli.Context) error {
			text, err := readSQL(c)
			if err != nil {
				return err
			}
			db, err := openDB(c)
			if err != nil {
				return err
			}
			defer db.Close()
			return emit(c, false, sqlResult(db, "", text))
		},
	}
}

func readSQL(c *cli.Context) (string, error) {
	file := c.String("file")
	var text string
	switch {
	case c.NArg() > 1:
		return "", usagef("sql", "want the SQL as one argument, got %d (quote it)", c.NArg())
	case c.NArg() == 1 && file != "":
		return "", usagef("sql", "give the SQL as an argument or with --file, not both")
	case c.NArg() == 1:
		text = c.Args().First()
	case file != "":
		data, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("--file: %w", err)
		}
		text = string(data)
	default:
		if f, ok := c.App.Reader.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				return "", usagef("sql", "no SQL given: pass it as an argument, with --file, or on standard input")
			}
		}
		data, err := io.ReadAll(c.App.Reader)
		if err != nil {
			return "", fmt.Errorf("read standard input: %w", err)
		}
		text = string(data)
	}
	if strings.TrimSpace(text) == "" {
		return "", usagef("sql", "no SQL given: the statement is empty")
	}
	return text, nil
}

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:      "schema",
		Usage:     "list the tables, or one table's columns, with descriptions",
		ArgsUsage: "[TABLE]",
		Description: "Examples:\n" +
			"  incq schema\n" +
			"  incq schema claims",
		Action: func(c *cli.Context) error {
			tables, err := schema.Describe(schema.FS())
			if err != nil {
				return err
			}
			if c.NArg() > 1 {
				return usagef("schema", "want at most one table name, got %d arguments", c.NArg())
			}
			if c.NArg() == 0 {
				rows := make([][]any, len(tables))
				for i, t := range tables {
					rows[i] = []any{t.Name, t.Description}
				}
				return emit(c, false, staticResult([]string{"table", "description"}, rows))
			}
			name := c.Args().First()
			names := make([]string, len(tables))
			for i, t := range tables {
				names[i] = t.Name
				if t.Name != name {
					continue
				}
				rows := make([][]any, len(t.Columns))
				for j, col := range t.Columns {
					rows[j] = []any{col.Name, col.Type, flags(col), nullIfEmpty(col.References), col.Description}
				}
				return emit(c, false, staticResult([]string{"column", "type", "constraints", "references", "description"}, rows))
			}
			return &usageError{msg: fmt.Sprintf("unknown table %q%s", name, suggest.Hint(name, names)), try: "incq schema"}
		},
	}
}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the whole dataset as CSV files (--dir) or as a SQLite database (--db)",
		Description: "--dir writes one CSV per table, in exactly the layout --dataset reads.\n" +
			"--db writes a SQLite database file for sqlite3, Datasette or pandas.\n" +
			"Existing files are refused unless --force is given.\n\n" +
			"Examples:\n" +
			"  incq export --dir mydata\n" +
			"  incq export --db incidents.db",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "dir", Usage: "write one CSV per table into `DIR`"},
			&cli.StringFlag{Name: "db", Usage: "write a SQLite database to `FILE`"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			dir, dbFile := c.String("dir"), c.String("db")
			if (dir == "") == (dbFile == "") {
				return usagef("export", "give exactly one of --dir DIR or --db FILE")
			}
			if c.String("output") != "" {
				return usagef("export", "export writes files itself: use --dir or --db, not --output")
			}
			db, err := openDB(c)
			if err != nil {
				return err
			}
			defer db.Close()
			if dbFile != "" {
				return db.ExportDB(c.Context, dbFile, c.Bool("force"))
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("--dir: %w", err)
			}
			written, err := db.ExportDir(c.Context, dir, c.Bool("force"))
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "incq: wrote %d files to %s\n", written, filepath.Clean(dir))
			return nil
		},
	}
}

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "validate a dataset and print its row counts",
		Description: "Loads the dataset (--dataset DIR, or the embedded one) with every check\n" +
			"on, and lists each problem with its file, line and column.\n\n" +
			"Examples:\n" +
			"  incq check\n" +
			"  incq check --dataset mydata",
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			db, err := openDB(c)
			if err != nil {
				return err
			}
			defer db.Close()
			counts, err := db.Counts(c.Context)
			if err != nil {
				return err
			}
			rows := make([][]any, len(counts))
			for i, n := range counts {
				rows[i] = []any{n.Table, n.Rows}
			}
			return emit(c, false, staticResult([]string{"table", "rows"}, rows))
		},
	}
}

// checkPlaces resolves every place parameter through the place resolver:
// a place that is not in the gazetteer is an error, not an empty result.
func checkPlaces(c *cli.Context, db *incq.DB, q queries.Query, bound []queries.Arg) error {
	for i, p := range q.Params {
		name, ok := bound[i].Value.(string)
		if p.Type != queries.Place || !ok {
			continue
		}
		_, err := db.Resolve(c.Context, "place", name)
		var nf *incq.NotFoundError
		if errors.As(err, &nf) {
			return &usageError{msg: fmt.Sprintf("query %q: parameter %q: %s", q.Name, p.Name, err), try: "incq search " + strconv.Quote(name)}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func namedArgs(args []queries.Arg) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = sql.Named(a.Name, a.Value)
	}
	return out
}

// flags summarises a column's constraints: "key", "required".
func flags(col schema.Column) any {
	var f []string
	if col.Key {
		f = append(f, "key")
	}
	if col.Required {
		f = append(f, "required")
	}
	return nullIfEmpty(strings.Join(f, ", "))
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func searchCommand() *cli.Command {
	return &cli.Command{
		Name:      "search",
		Usage:     "full-text search over incidents, claims, episodes, places and people",
		ArgsUsage: "TEXT",
		Description: "Every word must match (as a word or the start of one); names resolve\n" +
			"through their aliases, so Kelbecer finds records that say Kelbajar.\n" +
			"Results are ranked, with the kind and id to pass to incq show.\n\n" +
			"Examples:\n" +
			"  incq search Kelbecer\n" +
			"  incq search \"sabotage group\" --limit 5",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "limit", Value: 20, Usage: "show at most `N` results"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("search", "missing the text to search for")
			}
			if c.Int("limit") < 1 {
				return usagef("search", "--limit must be at least 1")
			}
			db, err := openDB(c)
			if err != nil {
				return err
			}
			defer db.Close()
			rows, err := db.Search(c.Context, strings.Join(c.Args().Slice(), " "), c.Int("limit"))
			var syntax *incq.SearchSyntaxError
			if errors.As(err, &syntax) {
				return &usageError{msg: err.Error(), cmd: "search"}
			}
			if err != nil {
				return err
			}
			return emit(c, false, rowsResult(rows))
		},
	}
}
