package incq

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/incq/incq/dataset"
	"github.com/incq/incq/ingest"
	"github.com/incq/incq/internal/atomicfile"
	"github.com/incq/incq/schema"
)

// ImportOptions tune Import.
type ImportOptions struct {
	Format *ingest.Format
	Files  []string
	Dir    string // the dataset folder to write
	Force  bool   // replace its files if they exist
	// Base is the dataset the events are added to (the embedded one when
	// nil); with NoCurated only its vocabularies and actor_sides are kept.
	Base      fs.FS
	BaseName  string
	NoCurated bool
	Ingest    ingest.Options
	// TempDir holds the working database (the system's when empty).
	TempDir string
}

// vocabulary are the tables an import without the curated data keeps:
// the controlled vocabularies and the mapping of parties to sides.
func vocabulary() (map[string]bool, error) {
	tables, err := schema.Describe(schema.FS())
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{"actor_sides": true}
	for _, t := range tables {
		if t.File == "010_reference.sql" {
			keep[t.Name] = true
		}
	}
	return keep, nil
}

// Import reads event exports into a copy of the base dataset and writes
// the result to opts.Dir as a dataset folder, one CSV per table. It works
// in a database of its own under TempDir, removed before it returns;
// nothing is written to Dir unless every file read.
func Import(ctx context.Context, opts ImportOptions) (*ingest.Summary, int, error) {
	if err := registerFunctions(); err != nil {
		return nil, 0, err
	}
	base := opts.Base
	if base == nil {
		base, opts.BaseName = dataset.FS(), "dataset"
	}
	// Importing again into a folder (--force) keeps the actor_sides.csv
	// the user has edited there, rather than the base's.
	sides := filepath.Join(opts.Dir, "actor_sides.csv")
	keptSides := false
	if st, err := os.Lstat(sides); err == nil && st.Mode().IsRegular() && opts.Force {
		base, keptSides = &sidesOverlay{FS: base, file: sides}, true
	}
	if opts.NoCurated {
		keep, err := vocabulary()
		if err != nil {
			return nil, 0, err
		}
		only := fstest.MapFS{}
		names, err := dataset.List(base, "*.csv")
		if err != nil {
			return nil, 0, err
		}
		for _, n := range names {
			data, err := fs.ReadFile(base, n)
			if err != nil {
				return nil, 0, fmt.Errorf("%s: %w", filepath.Join(opts.BaseName, n), err)
			}
			if !keep[n[:len(n)-len(".csv")]] {
				data = headerOnly(data)
			}
			only[n] = &fstest.MapFile{Data: data}
		}
		base = only
	}
	if st, err := os.Stat(opts.Dir); err == nil && !st.IsDir() {
		return nil, 0, fmt.Errorf("import: %s: not a directory", opts.Dir)
	}
	_, statErr := os.Stat(opts.Dir)
	if opts.TempDir == "" {
		opts.TempDir = os.TempDir()
	}
	atomicfile.CleanStaleIn(opts.TempDir) // working databases of runs killed outright
	tmp, err := atomicfile.NewTemp(opts.TempDir, "import")
	if err != nil {
		return nil, 0, fmt.Errorf("import: working database: %w", err)
	}
	defer tmp.Remove()
	db, err := sql.Open("sqlite", "file:"+escapePath(tmp.Name())+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)&_pragma=cache_size(-65536)&_pragma=temp_store(FILE)")
	if err != nil {
		return nil, 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer conn.Close()
	if err := schema.Apply(ctx, conn, schema.FS()); err != nil {
		return nil, 0, err
	}
	tables, err := dataset.Tables(ctx, conn)
	if err != nil {
		return nil, 0, err
	}
	if err := folderOK(opts.Dir, tables, opts.Force); err != nil {
		return nil, 0, err
	}
	if _, err := dataset.Load(ctx, conn, base, dataset.LoadOptions{Name: opts.BaseName}); err != nil {
		var errs *dataset.Errors
		if keptSides && errors.As(err, &errs) {
			for _, e := range errs.List {
				if e.File == filepath.Join(opts.BaseName, "actor_sides.csv") {
					e.File = sides // the file the user edited
				}
			}
		}
		return nil, 0, err
	}
	// The working database is thrown away once the folder is written, and
	// the folder is checked whole when it is loaded: the secondary
	// indexes and the trigger that guard hand-edited data only slow the
	// import's inserts down here.
	if _, err := conn.ExecContext(ctx, `DROP INDEX acled_events_incident; DROP INDEX ucdp_events_incident; DROP TRIGGER casualties_any_alone`); err != nil {
		return nil, 0, err
	}
	sum, err := ingest.Import(ctx, conn, opts.Format, opts.Files, opts.Ingest)
	if err == nil && keptSides {
		sum.SidesFrom = sides
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, 0, context.Cause(ctx)
		}
		if strings.Contains(err.Error(), "disk is full") {
			return nil, 0, fmt.Errorf("import: the working database filled the disk of %s; set TMPDIR to a folder with room (about twice the export's size)", opts.TempDir)
		}
		return nil, 0, err
	}
	if err := os.MkdirAll(opts.Dir, 0o777); err != nil { // less the umask, as mkdir(1)
		return nil, 0, fmt.Errorf("import: %w", err)
	}
	atomicfile.CleanStaleIn(opts.Dir) // what a run killed outright left
	n, err := dataset.WriteDir(ctx, conn, opts.Dir, opts.Force)
	if err != nil {
		if ctx.Err() == nil {
			err = fmt.Errorf("import: %w", err)
		}
		if errors.Is(statErr, fs.ErrNotExist) {
			os.Remove(opts.Dir) // made for this import, and empty again
		}
		return nil, 0, err
	}
	return sum, n, nil
}

