package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
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
		Description: describe(
			"Lists the built-in queries and your own: .sql files in the same format\n"+
				"in the folders --queries DIR and INCQ_QUERIES (a list of folders) name.",
			"incq queries",
			"incq queries --format csv",
			"incq queries casualties-by-side",
		),
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("queries", "want at most one query name, got %d arguments", c.NArg())
			}
			cat, err := catalog(c)
			if err != nil {
				return err
			}
			if c.NArg() == 1 {
				q, err := cat.find(c.Args().First())
				if err != nil {
					return err
				}
				return showQuery(c, destinationOf(c), q, cat.origin[q.Name])
			}
			// On a terminal the listing is a line or two a query: the
			// description's first sentence and the parameters' names;
			// incq queries NAME and every other format give them whole.
			brief, cut := formatOf(c) == render.Table, false
			rows := make([][]any, len(cat.queries))
			for i, q := range cat.queries {
				desc, params := q.Description, paramSummary(q)
				if brief {
					var more bool
					desc, more = firstSentence(desc)
					cut = cut || more
					params = paramNames(q)
				}
				rows[i] = []any{q.Name, desc, params, cat.origin[q.Name]}
			}
			if cut {
				defer fmt.Fprintln(c.App.ErrWriter, "incq: each description is its first sentence here; incq queries NAME, or -f csv, gives it whole with the parameters' types and defaults")
			}
			return emit(c, false, staticResult([]string{"name", "description", "parameters", "origin"}, rows))
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

// paramNames lists q's parameters by name.
func paramNames(q queries.Query) string {
	names := make([]string, len(q.Params))
	for i, p := range q.Params {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// firstSentence returns s up to the end of its first sentence (a full
// stop before a space), and whether it left anything out.
func firstSentence(s string) (string, bool) {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1], true
	}
	return s, false
}

// showQuery prints one query: its description and file, its parameters
// and its SQL, as three sections, to d.
func showQuery(c *cli.Context, d destination, q queries.Query, origin string) error {
	params := [][]any{}
	for _, p := range q.Params {
		params = append(params, []any{p.Name, string(p.Type), p.DefaultText(), p.Help})
	}
	paramCols := []string{"parameter", "type", "default", "help"}
	if f := d.format; !slices.Contains(render.SectionFormats, f) {
		// CSV and its kin hold one table: the parameters, and it is said.
		fmt.Fprintf(c.App.ErrWriter, "incq: %s holds one table: %s's parameters; --format json or markdown gives its description and SQL too\n", f, q.Name)
		return emitTo(c, d, false, staticResult(paramCols, params))
	}
	about := [][]any{{"name", q.Name}, {"description", q.Description}, {"file", q.File}, {"origin", origin}}
	if len(q.Columns) > 0 {
		var typed []string
		for _, name := range slices.Sorted(maps.Keys(q.Columns)) {
			typed = append(typed, name+" "+string(q.Columns[name]))
		}
		about = append(about, []any{"columns", strings.Join(typed, ", ")})
	}
	about = append(about, []any{"sql", q.SQL})
	return emitTo(c, d, true,
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
		Description: describe(
			"Runs one query from the catalog (incq queries lists them).",
			"incq query casualties-by-side",
			"incq query casualties-by-side --param since=2022-01-01 --format csv",
			"incq query clashes-after-ceasefires -p within=30",
			"incq query my-own-query --queries ~/incq-queries",
		),
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "set a parameter, as `NAME=VALUE` (repeatable); an empty value leaves out a limit that may be null"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("query", "missing query name (incq queries lists them)")
			}
			if c.NArg() > 1 {
				return usagef("query", "want one query name, got %d arguments: %s", c.NArg(), strings.Join(c.Args().Slice(), " "))
			}
			cat, q, args, err := namedQuery(c, c.Args().First())
			if err != nil {
				return err
			}
			db, err := openDB(c)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := checkPlaces(c.Context, db, q, args); err != nil {
				return err
			}
			err = emit(c, false, namedResult(db, q, args...))
			if err := placeSQLError(err, cat.source(q), dbSchemaNames(c.Context, db)); err != nil {
				return err
			}
			if o := c.String("output"); formatOf(c) == render.Table && (o == "" || o == "-") {
				// Under a table a reader sees: where the evidence is.
				for _, n := range q.Notes {
					fmt.Fprintf(c.App.ErrWriter, "incq: %s\n", n)
				}
			}
			return nil
		},
	}
}

