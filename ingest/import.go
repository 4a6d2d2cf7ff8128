package ingest

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/incq/incq/internal/fold"
	"github.com/incq/incq/internal/suggest"
)

// Options tune Import.
type Options struct {
	Countries    []string // keep only events in these countries (any case); all when empty
	Since, Until string   // keep only events whose dates reach into this span (YYYY-MM-DD); "" for open
	// SkipBad skips rows that cannot be imported, telling Rejected of
	// each, instead of stopping at the first.
	SkipBad  bool
	Rejected func(*RowError) error
	// Progress, when set, is told now and then how far the import is:
	// what it does (reading FILE, writing events), done and total (bytes
	// of a file, events; total 0 when unknown).
	Progress func(what string, done, total int64)
	Stdin    io.Reader
}

// Summary says what an import read, kept and left out.
type Summary struct {
	Files      []FileSummary
	Read       int64 // event rows read
	Kept       int64 // events imported
	ByCountry  int64 // left out by --country
	ByDate     int64 // left out by --since and --until
	Bad        int64 // skipped as bad (SkipBad)
	Duplicates int64 // rows repeating an event already read, identical
	Unmapped   []PartyCount
	SidesFrom  string // the actor_sides.csv used, when not the base's
}

// FileSummary is one file read.
type FileSummary struct {
	Name, Layout string
	Rows         int64
}

// PartyCount is a party with no side, and how many events name it.
type PartyCount struct {
	Name   string
	Events int64
}

