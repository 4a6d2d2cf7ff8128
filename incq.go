// Package incq opens the incident database: it applies the schema, loads a
// dataset into SQLite and answers read-only queries on it. The command in
// cmd/incq ties it to the command line; schema, dataset and queries own
// their embedded files.
package incq

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/incq/incq/dataset"
	"github.com/incq/incq/render"
	"github.com/incq/incq/schema"
)

// Options say what to load.
type Options struct {
	Schema      fs.FS  // DDL files; schema.FS() when nil
	Dataset     fs.FS  // one CSV per table; dataset.FS() when nil
	DatasetName string // how messages name the dataset, e.g. "dataset"
	// CacheDir, when set, keeps each loaded dataset there as a SQLite file
	// named after a hash of the schema and dataset contents, so that a
	// later run on unchanged files opens it instead of loading again.
	// When the directory cannot be used, Open loads into memory instead.
	CacheDir string
	// Progress, when set, is called now and then during a load with the
	// table being loaded and the rows read from it so far.
	Progress func(table string, rows int64)
	// Loading, when set, is called once as a load begins: not when Open
	// finds the dataset cached.
	Loading func()
}

// DB is a loaded, read-only incident database.
type DB struct {
	db          *sql.DB
	conn        *sql.Conn
	denied      string // what the authorizer last refused, for the error message
	searchReady bool   // the temporary full-text index is built
}

// Open loads the dataset, or opens its cached copy. A dataset that does
// not load returns *dataset.Errors, and nothing is kept.
func Open(ctx context.Context, opts Options) (*DB, error) {
	if opts.Schema == nil {
		opts.Schema = schema.FS()
	}
	if opts.Dataset == nil {
		opts.Dataset = dataset.FS()
	}
	if opts.DatasetName == "" {
		opts.DatasetName = "dataset"
	}
	if opts.CacheDir != "" {
		d, err := openCached(ctx, opts)
		var errs *dataset.Errors
		if err == nil || errors.As(err, &errs) || ctx.Err() != nil {
			return d, err
		}
		// The cache is unusable (a read-only home, a full disk): load
		// into memory as if there were none.
	}
	d, err := build(ctx, "file::memory:", opts)
	if err != nil {
		return nil, err
	}
	if err := d.lock(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// build creates the schema in the database dsn names and loads the
// dataset into it in one transaction.
func build(ctx context.Context, dsn string, opts Options) (_ *DB, err error) {
	d, err := connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			d.Close()
		}
	}()
	if opts.Loading != nil {
		opts.Loading()
	}
	if err := schema.Apply(ctx, d.conn, opts.Schema); err != nil {
		return nil, err
	}
	if _, err = dataset.Load(ctx, d.conn, opts.Dataset, opts.DatasetName, opts.Progress); err != nil {
		return nil, err
	}
	return d, nil
}