// namedQuery finds the query name names in the catalog (built-in and
// personal folders) and binds its --param flags.
func namedQuery(c *cli.Context, name string) (*catalogSet, queries.Query, []any, error) {
	cat, err := catalog(c)
	if err != nil {
		return nil, queries.Query{}, nil, err
	}
	q, err := cat.find(name)
	if err != nil {
		return nil, queries.Query{}, nil, err
	}
	values, err := paramValues(c)
	if err != nil {
		return nil, queries.Query{}, nil, err
	}
	args, err := bindQuery(q, values)
	return cat, q, args, err
}

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:      "schema",
		Usage:     "list the tables and views, or one's columns, with descriptions",
		ArgsUsage: "[TABLE|VIEW]",
		Description: describe(
			"Views are derived from the tables and hold no data of their own.",
			"incq schema",
			"incq schema claims",
			"incq schema counted_figures",
		),
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("schema", "want at most one table name, got %d arguments", c.NArg())
			}
			var db *incq.DB
			defer func() {
				if db != nil {
					db.Close()
				}
			}()
			r, err := schemaResult(c.Args().First(), func() (*incq.DB, error) {
				var err error
				db, err = openDB(c)
				return db, err
			})
			if err != nil {
				return err
			}
			return emit(c, false, r)
		},
	}
}

