package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq"
	"github.com/incq/incq/internal/atomicfile"
	"github.com/incq/incq/queries"
	"github.com/incq/incq/render"
	"github.com/incq/incq/schema"
)

// The exports for other tools' users: a workbook for Excel, Parquet files
// for DuckDB, pandas or R, a map layer for QGIS. Each takes the road every
// query takes — rows read under the run's context, handed to one render
// writer — and writes through atomicfile, so that --timeout, Ctrl-C or an
// error leaves no partial file and nothing existing is replaced without
// --force.

// exportDestinations are export's flags, each naming where one kind of
// export goes, in the order messages list them.
var exportDestinations = []struct{ flag, arg string }{
	{"dir", "DIR"}, {"db", "FILE"}, {"xlsx", "FILE"}, {"parquet", "DIR"}, {"geojson", "FILE"},
}

// exportDestination returns the one destination flag given and its value.
func exportDestination(c *cli.Context) (flag, value string, err error) {
	var given []string
	for _, d := range exportDestinations {
		if c.IsSet(d.flag) && strings.TrimSpace(c.String(d.flag)) == "" {
			return "", "", usagef("export", "--%s needs a %s name", d.flag, map[string]string{"DIR": "directory", "FILE": "file"}[d.arg])
		}
		if v := c.String(d.flag); v != "" {
			flag, value = d.flag, v
			given = append(given, "--"+d.flag)
		}
	}
	if len(given) != 1 {
		return "", "", usagef("export", "give exactly one of --dir DIR, --db FILE, --xlsx FILE, --parquet DIR or --geojson FILE")
	}
	if value == "-" && (flag == "dir" || flag == "parquet") {
		return "", "", usagef("export", "--%s needs a directory; - (standard output) cannot hold several files", flag)
	}
	if value == "-" {
		return "", "", usagef("export", "--%s needs a file name; for standard output, query a table instead, e.g. incq sql 'SELECT * FROM incidents' -f %s -o - > FILE", flag, map[string]string{"db": "csv", "xlsx": "xlsx", "geojson": "geojson"}[flag])
	}
	if flag == "db" {
		// SQLite writes the copy beside it and renames it into place:
		// only a regular file, or none, can be its target.
		if st, err := os.Stat(value); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
			return "", "", usagef("export", "--db %s: not a regular file; a database is written whole, to a file", value)
		}
	}
	// A file named for another format would mislead whoever opens it.
	ext := strings.ToLower(filepath.Ext(value))
	_, known := extensionFormats[ext]
	_, other := misleadingExtensions[ext]
	if want := exportExtensions[flag]; want != nil && (known || other) && !slices.Contains(want, ext) {
		return "", "", usagef("export", "--%s %s: the extension says another format; name the file %s", flag, value, strings.Join(want, " or "))
	}
	return flag, value, nil
}

// exportExtensions are the extensions a file export may carry.
var exportExtensions = map[string][]string{
	"xlsx":    {".xlsx"},
	"geojson": {".geojson", ".json"},
	"db":      {".db", ".sqlite", ".sqlite3"},
}

// tableResult is every row of one dataset table.
func tableResult(db *incq.DB, table string) result {
	return result{open: func(ctx context.Context) (rowSource, error) {
		rows, err := db.TableRows(ctx, table)
		if err != nil {
			return nil, err
		}
		return &dbRows{Rows: rows}, nil
	}, db: db}
}

// yearResult is the rows of one table dated in one year.
func yearResult(db *incq.DB, table, year string) result {
	return result{open: func(ctx context.Context) (rowSource, error) {
		rows, err := db.YearRows(ctx, table, year)
		if err != nil {
			return nil, err
		}
		return &dbRows{Rows: rows}, nil
	}, db: db}
}

