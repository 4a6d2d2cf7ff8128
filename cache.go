package incq

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/incq/incq/dataset"
	"github.com/incq/incq/internal/atomicfile"
)

// errNoKey wraps a failure to read the dataset for its key: Open then
// loads without the cache, and the loader reports the problem by file.
type errNoKey struct{ err error }

func (e *errNoKey) Error() string { return e.err.Error() }
func (e *errNoKey) Unwrap() error { return e.err }

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
	key, sums, err := contentKey(opts.Schema, opts.Dataset)
	if err != nil {
		return nil, &errNoKey{err}
	}
	dir := opts.CacheDir
	if err := cacheDirOK(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, key+".db")
	d, err := openFile(ctx, path, key)
	if err == nil {
		return d, nil
	}
	var bad *badCacheError
	if errors.As(err, &bad) {
		if !bad.replaceable {
			return nil, err
		}
		opts.notice(bad.Error() + "; rebuilding it")
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	// Temporary files of runs killed outright.
	atomicfile.CleanStaleIn(dir)
	// Build into a temporary file and rename it into place: a reader sees a
	// complete database or none, and concurrent builders do not collide.
	t, err := atomicfile.NewTemp(dir, key+".db")
	if err != nil {
		return nil, err
	}
	defer t.Remove()
	schemaTee, dataTee := newTeeFS(opts.Schema), newTeeFS(opts.Dataset)
	bopts := opts
	bopts.Schema, bopts.Dataset = schemaTee, dataTee
	// Nothing here needs to survive a crash, as a half-built file is never
	// renamed into place: no syncing. The journal stays (in memory), since
	// statement rollback, which the loader relies on, needs it.
	db, err := build(ctx, "file:"+escapePath(t.Name())+"?_pragma=journal_mode(MEMORY)&_pragma=synchronous(OFF)&_pragma=cache_size(-32768)", bopts)
	if err != nil {
		return nil, err
	}
	// The key of what was loaded, which is what the file holds.
	if loaded := keyOf(schemaTee.read(), dataTee.read()); loaded != key {
		opts.notice(changedNotice(opts.DatasetName, sums, dataTee.read()))
		key, path = loaded, filepath.Join(dir, loaded+".db")
	}
	_, err = db.ExecContext(ctx, `CREATE TABLE incq_cache (key TEXT NOT NULL); INSERT INTO incq_cache VALUES (?)`, key)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if err := sealFile(t, path); err != nil {
		return nil, err
	}
	return openFile(ctx, path, key)
}

// changedNotice names the dataset files whose content changed between
// their hashing and their loading.
func changedNotice(dir string, before, loaded []fileSum) string {
	var names []string
	for _, l := range loaded {
		i := slices.IndexFunc(before, func(b fileSum) bool { return b.name == l.name })
		if i < 0 || before[i] != l {
			names = append(names, filepath.ToSlash(filepath.Join(dir, l.name)))
		}
	}
	if len(names) == 0 {
		return dir + " changed while it loaded; the answers are from the files as they were read"
	}
	return strings.Join(names, ", ") + " changed while it loaded; the answers are from the files as they were read"
}

// cacheDirOK creates the cache directory, private to the user, when it is
// missing, and refuses one that belongs to another user.
func cacheDirOK(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	st, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !owned(st) {
		return fmt.Errorf("%s: belongs to another user", dir)
	}
	return nil
}

// openFile opens a cached database read-only once check has found it as
// built, and checks that it is the one built for key.
func openFile(ctx context.Context, path, key string) (_ *DB, err error) {
	if err := check(path); err != nil {
		return nil, err
	}
	d, err := openPool("file:" + escapePath(path) + "?mode=ro&immutable=1")
	if err != nil {
		return nil, err
	}
	var got string
	if err := d.pool.QueryRowContext(ctx, `SELECT key FROM incq_cache`).Scan(&got); err != nil || got != key {
		d.Close()
		if ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		return nil, &badCacheError{path: path, why: "is not the database built for its name", replaceable: true}
	}
	d.file = path
	d.key = key
	return d, nil
}

// escapePath makes a file path safe inside a file: URI.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// cacheText words a cache error without the temporary file names and
// system-call names of an *fs.PathError.
func cacheText(err error) string {
	var bad *badCacheError
	if errors.As(err, &bad) {
		return strings.TrimPrefix(bad.Error(), "cache ")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && !strings.Contains(filepath.Base(pe.Path), ".incq-") {
		return pe.Path + ": " + pe.Err.Error()
	}
	return cause(err).Error()
}
