package incq

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"runtime"
	"slices"

	"github.com/incq/incq/dataset"
	"github.com/incq/incq/internal/atomicfile"
)

// ExportDir writes every table to dir as <table>.csv, in the layout Open
// reads. Unless force is set it refuses, before writing anything, when any
// of the files exists. It returns the number of files written.
func (d *DB) ExportDir(ctx context.Context, dir string, force bool) (int, error) {
	n, err := dataset.WriteDir(ctx, d.pool, dir, force)
	if err != nil && ctx.Err() == nil {
		err = fmt.Errorf("export: %w", err)
	}
	return n, err
}

// ExportDB writes the whole database to path as a SQLite file, through a
// temporary file renamed into place.
func (d *DB) ExportDB(ctx context.Context, path string, force bool) (err error) {
	f, err := atomicfile.Create(path, force)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer func() {
		if err != nil {
			f.Abort()
		}
	}()
	// VACUUM INTO is what the read-only connections refuse: it runs on a
	// connection of incq's own, whose target incq chose itself.
	err = d.trusted(ctx, func(conn *sql.Conn) error {
		// From a database in memory (memdb), VACUUM INTO would write
		// into memdb too, and the file on disk stayed empty: name the
		// disk's VFS.
		target := f.Name()
		if d.keep != nil {
			target = "file:" + escapePath(f.Name()) + "?vfs=" + diskVFS()
		}
		_, err := conn.ExecContext(ctx, "VACUUM INTO ?", target)
		return err
	})
	if err == nil {
		err = dropCacheTable(ctx, f.Name())
	}
	if err != nil {
		if ctx.Err() != nil {
			return context.Cause(ctx) // the run was stopped: say why
		}
		return fmt.Errorf("export %s: %w", path, err)
	}
	if ctx.Err() != nil {
		return context.Cause(ctx) // stopped as the copy ended: not committed
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// diskVFS names SQLite's VFS for files on disk.
func diskVFS() string {
	if runtime.GOOS == "windows" {
		return "win32"
	}
	return "unix"
}

// trusted runs fn on a connection that is not read-only, for statements
// incq writes itself: never the user's SQL.
func (d *DB) trusted(ctx context.Context, fn func(*sql.Conn) error) error {
	db, err := sql.Open("sqlite", d.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return fn(conn)
}

// dropCacheTable removes incq's own bookkeeping from an exported database.
func dropCacheTable(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+escapePath(path))
	if err != nil {
		return err
	}
	defer db.Close()
	// The views incq worked out once when loading get their own
	// definitions back, so that the file stays right when edited.
	rows, err := db.QueryContext(ctx, `SELECT name, sql FROM incq_views`)
	if err != nil {
		return err
	}
	var restore []string
	for rows.Next() {
		var name, ddl string
		if err := rows.Scan(&name, &ddl); err != nil {
			rows.Close()
			return err
		}
		restore = append(restore, fmt.Sprintf(`DROP VIEW "%s"`, name), ddl)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, stmt := range append(restore, `DROP TABLE IF EXISTS incq_counted_figures`, `DROP TABLE IF EXISTS incq_views`,
		`DROP TABLE IF EXISTS incq_cache`, `DROP TABLE IF EXISTS incq_columns`, `VACUUM`) {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%.40s: %w", stmt, err)
		}
	}
	return nil
}

// Export writes one table as CSV in the dataset layout.
func (d *DB) Export(ctx context.Context, table string, w io.Writer) error {
	return dataset.Write(ctx, d.pool, table, w)
}

// Years returns the years a dataset table's date column holds, in order,
// for a Parquet export partitioned by year; nil when the table has no
// column named date.
func (d *DB) Years(ctx context.Context, table string) ([]string, error) {
	tables, err := d.Tables(ctx)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(tables, table) {
		return nil, fmt.Errorf("no dataset table %q", table)
	}
	has, err := d.Strings(ctx, `SELECT count(*) FROM pragma_table_info(?) WHERE name = 'date'`, table)
	if err != nil || len(has) == 0 || has[0] == "0" {
		return nil, err
	}
	return d.Strings(ctx, fmt.Sprintf(`SELECT DISTINCT substr(date, 1, 4) FROM "%s" ORDER BY 1`, table))
}

// YearRows returns the rows of a dataset table whose date falls in year,
// in the dataset's order, typed as TableRows types them.
func (d *DB) YearRows(ctx context.Context, table, year string) (*Rows, error) {
	tables, err := d.Tables(ctx)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(tables, table) {
		return nil, fmt.Errorf("no dataset table %q", table)
	}
	return d.Query(ctx, fmt.Sprintf(`SELECT * FROM "%s" WHERE substr(date, 1, 4) = ? ORDER BY rowid`, table), year)
}

// TableRows returns every row of one dataset table in the dataset's order,
// with each column's declared type (DATE for dates): what an export to
// another format writes. A name that is not a dataset table is an error.
func (d *DB) TableRows(ctx context.Context, table string) (*Rows, error) {
	tables, err := d.Tables(ctx)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(tables, table) {
		return nil, fmt.Errorf("no dataset table %q", table)
	}
	return d.Query(ctx, fmt.Sprintf(`SELECT * FROM "%s" ORDER BY rowid`, table))
}
