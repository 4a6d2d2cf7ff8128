package incq

import (
	"context"
	"database/sql"
	"io/fs"
	"sync"
	"sync/atomic"

	"github.com/incq/incq/dataset"
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
	// table being loaded and the rows read from it so far; and while the
	// first search builds the search index, with "search index" and the
	// records indexed so far, then once with "" and -1 when it is built.
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
	// maxValue bounds the strings and blobs a query makes (LimitValues).
	maxValue atomic.Int64

	progress func(table string, rows int64) // Options.Progress

	searchMu sync.Mutex
	search   *searchIndex

	datesOnce sync.Once
	dates     map[string]bool // "table.column" of every DATE column

	browseCache
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

// searchIndex is the full-text index, a database of its own beside the
// dataset's: built on the first search (in the cache when there is one),
// then only read (see search.go).
type searchIndex struct {
	once sync.Once
	db   *DB
	keep *sql.DB
	err  error
}

func (s *searchIndex) close() {
	if s.db != nil {
		s.db.Close()
	}
	if s.keep != nil {
		s.keep.Close()
	}
}