// connect opens the database dsn names on one connection, the one every
// statement uses: an in-memory database lives only as long as it, and the
// read-only lock is set on it.
func connect(ctx context.Context, dsn string) (*DB, error) {
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	sqldb.SetMaxOpenConns(1)
	d := &DB{db: sqldb}
	if d.conn, err = sqldb.Conn(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// Counts returns the number of rows in each dataset table, in schema order.
func (d *DB) Counts(ctx context.Context) ([]dataset.Count, error) {
	tables, err := dataset.Tables(ctx, d.conn)
	if err != nil {
		return nil, err
	}
	counts := make([]dataset.Count, len(tables))
	for i, t := range tables {
		counts[i].Table = t
		if err := d.conn.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM "%s"`, t)).Scan(&counts[i].Rows); err != nil {
			return nil, err
		}
	}
	return counts, nil
}

// Close releases the database.
func (d *DB) Close() error {
	if d.conn != nil {
		d.conn.Close()
	}
	return d.db.Close()
}

// ErrReadOnly is returned by Query when a statement would change the
// database or reach outside it.
var ErrReadOnly = errors.New("ad-hoc SQL is read-only")

// lock makes the connection read-only: an authorizer admits reads only,
// attaching databases is disabled (which also stops VACUUM INTO), and
// query_only refuses any write that slips past both.
func (d *DB) lock(ctx context.Context) error {
	if _, err := d.conn.ExecContext(ctx, "PRAGMA query_only = 1"); err != nil {
		return err
	}
	if _, err := sqlite.Limit(d.conn, sqlite3.SQLITE_LIMIT_ATTACHED, 0); err != nil {
		return err
	}
	return d.conn.Raw(func(dc any) error {
		reg, ok := dc.(sqlite.AuthorizerRegisterer)
		if !ok {
			return errors.New("sqlite driver has no authorizer")
		}
		return reg.RegisterAuthorizer(d.authorize)
	})
}

// Pragmas that only read, and may take an argument (a table name).
var infoPragmas = map[string]bool{
	"table_info": true, "table_xinfo": true, "table_list": true, "index_list": true,
	"index_info": true, "index_xinfo": true, "foreign_key_list": true,
	"foreign_key_check": true, "integrity_check": true, "quick_check": true,
}

// Pragmas that are safe to read when given no value.
var readPragmas = map[string]bool{
	"foreign_keys": true, "user_version": true, "schema_version": true, "application_id": true,
	"page_count": true, "page_size": true, "freelist_count": true, "encoding": true,
	"compile_options": true, "collation_list": true, "function_list": true,
	"module_list": true, "pragma_list": true, "database_list": true, "data_version": true,
	"query_only": true,
}

func (d *DB) authorize(action sqlite.AuthorizerActionCode, arg1, arg2, _, _ string) sqlite.AuthorizerReturnCode {
	return d.decide(action, arg1, arg2)
}

// decide applies the read-only policy. It records the first refusal of a
// statement, the one that names what the user wrote.
func (d *DB) decide(action sqlite.AuthorizerActionCode, arg1, arg2 string) sqlite.AuthorizerReturnCode {
	deny := func(what string) sqlite.AuthorizerReturnCode {
		if d.denied == "" {
			d.denied = what
		}
		return sqlite.AuthorizerDeny
	}
	switch action {
	case sqlite.AuthSelect, sqlite.AuthRead, sqlite.AuthRecursive:
		return sqlite.AuthorizerOK
	case sqlite.AuthFunction:
		if strings.EqualFold(arg2, "load_extension") {
			return deny("load_extension()")
		}
		return sqlite.AuthorizerOK
	case sqlite.AuthPragma:
		name := strings.ToLower(arg1)
		if infoPragmas[name] || readPragmas[name] && arg2 == "" {
			return sqlite.AuthorizerOK
		}
		if arg2 != "" {
			return deny(fmt.Sprintf("PRAGMA %s = %s", arg1, arg2))
		}
		return deny("PRAGMA " + arg1)
	}
	if name, ok := actionNames[action]; ok {
		if schemaTables[strings.ToLower(arg1)] {
			// CREATE and DROP first ask to write the schema table.
			return deny("changing the schema (CREATE, DROP, ALTER)")
		}
		return deny(name)
	}
	return deny(fmt.Sprintf("operation %d", action))
}

var schemaTables = map[string]bool{
	"sqlite_master": true, "sqlite_schema": true, "sqlite_temp_master": true, "sqlite_temp_schema": true,
}

var actionNames = map[sqlite.AuthorizerActionCode]string{
	sqlite.AuthInsert: "INSERT", sqlite.AuthUpdate: "UPDATE", sqlite.AuthDelete: "DELETE",
	sqlite.AuthCreateTable: "CREATE TABLE", sqlite.AuthCreateIndex: "CREATE INDEX",
	sqlite.AuthCreateView: "CREATE VIEW", sqlite.AuthCreateTrigger: "CREATE TRIGGER",
	sqlite.AuthCreateTempTable: "CREATE TEMP TABLE", sqlite.AuthCreateTempIndex: "CREATE TEMP INDEX",
	sqlite.AuthCreateTempView: "CREATE TEMP VIEW", sqlite.AuthCreateTempTrigger: "CREATE TEMP TRIGGER",
	sqlite.AuthCreateVTable: "CREATE VIRTUAL TABLE",
	sqlite.AuthDropTable:    "DROP TABLE", sqlite.AuthDropIndex: "DROP INDEX", sqlite.AuthDropView: "DROP VIEW",
	sqlite.AuthDropTrigger: "DROP TRIGGER", sqlite.AuthDropTempTable: "DROP TABLE",
	sqlite.AuthDropTempIndex: "DROP INDEX", sqlite.AuthDropTempView: "DROP VIEW",
	sqlite.AuthDropTempTrigger: "DROP TRIGGER", sqlite.AuthDropVTable: "DROP TABLE",
	sqlite.AuthAlterTable: "ALTER TABLE", sqlite.AuthReindex: "REINDEX", sqlite.AuthAnalyze: "ANALYZE",
	sqlite.AuthAttach: "ATTACH (and VACUUM INTO)", sqlite.AuthDetach: "DETACH",
	sqlite.AuthTransaction: "BEGIN, COMMIT and ROLLBACK", sqlite.AuthSavepoint: "SAVEPOINT",
}

// Query runs one read-only SQL text with args and streams the result of
// its last statement to w. Statements before the last may only read.
func (d *DB) Query(ctx context.Context, query string, args []any, w render.Writer) error {
	d.denied = ""
	rows, err := d.conn.QueryContext(ctx, query, args...)
	if err != nil {
		return d.queryError(ctx, err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return err
	}
	cols := make([]render.Column, len(types))
	for i, t := range types {
		cols[i] = render.Column{Name: t.Name(), Type: render.TypeOf(t.DatabaseTypeName())}
	}
	if err := w.Header(cols); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := w.Row(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return d.queryError(ctx, err)
	}
	return w.Flush()
}

// Strings runs a read-only query and returns its first column as text.
func (d *DB) Strings(ctx context.Context, query string, args ...any) ([]string, error) {
	d.denied = ""
	rows, err := d.conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, d.queryError(ctx, err)
	}
	defer rows.Close()
	var vals []string
	for rows.Next() {
		var v sql.NullString
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		vals = append(vals, v.String)
	}
	return vals, d.queryError(ctx, rows.Err())
}

// queryError turns a driver error into one line: the read-only refusal,
// the context's end, or SQLite's own message without its code.
func (d *DB) queryError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if d.denied != "" {
		return fmt.Errorf("%w: %s is not allowed", ErrReadOnly, d.denied)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		// The driver wraps SQLite's message in the result code's generic
		// text and number: keep the message only.
		text := strings.TrimSuffix(se.Error(), fmt.Sprintf(" (%d)", se.Code()))
		text = strings.TrimPrefix(text, "SQL logic error: ")
		if se.Code()&0xff == sqlite3.SQLITE_READONLY {
			return fmt.Errorf("%w: %s", ErrReadOnly, text)
		}
		return errors.New(strings.Join(strings.Fields(text), " "))
	}
	return err
}