// headerOnly keeps the first line of a CSV file.
func headerOnly(data []byte) []byte {
	for i, b := range data {
		if b == '\n' {
			return data[:i+1]
		}
	}
	return data
}

// folderOK checks, before any reading, that dir can take a dataset: a
// directory, or a name whose parent is one; holding no file of the
// dataset unless force, and then only regular files (a link or a device
// where a table's file goes is never written through); and no CSV file of
// a table the dataset lacks, which would stop the folder from loading.
func folderOK(dir string, tables []string, force bool) error {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		parent := filepath.Dir(dir)
		if pst, err := os.Stat(parent); err != nil || !pst.IsDir() {
			return fmt.Errorf("import: -o %s: %s is no directory to make it in", dir, parent)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		if st, err = os.Stat(dir); err != nil {
			return fmt.Errorf("import: -o %s: a link to nothing", dir)
		}
	}
	if !st.IsDir() {
		return fmt.Errorf("import: -o %s: not a directory", dir)
	}
	known := map[string]bool{}
	for _, t := range tables {
		known[t+".csv"] = true
		name := filepath.Join(dir, t+".csv")
		fst, err := os.Lstat(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		if !fst.Mode().IsRegular() {
			return fmt.Errorf("import: %s is not a regular file: a dataset folder holds the files incq writes, and it writes through no link, pipe or device", name)
		}
		if !force {
			return fmt.Errorf("import: %s exists: give --force to replace the dataset in %s", name, dir)
		}
	}
	others, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	for _, o := range others {
		if !known[filepath.Base(o)] {
			return fmt.Errorf("import: %s is no table of the dataset, and a dataset folder holds its tables alone: choose another folder", o)
		}
	}
	return nil
}

// sidesOverlay is a dataset whose actor_sides.csv is another file.
type sidesOverlay struct {
	fs.FS
	file string
}

func (o *sidesOverlay) Open(name string) (fs.File, error) {
	if name == "actor_sides.csv" {
		return os.Open(o.file)
	}
	return o.FS.Open(name)
}
