package incq

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/incq/incq/dataset"
	"github.com/incq/incq/schema"
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
	// What every load runs after the dataset is in (schema.AfterLoad)
	// shapes the cached database as much as the schema does.
	fmt.Fprintf(h, "after load: %x\n", schema.AfterLoadSum())
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

// Key returns the content key of the loaded schema and dataset: a hash of
// every schema and dataset file, their names and bytes (the key the cache
// files its databases under). Two DBs with the same key hold the same
// data, so a chart or an export can name the dataset it came from.
func (d *DB) Key() string { return d.key }

// ShortKey returns the first 12 characters of Key, for a source line.
func (d *DB) ShortKey() string {
	if len(d.key) > 12 {
		return d.key[:12]
	}
	return d.key
}
