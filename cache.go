package incq

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"

	"github.com/incq/incq/dataset"
)

// cacheFormat changes whenever the layout of a cached database changes, so
// that old files are never read by a newer incq.
const cacheFormat = "incq-cache-2"

// contentKey hashes the schema and the dataset: every .sql and .csv file,
// its name, length and bytes. Any edit gives another key.
func contentKey(schemaFS, dataFS fs.FS) (string, error) {
	h := sha256.New()
	io.WriteString(h, cacheFormat+"\n")
	buf := make([]byte, 64<<10) // one buffer for every file: io.Copy would make one each
	for _, part := range []struct {
		fsys fs.FS
		glob string
	}{{schemaFS, "*.sql"}, {dataFS, "*.csv"}} {
		names, err := fs.Glob(part.fsys, part.glob)
		if err != nil {
			return "", err
		}
		sort.Strings(names)
		for _, name := range names {
			f, err := part.fsys.Open(name)
			if err != nil {
				return "", err
			}
			st, err := f.Stat()
			if err == nil {
				fmt.Fprintf(h, "%s\x00%d\x00", name, st.Size())
				_, err = io.CopyBuffer(h, f, buf)
			}
			f.Close()
			if err != nil {
				return "", err
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:40], nil
}

// cacheUnusable reports whether err comes from the cache itself (a
// directory that cannot be written, a full disk) rather than from the
// dataset or the context: Open then loads into memory instead.
func cacheUnusable(err error) bool {
	var errs *dataset.Errors
	return !errors.As(err, &errs)
}

// openCached opens the cached database for the dataset, building it first
// when there is none or the one there does not check out.
func openCached(ctx context.Context, opts Options) (*DB, error) {
	key, err := contentKey(opts.Schema, opts.Dataset)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(opts.CacheDir, key+".db")
	if d, err := openFile(ctx, path, key); err == nil {
		return d, nil
	}
	if err := os.MkdirAll(opts.CacheDir, 0o755); err != nil {
		return nil, err
	}
	// Build into a temporary file and rename it into place: a reader sees a
	// complete database or none, and concurrent builders do not collide.
	f, err := os.CreateTemp(opts.CacheDir, key+".*.tmp")
	if err != nil {
		return nil, err
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp)
	// Nothing here needs to survive a crash, as a half-built file is never
	// renamed into place: no syncing. The journal stays (in memory), since
	// statement rollback, which the loader relies on, needs it.
	db, err := build(ctx, "file:"+escapePath(tmp)+"?_pragma=journal_mode(MEMORY)&_pragma=synchronous(OFF)&_pragma=cache_size(-32768)", opts)
	if err != nil {
		return nil, err
	}
	_, err = db.ExecContext(ctx, `CREATE TABLE incq_cache (key TEXT NOT NULL); INSERT INTO incq_cache VALUES (?)`, key)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, err
	}
	return openFile(ctx, path, key)
}

// errStale marks a cached file that is not the database for the key.
var errStale = errors.New("cached database does not match its key")

// openFile opens a cached database read-only and checks that it is the one
// built for key. A file that fails the check is removed.
func openFile(ctx context.Context, path, key string) (_ *DB, err error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	d, err := openPool("file:" + escapePath(path) + "?mode=ro&immutable=1")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			d.Close()
			if ctx.Err() == nil {
				os.Remove(path)
			}
		}
	}()
	var got string
	if err := d.pool.QueryRowContext(ctx, `SELECT key FROM incq_cache`).Scan(&got); err != nil {
		return nil, err
	}
	if got != key {
		return nil, errStale
	}
	d.file = path
	d.key = key
	return d, nil
}

// escapePath makes a file path safe inside a file: URI.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}
