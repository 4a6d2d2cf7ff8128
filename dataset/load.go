package dataset

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/incq/incq/internal/suggest"
)

// LoadOptions tune Load.
type LoadOptions struct {
	Name string // how messages name the dataset, e.g. its directory
	// Progress, when set, is called now and then with the table being
	// loaded and the rows read from it so far.
	Progress func(table string, rows int64)
	// MaxKeys is the most keys of one parent column held in memory to
	// check references as rows are read; references into a larger parent
	// are checked in SQL at the end. 0 means 1<<24.
	MaxKeys int
}

// Load reads one CSV file per table from fsys into the database on conn,
// whose schema must be applied, in one transaction of its own: committed
// when every row is in and every reference points somewhere, rolled back
// on any problem. Foreign keys are checked by Load itself, once, so the
// connection should have SQLite's enforcement off.
// dir names the dataset in messages. Every row is inserted with its CSV
// lines are remembered by rowid, so that a problem found later (a dangling
// reference) can still be reported at its line. Load returns the row
// counts, or *Errors listing every problem.
func Load(ctx context.Context, conn *sql.Conn, fsys fs.FS, opts LoadOptions) (_ []Count, err error) {
	if opts.Name == "" {
		opts.Name = "dataset"
	}
	if opts.MaxKeys <= 0 {
		opts.MaxKeys = defaultMaxKeys
	}
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	counts, err := load(ctx, conn, fsys, opts)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return nil, fmt.Errorf("load %s: %w", opts.Name, err)
	}
	return counts, nil
}

func load(ctx context.Context, q *sql.Conn, fsys fs.FS, opts LoadOptions) ([]Count, error) {
	dir, progress := opts.Name, opts.Progress
	tables, err := Tables(ctx, q)
	if err != nil {
		return nil, err
	}
	var errs Errors
	known := map[string]bool{}
	for _, t := range tables {
		known[t+".csv"] = true
	}
	names, err := List(fsys, "*.csv")
	if err != nil {
		// Tables are read by name, so a directory that can be entered but
		// not listed would load; but then incq could not see the files it
		// does not know, nor the cache the files it does.
		errs.add(&Error{File: dir, Msg: err.Error()})
		return nil, &errs
	}
	found := 0
	for _, name := range names {
		if !known[name] {
			errs.add(&Error{File: path.Join(dir, name), Msg: fmt.Sprintf("no table %q in the schema%s", strings.TrimSuffix(name, ".csv"), suggest.Hint(strings.TrimSuffix(name, ".csv"), tables))})
			continue
		}
		found++
	}
	if found == 0 {
		// Not a dataset at all (the wrong folder): one line, not one
		// "missing file" per table.
		some := tables[:min(2, len(tables))]
		errs.add(&Error{File: dir, Msg: fmt.Sprintf("holds none of the dataset's %d CSV files (%s.csv, ...); incq export --dir DIR writes a complete dataset", len(tables), strings.Join(some, ".csv, "))})
		return nil, &errs
	}
	refs, err := newReferences(ctx, q, tables, opts.MaxKeys)
	if err != nil {
		return nil, err
	}
	var counts []Count
	for _, table := range tables {
		n, err := loadTable(ctx, q, fsys, dir, table, &errs, progress, refs)
		if err != nil {
			return nil, err
		}
		refs.loaded[table] = true
		counts = append(counts, Count{Table: table, Rows: n})
	}
	if err := refs.finish(ctx, dir, &errs); err != nil {
		return nil, err
	}
	if len(errs.List) > 0 {
		// Batches and the final reference check find problems out of
		// order: report them by file and line.
		sort.SliceStable(errs.List, func(i, j int) bool {
			a, b := errs.List[i], errs.List[j]
			if a.File != b.File {
				return a.File < b.File
			}
			return a.Line < b.Line
		})
		return nil, &errs
	}
	return counts, nil
}

// added are the tables added to the schema after folders were first
// written (incq import's): a folder that lacks one loads the embedded copy.
var added = map[string]bool{
	"origins": true, "actor_sides": true, "claim_citations": true,
	"acled_events": true, "ucdp_events": true, "incident_parties": true,
}