// schemaResult is what incq schema shows: with name empty, the tables and
// views; else that one's columns. A view's columns come from the
// database, which viewDB opens when asked.
func schemaResult(name string, viewDB func() (*incq.DB, error)) (result, error) {
	tables, err := schema.Describe(schema.FS())
	if err != nil {
		return result{}, err
	}
	views, err := schema.DescribeViews(schema.FS())
	if err != nil {
		return result{}, err
	}
	if name == "" {
		var rows [][]any
		for _, t := range tables {
			rows = append(rows, []any{t.Name, "table", t.Description})
		}
		for _, v := range views {
			rows = append(rows, []any{v.Name, "view", v.Description})
		}
		return staticResult([]string{"name", "kind", "description"}, rows), nil
	}
	var names []string
	for _, v := range views {
		names = append(names, v.Name)
		if v.Name == name {
			db, err := viewDB()
			if err != nil {
				return result{}, err
			}
			return sqlResult(db, "",
				`SELECT name AS "column", nullif(type, '') AS type FROM pragma_table_info(:view) ORDER BY cid`, sql.Named("view", v.Name)), nil
		}
	}
	for _, t := range tables {
		names = append(names, t.Name)
		if t.Name != name {
			continue
		}
		rows := make([][]any, len(t.Columns))
		for j, col := range t.Columns {
			rows[j] = []any{col.Name, col.Type, flags(col), nullIfEmpty(col.References), col.Description}
		}
		return staticResult([]string{"column", "type", "constraints", "references", "description"}, rows), nil
	}
	return result{}, &usageError{msg: fmt.Sprintf("unknown table or view %q%s", name, suggest.Hint(name, names)), try: "incq schema"}
}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the whole dataset as CSV files, a SQLite database, an Excel workbook, Parquet files or a GeoJSON map",
		Description: describe(
			"--dir writes one CSV per table, in exactly the layout --dataset reads.\n"+
				"--db writes a SQLite database file for sqlite3, Datasette or pandas.\n"+
				"--xlsx writes an Excel workbook: a sheet describing the tables, then\n"+
				"one sheet per table, dates as date cells.\n"+
				"--parquet writes one Parquet file per table, typed from the schema\n"+
				"(dates DATE, integers INT64, reals DOUBLE, text UTF-8).\n"+
				"--partition year with --parquet writes each table with a date column\n"+
				"as folders TABLE/year=YYYY/ (Hive-style), one table to DuckDB or Spark.\n"+
				"--geojson writes the incidents as points at their places, for QGIS\n"+
				"or a web map; incidents whose place has no coordinates are named on\n"+
				"standard error and left out.\n"+
				"Existing files are refused unless --force is given.",
			"incq export --dir mydata",
			"incq export --db incidents.db",
			"incq export --xlsx incidents.xlsx",
			"incq export --parquet parquet/",
			"incq export --parquet parquet/ --partition year",
			"incq export --geojson incidents.geojson",
		),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "dir", Usage: "write one CSV per table into `DIR`"},
			&cli.StringFlag{Name: "db", Usage: "write a SQLite database to `FILE`"},
			&cli.StringFlag{Name: "xlsx", Usage: "write an Excel workbook, one sheet per table, to `FILE`"},
			&cli.StringFlag{Name: "parquet", Usage: "write one Parquet file per table into `DIR`"},
			&cli.StringFlag{Name: "geojson", Usage: "write the incidents as GeoJSON points to `FILE`"},
			&cli.StringFlag{Name: "partition", Usage: "with --parquet: `year` writes each table with a date column as Hive-style folders TABLE/year=YYYY/, which DuckDB and Spark read as one table"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			dest, path, err := exportDestination(c)
			if err != nil {
				return err
			}
			if c.String("output") != "" {
				return usagef("export", "export writes files itself: use --%s, not --output", dest)
			}
			if c.Bool("no-header") {
				return usagef("export", "--no-header: export writes whole tables, with their headers")
			}
			if c.IsSet("partition") && c.String("partition") != "year" {
				return usagef("export", "--partition %q: the one partitioning is year", c.String("partition"))
			}
			if c.IsSet("partition") && dest != "parquet" {
				return usagef("export", "--partition applies to --parquet")
			}
			db, err := openDB(c)
			if err != nil {
				return err
			}
			defer db.Close()
			switch dest {
			case "db":
				if err := db.ExportDB(c.Context, path, c.Bool("force")); err != nil {
					return err
				}
				fmt.Fprintf(c.App.ErrWriter, "incq: wrote %s\n", path)
				return nil
			case "xlsx":
				return exportXLSX(c, db, path)
			case "parquet":
				return exportParquet(c, db, path)
			case "geojson":
				return exportGeoJSON(c, db, path)
			}
			_, statErr := os.Stat(path)
			if err := os.MkdirAll(path, 0o777); err != nil { // less the umask, as mkdir(1)
				return fmt.Errorf("--dir: %w", err)
			}
			written, err := db.ExportDir(c.Context, path, c.Bool("force"))
			if err != nil {
				if errors.Is(statErr, fs.ErrNotExist) {
					os.Remove(path) // made for this export, and empty again
				}
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "incq: wrote %d files to %s\n", written, filepath.Clean(path))
			return nil
		},
	}
}

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "validate a dataset and print its row counts",
		Description: describe(
			"Loads the dataset (--dataset DIR, or the embedded one) with every check\n"+
				"on, and lists each problem with its file, line and column.",
			"incq check",
			"incq check --dataset mydata",
		),
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
func checkPlaces(ctx context.Context, db *incq.DB, q queries.Query, args []any) error {
	for _, p := range q.Params {
		if p.Type != queries.Place {
			continue
		}
		for _, a := range args {
			na, ok := a.(sql.NamedArg)
			name, isText := na.Value.(string)
			if !ok || na.Name != p.Name || !isText {
				continue
			}
			if name == "" {
				return &usageError{msg: fmt.Sprintf("query %q: parameter %q is empty: give a place name, e.g. Sotk", q.Name, p.Name), try: "incq queries " + q.Name}
			}
			_, err := db.Resolve(ctx, "place", name)
			var nf *incq.NotFoundError
			if errors.As(err, &nf) {
				return &usageError{msg: fmt.Sprintf("query %q: parameter %q: %s", q.Name, p.Name, err) + elsewhere(ctx, db, "place", name), try: "incq queries " + q.Name}
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
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
		Usage:     "full-text search over incidents, claims, places, actors, episodes, ceasefires, talks and sources",
		ArgsUsage: "TEXT",
		Description: describe(
			"Syntax:\n"+
				"  word        matches the word or words starting with it (Kelb finds Kelbajar)\n"+
				"  a b         both words (AND is implied; AND may be written)\n"+
				"  a OR b      either word\n"+
				"  a NOT b     a, but not where b is too (NOT needs a word before it)\n"+
				"  \"a b\"       the exact phrase\n"+
				"  ( ... )     grouping, at most 8 deep\n"+
				"Case, diacritics (Tağıyev = Tagiyev, Kəlbəcər = Kelbecer) and hyphens\n"+
				"(cease-fire = ceasefire) do not matter; a word or phrase that names a\n"+
				"place or actor also matches its other names, so Kelbecer finds records\n"+
				"that say Kelbajar. At most 40 words and 1000 bytes. Results are ranked,\n"+
				"with the kind and id to pass to incq show; no match is an error, with\n"+
				"suggestions.",
			"incq search Kelbecer",
			"incq search '\"sabotage group\"' --limit 5",
			"incq search 'ceasefire NOT Kalbajar'",
			"incq search 'Sotk OR Nakhchivan' -f csv",
		),
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
			rows, total, err := db.Search(c.Context, strings.Join(c.Args().Slice(), " "), c.Int("limit"))
			var syntax *incq.SearchSyntaxError
			if errors.As(err, &syntax) {
				return &usageError{msg: err.Error(), cmd: "search"}
			}
			if err != nil {
				return err
			}
			if err := emit(c, false, rowsResult(rows)); err != nil {
				return err
			}
			if limit := c.Int("limit"); total > limit {
				fmt.Fprintf(c.App.ErrWriter, "incq: the best %d of %d matches; --limit %d shows them all\n", limit, total, total)
			}
			return nil
		},
	}
}