// exportXLSX writes the whole dataset as one workbook: a "tables" sheet
// describing each table, then one sheet per table, dates as date cells.
func exportXLSX(c *cli.Context, db *incq.DB, path string) (err error) {
	ctx := c.Context
	tables, err := db.Tables(ctx)
	if err != nil {
		return err
	}
	about, err := tableDescriptions()
	if err != nil {
		return err
	}
	if isTerminalPath(path) {
		return usagef("export", "--xlsx %s is a terminal: a workbook is for a file", path)
	}
	f, err := createOutput(c, path, "export")
	if err != nil {
		return err
	}
	defer func() { err = f.done(err) }()
	book, err := render.NewWorkbook(f)
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	defer book.Abort() // after Close, nothing to do
	for _, t := range tables {
		w, err := book.AddSheet(t, about[t])
		if err != nil {
			return fmt.Errorf("export %s: %w", t, err)
		}
		if _, err := emitRows(ctx, tableResult(db, t), func() (render.Writer, error) { return w, nil }); err != nil {
			return fmt.Errorf("export %s: %w", t, err)
		}
	}
	if err := book.Close(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.done(nil); err != nil {
		return err
	}
	fmt.Fprintf(c.App.ErrWriter, "incq: wrote %d tables to %s\n", len(tables), path)
	return nil
}

// exportParquet writes one Parquet file per table into dir, typed from
// the schema. Like --dir it refuses, before writing anything, when any of
// the files exists (unless --force), and commits the files only once every
// one is complete.
func exportParquet(c *cli.Context, db *incq.DB, dir string) (err error) {
	ctx := c.Context
	tables, err := db.Tables(ctx)
	if err != nil {
		return err
	}
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o777); err != nil { // less the umask, as mkdir(1)
		return fmt.Errorf("--parquet: %w", err)
	}
	pending := make([]*atomicfile.File, 0, len(tables))
	var made []string // partition folders this export made
	defer func() {
		if err == nil {
			return
		}
		for _, f := range pending {
			f.Abort()
		}
		for _, d := range slices.Backward(made) {
			os.Remove(d) // a partition folder made for this export, empty again
		}
		if errors.Is(statErr, fs.ErrNotExist) {
			os.Remove(dir) // made for this export, and empty again
		}
	}()
	// One file per table; with --partition year, a table with a date
	// column is a folder of Hive-style partitions, TABLE/year=YYYY/, that
	// DuckDB and Spark read as one table with a year column.
	type part struct {
		table, year string
	}
	var parts []part
	for _, t := range tables {
		var years []string
		if c.String("partition") == "year" {
			if years, err = db.Years(ctx, t); err != nil {
				return err
			}
		}
		if years == nil {
			parts = append(parts, part{table: t})
			continue
		}
		for _, y := range years {
			parts = append(parts, part{table: t, year: y})
		}
	}
	for _, p := range parts {
		name := filepath.Join(dir, p.table+".parquet")
		if p.year != "" {
			sub := filepath.Join(dir, p.table, "year="+p.year)
			for _, d := range []string{filepath.Dir(sub), sub} {
				if _, err := os.Stat(d); errors.Is(err, fs.ErrNotExist) {
					made = append(made, d)
				}
			}
			if err := os.MkdirAll(sub, 0o777); err != nil {
				return fmt.Errorf("--parquet: %w", err)
			}
			name = filepath.Join(sub, p.table+".parquet")
		}
		f, err := atomicfile.Create(name, c.Bool("force"))
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		pending = append(pending, f)
	}
	for i, p := range parts {
		w := render.NewParquet(pending[i])
		r := tableResult(db, p.table)
		if p.year != "" {
			r = yearResult(db, p.table, p.year)
		}
		if _, err := emitRows(ctx, r, func() (render.Writer, error) { return w, nil }); err != nil {
			return fmt.Errorf("export %s: %w", p.table, err)
		}
	}
	for _, f := range pending {
		if err := f.Commit(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	fmt.Fprintf(c.App.ErrWriter, "incq: wrote %d files to %s\n", len(pending), filepath.Clean(dir))
	return nil
}

// exportGeoJSON writes the incidents as points at their places
// (queries/export/incident-map.sql); those without coordinates are named
// on stderr.
func exportGeoJSON(c *cli.Context, db *incq.DB, path string) (err error) {
	q, err := queries.Internal("export/incident-map.sql")
	if err != nil {
		return err
	}
	f, err := createOutput(c, path, "export")
	if err != nil {
		return err
	}
	defer func() { err = f.done(err) }()
	w, err := render.New(render.GeoJSON, f, render.Options{Note: func(s string) { fmt.Fprintf(c.App.ErrWriter, "incq: %s\n", s) }})
	if err != nil {
		return err
	}
	_, err = emitRows(c.Context, namedResult(db, q), func() (render.Writer, error) { return w, nil })
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.done(nil); err != nil {
		return err
	}
	// The writer's notes have named the incidents left out and counted
	// them, in the words -f geojson uses; this line says only where the
	// map went.
	fmt.Fprintf(c.App.ErrWriter, "incq: wrote %s\n", path)
	return nil
}

// tableDescriptions maps each table to its description in the schema.
func tableDescriptions() (map[string]string, error) {
	tables, err := schema.Describe(schema.FS())
	if err != nil {
		return nil, err
	}
	about := make(map[string]string, len(tables))
	for _, t := range tables {
		about[t.Name] = t.Description
	}
	return about, nil
}