func loadTable(ctx context.Context, q *sql.Conn, fsys fs.FS, dir, table string, errs *Errors, progress func(string, int64), refs *references) (int64, error) {
	file := path.Join(dir, table+".csv")
	f, err := Open(fsys, table+".csv")
	if errors.Is(err, fs.ErrNotExist) && added[table] {
		// A folder written before the table was added: the embedded
		// dataset's copy (a vocabulary, or an empty table) stands in.
		f, err = Open(files, table+".csv")
	}
	if errors.Is(err, fs.ErrNotExist) {
		errs.add(&Error{File: file, Msg: "missing file (every table needs one; a header line alone makes an empty table)"})
		errs.breakTable(table)
		return 0, nil
	}
	if err != nil {
		errs.add(&Error{File: file, Msg: err.Error()})
		errs.breakTable(table)
		return 0, nil
	}
	defer f.Close()
	cols, err := columns(ctx, q, table)
	if err != nil {
		return 0, err
	}
	br := bufio.NewReaderSize(f, 1<<16)
	if msg := sniff(br); msg != "" {
		errs.add(&Error{File: file, Msg: msg})
		errs.breakTable(table)
		return 0, nil
	}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\ufeff")) {
		br.Discard(3)
	}
	r := csv.NewReader(&lineLimiter{r: br, max: MaxLine, line: 1})
	r.FieldsPerRecord = -1
	r.ReuseRecord = true

	header, err := r.Read()
	if err == io.EOF {
		errs.add(&Error{File: file, Line: 1, Msg: fmt.Sprintf("empty file: want a header line %q", headerOf(cols))})
		errs.breakTable(table)
		return 0, nil
	}
	if err != nil {
		errs.add(csvError(file, err))
		errs.breakTable(table)
		return 0, nil
	}
	order, ok := matchHeader(file, header, cols, errs)
	if !ok {
		errs.breakTable(table)
		return 0, nil
	}

	now, later, collect := refs.start(table, cols, errs.broken)
	ins := newInserter(ctx, q, file, table, cols)
	pk := singleKey(cols)
	var read int64
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// The rest of the file is unread: references into the table
			// are not checked, as those to its unread rows would all fail.
			errs.add(csvError(file, err))
			errs.breakTable(table)
			break
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			errs.add(&Error{File: file, Line: line, Msg: fmt.Sprintf("got %d fields, want %d", len(rec), len(header))})
			if pk >= 0 && order[pk] >= 0 && order[pk] < len(rec) {
				errs.reject(table, rec[order[pk]]) // its key, most likely: not reported again
			}
			continue
		}
		row := ins.next(line)
		bad := false
		for i, c := range cols {
			if order[i] < 0 {
				row[i].Value = c.missing()
				continue
			}
			v, msg := convert(rec[order[i]], c)
			if msg != "" {
				errs.add(&Error{File: file, Line: line, Column: c.name, Msg: msg})
				bad = true
			}
			row[i].Value = v
		}
		if bad {
			ins.drop()
			if pk >= 0 {
				errs.reject(table, rec[order[pk]])
			}
			continue
		}
		// A row with a dangling reference is still inserted, so that a
		// duplicate of its key is reported too.
		refs.lookup(now, row, file, line, errs)
		refs.keep(later, row, line)
		refs.collect(collect, row)
		if !ins.commitRow() {
			break // the database failed: finish says why
		}
		read++
		if progress != nil && read%(64*batchRows) == 0 {
			progress(table, read)
		}
	}
	n, err := ins.finish(errs)
	refs.lines[table] = &ins.lines
	return n, err
}

// matchHeader maps each table column to its field in the CSV header. Fields
// may come in any order; each column must appear exactly once.
func matchHeader(file string, header []string, cols []column, errs *Errors) ([]int, bool) {
	pos := map[string]int{}
	ok := true
	for i, h := range header {
		if !utf8.ValidString(h) {
			errs.add(&Error{File: file, Line: 1, Msg: fmt.Sprintf("header field %d is not valid UTF-8", i+1)})
			ok = false
			continue
		}
		if _, dup := pos[h]; dup {
			errs.add(&Error{File: file, Line: 1, Column: h, Msg: "appears twice in the header"})
			ok = false
		}
		pos[h] = i
	}
	order := make([]int, len(cols))
	want := map[string]bool{}
	for i, c := range cols {
		want[c.name] = true
		p, found := pos[c.name]
		if !found && c.optional() {
			order[i] = -1 // filled with its default: see column.missing
			continue
		}
		if !found {
			errs.add(&Error{File: file, Line: 1, Column: c.name, Msg: fmt.Sprintf("missing from the header (want %q)", headerOf(cols))})
			ok = false
		}
		order[i] = p
	}
	for _, h := range header {
		if !want[h] && utf8.ValidString(h) {
			errs.add(&Error{File: file, Line: 1, Column: h, Msg: fmt.Sprintf("not a column of this table%s", suggest.Hint(h, strings.Split(headerOf(cols), ",")))})
			ok = false
		}
	}
	return order, ok
}

// sniff looks at the start of a file for what would otherwise be read as
// one long header of strange columns: text in UTF-16, and lines ended by a
// carriage return alone (old Mac spreadsheets), which encoding/csv does
// not split on. It returns what to tell the user, or "".
func sniff(br *bufio.Reader) string {
	head, _ := br.Peek(br.Size())
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return "file is UTF-16; save it as UTF-8"
	}
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 && head[i] == '\r' && (i+1 == len(head) || head[i+1] != '\n') {
		return "lines end in CR alone; save with LF or CRLF line ends"
	}
	return ""
}
