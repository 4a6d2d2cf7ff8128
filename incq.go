// Package incq opens the incident database: it applies the schema, loads a
// dataset into SQLite, keeps it in a cache, and answers read-only queries
// on it with rows and typed errors. It knows nothing of output formats or
// exit codes: cmd/incq turns its rows into text and its errors into
// messages. schema, dataset and queries own their embedded files.
package incq

import (
	"context"
	"errors"
	"fmt"

	"github.com/incq/incq/dataset"
	"github.com/incq/incq/schema"
)

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
		if err == nil {
			d.progress = opts.Progress
		}
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
	d, err := openMemory(ctx, opts)
	if err == nil {
		d.progress = opts.Progress
	}
	return d, err
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