// Import reads files, exports of format f, into the database on conn,
// whose schema is applied and base dataset loaded: one incident per event,
// the coder's claim with its figures and citations, the row kept whole.
// Nothing is committed on an error; the caller writes the database out.
func Import(ctx context.Context, conn *sql.Conn, f *Format, files []string, opts Options) (_ *Summary, err error) {
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	if _, err := conn.ExecContext(ctx, `CREATE TEMP TABLE stage (sortkey TEXT PRIMARY KEY, file INTEGER NOT NULL, line INTEGER NOT NULL, layout INTEGER NOT NULL, rec BLOB NOT NULL)`); err != nil {
		return nil, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS temp.stage")

	s := &Summary{}
	st := &stager{f: f, conn: conn, cols: f.Columns(), opts: opts, s: s, seen: map[string]int64{}}
	if st.types, err = columnTypes(ctx, conn, f.Table); err != nil {
		return nil, err
	}
	if st.ins, err = conn.PrepareContext(ctx, `INSERT INTO temp.stage VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`); err != nil {
		return nil, err
	}
	defer st.ins.Close()
	if st.prev, err = conn.PrepareContext(ctx, `SELECT file, line, rec FROM temp.stage WHERE sortkey = ?`); err != nil {
		return nil, err
	}
	defer st.prev.Close()
	for _, c := range opts.Countries {
		st.countries = append(st.countries, fold.Name(c))
	}
	w, err := newWriter(ctx, conn, f)
	if err != nil {
		return nil, err
	}
	defer w.close()
	for i, name := range files {
		if err := st.file(ctx, i, name); err != nil {
			return nil, err
		}
	}
	// The events, in the order of their ids, whatever the order of the
	// files and rows: the same input writes the same dataset.
	for i, name := range files {
		if err := w.source(ctx, i, name, files, st.stamps[i], st.ends[i]); err != nil {
			return nil, err
		}
	}
	var staged int64
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM temp.stage`).Scan(&staged); err != nil {
		return nil, err
	}
	if staged == 0 && s.Duplicates == 0 && s.ByCountry > 0 && s.ByDate == 0 {
		return nil, noCountry(opts.Countries, st.seen)
	}
	rows, err := conn.QueryContext(ctx, `SELECT file, line, layout, rec FROM temp.stage ORDER BY sortkey`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	index := map[string]int{}
	for i, c := range st.cols {
		index[c] = i
	}
	presentByLayout := map[int]map[string]int{}
	for rows.Next() {
		var file, line, layout int
		var rec []byte
		if err := rows.Scan(&file, &line, &layout, &rec); err != nil {
			return nil, err
		}
		vals, err := decodeRecord(rec, len(st.cols))
		if err != nil {
			return nil, err
		}
		fields := make([]string, len(vals))
		for i, v := range vals {
			if v != nil {
				fields[i] = *v
			}
		}
		// The columns a layout has are the same for all its rows.
		present := presentByLayout[layout]
		if present == nil {
			present = map[string]int{}
			for i, v := range vals {
				if v != nil {
					present[st.cols[i]] = i
				}
			}
			presentByLayout[layout] = present
		}
		row := Row{Layout: &f.Layouts[layout], File: files[file], Line: line, index: present, fields: fields}
		ev, err := f.Map(row)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", files[file], line, err) // it mapped when read
		}
		if err := w.add(ctx, ev, row, file); err != nil {
			return nil, err
		}
		s.Kept++
		if opts.Progress != nil && s.Kept%4096 == 0 {
			opts.Progress("writing events", s.Kept, staged)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := w.finish(ctx, conn); err != nil {
		return nil, err
	}
	s.Unmapped = w.unmapped()
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return nil, err
	}
	return s, nil
}

// stager reads the files into temp.stage, checking every row.
type stager struct {
	f         *Format
	conn      *sql.Conn
	cols      []string
	opts      Options
	s         *Summary
	countries []string
	types     map[string]string // the raw table's numeric columns: INTEGER or REAL
	seen      map[string]int64  // the countries --country left out, with their events
	ins, prev *sql.Stmt
	stamps    []string // per file, the latest row change seen
	ends      []string // per file, the latest event date seen
}

func (st *stager) file(ctx context.Context, fi int, name string) error {
	st.stamps = append(st.stamps, "")
	st.ends = append(st.ends, "")
	in, err := Open(name, st.opts.Stdin)
	if err != nil {
		return err
	}
	defer in.Close()
	r, err := newReader(st.f, in)
	if err != nil {
		return err
	}
	layout := slices.IndexFunc(st.f.Layouts, func(l Layout) bool { return l.Name == r.layout.Name })
	fs := FileSummary{Name: name, Layout: r.layout.Name}
	defer func() { st.s.Files = append(st.s.Files, fs) }()
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return context.Cause(ctx)
			}
			if st.opts.Progress != nil {
				st.opts.Progress("reading "+in.Name, in.Done(), in.Size)
			}
		}
		row, err := r.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var fatal *fatalError
			if errors.As(err, &fatal) {
				return err
			}
			var re *RowError
			if !errors.As(err, &re) {
				return err
			}
			fs.Rows++
			st.s.Read++
			if err := st.bad(re); err != nil {
				return err
			}
			continue
		}
		fs.Rows++
		st.s.Read++
		ev, err := st.f.Map(row)
		if err == nil {
			err = st.typed(row)
		}
		if err != nil {
			re := &RowError{File: name, Line: row.Line, Msg: err.Error(), Fields: row.fields}
			var ce *ColumnError
			if errors.As(err, &ce) {
				re.Column, re.Msg = ce.Column, ce.Msg
			}
			if err := st.bad(re); err != nil {
				return err
			}
			continue
		}
		if len(st.countries) > 0 && !slices.Contains(st.countries, fold.Name(ev.Country)) {
			st.s.ByCountry++
			st.seen[ev.Country]++
			continue
		}
		if (st.opts.Since != "" && ev.DateEnd < st.opts.Since) || (st.opts.Until != "" && ev.DateStart > st.opts.Until) {
			st.s.ByDate++
			continue
		}
		vals := make([]*string, len(st.cols))
		for i, c := range st.cols {
			if j, ok := r.index[c]; ok {
				vals[i] = &row.fields[j]
			}
		}
		rec := encodeRecord(vals)
		res, err := st.ins.ExecContext(ctx, ev.SortKey, fi, row.Line, layout, rec)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var pf, pl int
			var prec []byte
			if err := st.prev.QueryRowContext(ctx, ev.SortKey).Scan(&pf, &pl, &prec); err != nil {
				return err
			}
			differs, err := st.differs(prec, vals)
			if err != nil {
				return err
			}
			if differs == "" {
				st.s.Duplicates++
				continue
			}
			where := fmt.Sprintf("%s:%d", st.fileName(pf), pl)
			if err := st.bad(&RowError{File: name, Line: row.Line, Column: differs, Msg: fmt.Sprintf("event %s again, with another value than on %s", ev.ID, where), Fields: row.fields}); err != nil {
				return err
			}
			continue
		}
		st.stamps[fi] = max(st.stamps[fi], ev.Stamp)
		st.ends[fi] = max(st.ends[fi], ev.DateEnd)
	}
	if st.opts.Progress != nil {
		st.opts.Progress("reading "+in.Name, in.Done(), in.Size)
	}
	return nil
}

// typed checks that the row's value of every numeric column of the raw
// table is a number of its kind, or empty.
func (st *stager) typed(row Row) error {
	for c, t := range st.types {
		if _, err := TypedValue(t, row.Get(c)); err != nil {
			return &ColumnError{Column: c, Msg: err.Error()}
		}
	}
	return nil
}

// TypedValue reads s as a value of a numeric column: INTEGER (digits, or
// 3.0 as some exports write whole numbers) or REAL; "" is NULL.
func TypedValue(typ, s string) (any, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	switch typ {
	case "INTEGER":
		digits := strings.TrimPrefix(s, "-")
		if i := strings.IndexByte(digits, '.'); i > 0 && strings.Trim(digits[i+1:], "0") == "" {
			digits = digits[:i]
		}
		if digits == "" || strings.Trim(digits, "0123456789") != "" {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		n, err := strconv.ParseInt(digits, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s is out of range", s)
		}
		if strings.HasPrefix(s, "-") {
			n = -n
		}
		return n, nil
	case "REAL":
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return f, nil
	}
	return s, nil
}

// columnTypes returns the numeric columns of table, with their types.
func columnTypes(ctx context.Context, conn *sql.Conn, table string) (map[string]string, error) {
	out := map[string]string{}
	rows, err := conn.QueryContext(ctx, `SELECT name, upper(type) FROM pragma_table_info(?) WHERE upper(type) IN ('INTEGER', 'REAL')`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, err
		}
		out[name] = typ
	}
	return out, rows.Err()
}

// differs compares an event's row with the one read before for the same
// event, over the columns both have (two layouts of one export differ in
// some columns), and returns the first column whose values differ, or "".
func (st *stager) differs(prev []byte, vals []*string) (string, error) {
	before, err := decodeRecord(prev, len(vals))
	if err != nil {
		return "", err
	}
	for i, v := range vals {
		if v != nil && i < len(before) && before[i] != nil && *v != *before[i] {
			return st.cols[i], nil
		}
	}
	return "", nil
}

func (st *stager) fileName(i int) string {
	if i < len(st.s.Files) {
		return st.s.Files[i].Name
	}
	return "this file"
}

// bad stops the import at a bad row, or skips it with SkipBad.
func (st *stager) bad(re *RowError) error {
	if !st.opts.SkipBad {
		return re
	}
	st.s.Bad++
	if st.opts.Rejected != nil {
		return st.opts.Rejected(re)
	}
	return nil
}

// noCountry says that --country kept no event: which countries the
// export has, the nearest to those asked for first.
func noCountry(asked []string, seen map[string]int64) error {
	names := slices.Collect(maps.Keys(seen))
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(seen[b], seen[a]), strings.Compare(a, b)) })
	var hints []string
	for _, a := range asked {
		if near := suggest.Nearest(a, names); len(near) > 0 {
			hints = append(hints, fmt.Sprintf("%q", near[0]))
		}
	}
	list := names
	if len(list) > 8 {
		list = append(list[:8:8], fmt.Sprintf("and %d more", len(names)-8))
	}
	msg := fmt.Sprintf("--country %s: no event of the export is in it; its countries are %s", strings.Join(asked, ","), strings.Join(list, ", "))
	if len(hints) > 0 {
		msg += "; did you mean " + strings.Join(hints, " or ") + "?"
	}
	return errors.New(msg)
}

// encodeRecord packs a row's values, each a length (plus one; 0 for a
// column the row's layout lacks) and its bytes: cheaper to stage than
// JSON, and a value may hold any byte.
func encodeRecord(vals []*string) []byte {
	n := 0
	for _, v := range vals {
		if v != nil {
			n += len(*v)
		}
	}
	b := make([]byte, 0, n+len(vals)*2)
	for _, v := range vals {
		if v == nil {
			b = binary.AppendUvarint(b, 0)
			continue
		}
		b = binary.AppendUvarint(b, uint64(len(*v))+1)
		b = append(b, *v...)
	}
	return b
}

// decodeRecord unpacks what encodeRecord packed: n values.
func decodeRecord(b []byte, n int) ([]*string, error) {
	vals := make([]*string, n)
	for i := range vals {
		l, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < max(l, 1)-1 {
			return nil, errors.New("import: a staged row is damaged")
		}
		b = b[k:]
		if l == 0 {
			continue
		}
		s := string(b[:l-1])
		vals[i] = &s
		b = b[l-1:]
	}
	return vals, nil
}

// baseName is how a source row names an input file.
func baseName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return filepath.Base(name)
}

// slug makes an id of a name: folded, letters and digits, hyphens between.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range fold.String(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}
