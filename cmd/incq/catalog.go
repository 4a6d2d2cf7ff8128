package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq/queries"
)

// builtIn is the origin of the embedded queries.
const builtIn = "built-in"

// catalogSet is every named query a run knows: the embedded catalog and
// the user's own folders (--queries DIR, INCQ_QUERIES).
type catalogSet struct {
	queries []queries.Query
	origin  map[string]string // query name: "built-in" or its folder
}

// queryFolder is a folder of personal queries and how the user named it.
type queryFolder struct {
	dir, from string // from: "--queries" or "INCQ_QUERIES"
}

// queryFolders lists the personal query folders: INCQ_QUERIES (a path
// list) first, then each --queries flag.
func queryFolders(c *cli.Context) []queryFolder {
	dirs := settingsOf(c.App).envQueryFolders()
	for _, d := range c.StringSlice("queries") {
		dirs = append(dirs, queryFolder{d, spelled(c, "queries")})
	}
	// A folder named twice (in INCQ_QUERIES and by --queries) is read
	// once: its queries do not clash with themselves.
	seen := map[string]bool{}
	unique := dirs[:0]
	for _, d := range dirs {
		key := filepath.Clean(d.dir)
		if abs, err := filepath.Abs(key); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			unique = append(unique, d)
		}
	}
	return unique
}

// catalog loads the embedded catalog and the personal folders. A folder
// that is missing, a file that does not parse and two queries of one name
// are errors: a query the user wrote is never silently left out.
func catalog(c *cli.Context) (*catalogSet, error) {
	return loadCatalog(queryFolders(c))
}

func loadCatalog(folders []queryFolder) (*catalogSet, error) {
	cat, err := queries.Catalog(queries.FS(), "queries")
	if err != nil {
		return nil, err
	}
	set := &catalogSet{queries: cat, origin: map[string]string{}}
	files := map[string]string{}
	for _, q := range cat {
		set.origin[q.Name] = builtIn
		files[q.Name] = q.File
	}
	for _, f := range folders {
		st, err := os.Stat(f.dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("%s %q: no such directory", f.from, f.dir)
		case err != nil:
			return nil, fmt.Errorf("%s: %w", f.from, err)
		case !st.IsDir():
			return nil, fmt.Errorf("%s %q: not a directory", f.from, f.dir)
		}
		if err := checkQueryFiles(f.dir); err != nil {
			return nil, err
		}
		mine, err := queries.Catalog(os.DirFS(f.dir), filepath.ToSlash(f.dir))
		if err != nil {
			return nil, err
		}
		for _, q := range mine {
			if other, dup := files[q.Name]; dup {
				return nil, fmt.Errorf("%s: query name %q is also used by %s", q.File, q.Name, other)
			}
			files[q.Name] = q.File
			set.origin[q.Name] = f.dir
			set.queries = append(set.queries, q)
		}
	}
	sort.Slice(set.queries, func(i, j int) bool { return set.queries[i].Name < set.queries[j].Name })
	return set, nil
}

// find returns the query called name, as a usage error when unknown.
func (s *catalogSet) find(name string) (queries.Query, error) {
	q, err := queries.Find(s.queries, name)
	if err != nil {
		return q, &usageError{msg: err.Error(), try: "incq queries"}
	}
	return q, nil
}

// source returns q's SQL placed in its file, for pointing at errors.
func (s *catalogSet) source(q queries.Query) sqlSource {
	var data []byte
	if s.origin[q.Name] == builtIn {
		data, _ = fs.ReadFile(queries.FS(), strings.TrimPrefix(q.File, "queries/"))
	} else {
		data, _ = os.ReadFile(filepath.FromSlash(q.File))
	}
	return sqlSource{name: q.File, text: q.SQL, lineOffset: sqlLineOffset(string(data)), named: true}
}

// sqlLineOffset counts the header lines of a query file before its SQL:
// comment and blank lines, as queries.Parse reads them.
func sqlLineOffset(file string) int {
	n := 0
	for line := range strings.Lines(file) {
		t := strings.TrimRight(line, " \t\r\n")
		if strings.TrimSpace(t) != "" && !strings.HasPrefix(t, "--") {
			break
		}
		n++
	}
	return n
}

// maxQueryFile is the largest query file incq reads from a folder.
const maxQueryFile = 1 << 20

// checkQueryFiles refuses, before anything is read, a .sql file in a
// personal folder that is not a regular file (a pipe would hang every
// command, a link to /dev/zero would never end) or is too large to be a
// query.
func checkQueryFiles(dir string) error {
	names, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil {
		return err
	}
	for _, name := range names {
		st, err := os.Stat(name)
		switch {
		case err != nil:
			return fmt.Errorf("%s: %w", name, errors.Unwrap(err))
		case !st.Mode().IsRegular():
			return fmt.Errorf("%s: not a regular file (a query folder holds .sql files)", name)
		case st.Size() > maxQueryFile:
			return fmt.Errorf("%s: %d bytes, more than a query file may hold (%d KiB)", name, st.Size(), maxQueryFile>>10)
		}
	}
	return nil
}
