// Package incq opens the incident database: it applies the schema, loads a
// dataset into SQLite, keeps it in a cache, and answers read-only queries
// on it with rows and typed errors. It knows nothing of output formats or
// exit codes: cmd/incq turns its rows into text and its errors into
// messages. schema, dataset and queries own their embedded files.
package incq

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"sync"

	"github.com/incq/incq/dataset"
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
	// Load tunes the loader (tests use it to force its slower paths).
	Load dataset.LoadOptions
	// Notice, when set, is told in one line what the user should know
	// but that does not stop the run: a cache file rebuilt because it is
	// not what was built, a cache that cannot be used.
	Notice func(msg string)
}

func (o *Options) notice(msg string) {
	if o.Notice != nil {
		o.Notice(msg)
	}
}

// DB is a loaded, read-only incident database. It is safe for concurrent
// use: each query takes a connection of its own from a pool of read-only
// connections.
type DB struct {
	pool   *sql.DB
	guards *readOnly
	dsn    string  // the database, for incq's own trusted connections
	keep   *sql.DB // holds an in-memory database open; nil for a file
	file   string  // the cached database's path; empty in memory
	key    string  // the content key of the schema and dataset (see Key)

	searchMu sync.Mutex
	search   *searchIndex

	datesOnce sync.Once
	dates     map[string]bool // "table.column" of every DATE column
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
		if err == nil || !cacheUnusable(err) || ctx.Err() != nil {
			return d, err
		}
		// A dataset that cannot be read for its key: the load says why.
		// A cache that cannot be used (a read-only home, a full disk):
		// load into memory as if there were none, and say so.
		if !errors.As(err, new(*errNoKey)) {
			opts.notice(fmt.Sprintf("cannot use the cache in %s: %s; running without it", opts.CacheDir, cacheText(err)))
		}
	}
	return openMemory(ctx, opts)
}

// openMemory loads the dataset into an in-memory database that every
// connection of the pool shares (SQLite's memdb VFS), kept alive by one
// connection of its own.
func openMemory(ctx context.Context, opts Options) (*DB, error) {
	var id [8]byte
	rand.Read(id[:])
	dsn := "file:/incq-" + hex.EncodeToString(id[:]) + "?vfs=memdb"
	// The key of what was loaded, hashed as it was read.
	schemaTee, dataTee := newTeeFS(opts.Schema), newTeeFS(opts.Dataset)
	opts.Schema, opts.Dataset = schemaTee, dataTee
	keep, err := build(ctx, dsn, opts)
	if err != nil {
		return nil, err
	}
	key := keyOf(schemaTee.read(), dataTee.read())
	d, err := openPool(dsn)
	if err != nil {
		keep.Close()
		return nil, err
	}
	d.keep = keep
	d.key = key
	return d, nil
}

// build creates the schema in the database dsn names and loads the
// dataset into it in one transaction. It returns the database open on the
// one connection that built it.
func build(ctx context.Context, dsn string, opts Options) (_ *sql.DB, err error) {
	if err := registerFunctions(); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	defer func() {
		if err != nil {
			db.Close()
		}
	}()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if opts.Loading != nil {
		opts.Loading()
	}
	if err := schema.Apply(ctx, conn, opts.Schema); err != nil {
		return nil, err
	}
	if _, err := dataset.Load(ctx, conn, opts.Dataset, dataset.LoadOptions{
		Name: opts.DatasetName, Progress: opts.Progress, MaxKeys: opts.Load.MaxKeys,
	}); err != nil {
		return nil, err
	}
	if err := dataset.RecordTypes(ctx, conn); err != nil {
		return nil, err
	}
	return db, nil
}

// openPool opens the read-only pool on the database dsn names.
func openPool(dsn string) (*DB, error) {
	if err := registerFunctions(); err != nil {
		return nil, err
	}
	guards, err := newReadOnly(dsn)
	if err != nil {
		return nil, err
	}
	pool := sql.OpenDB(guards)
	// Connections live as long as the DB: each is locked once, and a pool
	// that never closes one keeps the guards' map small.
	pool.SetConnMaxLifetime(0)
	pool.SetConnMaxIdleTime(0)
	pool.SetMaxIdleConns(4)
	return &DB{pool: pool, guards: guards, dsn: dsn}, nil
}

// isDate reports whether table.column is a DATE column. The first call
// reads the date columns through q: the connection the caller holds, so
// that the pool need not open another.
func (d *DB) isDate(ctx context.Context, q dataset.Querier, table, column string) bool {
	d.datesOnce.Do(func() {
		d.dates = map[string]bool{}
		cols, err := dataset.DateColumns(ctx, q)
		if err != nil {
			return
		}
		for _, c := range cols {
			d.dates[c] = true
		}
	})
	return d.dates[table+"."+column]
}

// Counts returns the number of rows in each dataset table, in schema order.
func (d *DB) Counts(ctx context.Context) ([]dataset.Count, error) {
	tables, err := d.Tables(ctx)
	if err != nil {
		return nil, err
	}
	counts := make([]dataset.Count, len(tables))
	for i, t := range tables {
		counts[i].Table = t
		if err := d.pool.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM "%s"`, t)).Scan(&counts[i].Rows); err != nil {
			return nil, queryError(ctx, nil, err)
		}
	}
	return counts, nil
}

// Tables returns the dataset's tables in schema order.
func (d *DB) Tables(ctx context.Context) ([]string, error) {
	return dataset.Tables(ctx, d.pool)
}

// Close releases the database.
func (d *DB) Close() error {
	err := d.pool.Close()
	if d.search != nil {
		d.search.close()
	}
	if d.keep != nil {
		if kerr := d.keep.Close(); err == nil {
			err = kerr
		}
	}
	return err
}
