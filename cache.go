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
	"slices"
	"strings"
	"sync"

	"github.com/incq/incq/dataset"
	"github.com/incq/incq/internal/atomicfile"
)

// cacheFormat changes whenever the layout of a cached database or of its
// key changes, so that old files are never read by a newer incq.
const cacheFormat = "incq-cache-3"

// fileSum is one input file as read: its name, length and SHA-256.
type fileSum struct {
	name string
	size int64
	sum  [sha256.Size]byte
}

// keyOf makes the cache key of a schema and a dataset from their files'
// sums, each part in name order.
func keyOf(schemaSums, dataSums []fileSum) string {
	h := sha256.New()
	io.WriteString(h, cacheFormat+"\n")
	for i, part := range [][]fileSum{schemaSums, dataSums} {
		fmt.Fprintf(h, "part %d: %d files\n", i, len(part))
		for _, f := range part {
			fmt.Fprintf(h, "%s\x00%d\x00%x\n", f.name, f.size, f.sum)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:40]
}

// contentKey reads the schema and the dataset, every .sql and .csv file,
// and returns their key and the dataset's sums. Any edit gives another
// key. A file that cannot be read fails it: the loader then says why.
func contentKey(schemaFS, dataFS fs.FS) (string, []fileSum, error) {
	buf := make([]byte, 64<<10) // one buffer for every file: io.Copy would make one each
	schemaSums, err := sumFiles(schemaFS, "*.sql", buf)
	if err != nil {
		return "", nil, err
	}
	dataSums, err := sumFiles(dataFS, "*.csv", buf)
	if err != nil {
		return "", nil, err
	}
	return keyOf(schemaSums, dataSums), dataSums, nil
}

func sumFiles(fsys fs.FS, glob string, buf []byte) ([]fileSum, error) {
	names, err := dataset.List(fsys, glob)
	if err != nil {
		return nil, err
	}
	sums := make([]fileSum, len(names))
	for i, name := range names {
		f, err := dataset.Open(fsys, name)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		n, err := io.CopyBuffer(h, f, buf)
		f.Close()
		if err != nil {
			return nil, err
		}
		sums[i] = fileSum{name: name, size: n}
		h.Sum(sums[i].sum[:0])
	}
	return sums, nil
}

// teeFS hashes each file read through it, so that a build is stored under
// the key of the very bytes it loaded: a file edited between contentKey
// and the load cannot put its new content under its old content's key.
type teeFS struct {
	fs.FS
	mu   sync.Mutex
	sums map[string]fileSum // files read to their end
}

func newTeeFS(fsys fs.FS) *teeFS { return &teeFS{FS: fsys, sums: map[string]fileSum{}} }

func (t *teeFS) Open(name string) (fs.File, error) {
	f, err := t.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return &teeFile{File: f, fs: t, name: name, h: sha256.New()}, nil
}

// The file system's other faces, so that teeFS lists and stats (links
// included) as the file system under it does.
func (t *teeFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(t.FS, name) }
func (t *teeFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(t.FS, name) }
func (t *teeFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(t.FS, name) }
func (t *teeFS) ReadLink(name string) (string, error)       { return fs.ReadLink(t.FS, name) }

// read returns the sums of the files read to their end, in name order.
func (t *teeFS) read() []fileSum {
	t.mu.Lock()
	defer t.mu.Unlock()
	var sums []fileSum
	for _, s := range t.sums {
		sums = append(sums, s)
	}
	slices.SortFunc(sums, func(a, b fileSum) int { return strings.Compare(a.name, b.name) })
	return sums
}

type teeFile struct {
	fs.File
	fs   *teeFS
	name string
	h    interface {
		io.Writer
		Sum([]byte) []byte
	}
	n int64
}

func (f *teeFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.h.Write(p[:n])
	f.n += int64(n)
	if err == io.EOF {
		s := fileSum{name: f.name, size: f.n}
		f.h.Sum(s.sum[:0])
		f.fs.mu.Lock()
		f.fs.sums[f.name] = s
		f.fs.mu.Unlock()
	}
	return n, err
}

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

// badCacheError is a cache entry that is not what incq built: changed,
// damaged, or not a file of this user. replaceable says a new file can be
// renamed over it (false for a directory).
type badCacheError struct {
	path, why   string
	replaceable bool
}

func (e *badCacheError) Error() string { return fmt.Sprintf("cache file %s %s", e.path, e.why) }

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
