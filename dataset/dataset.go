// Package dataset owns incq's curated data: one CSV file per table, header
// row equal to the table's column names. It loads a dataset into a database
// whose schema is already applied, refusing any cell that does not fit, and
// writes a database back out in the same layout.
package dataset

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/incq/incq/internal/suggest"
)

//go:embed *.csv
var files embed.FS

// FS returns the embedded dataset.
func FS() fs.FS { return files }

// Error is one problem with one place in a dataset.
type Error struct {
	File   string // file name, as the user knows it
	Line   int    // 1-based line; 0 when the problem is the whole file
	Column string // column name; empty when the problem is the whole row
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ": column %q", e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem Load found, in the order found. Load returns it
// when a dataset does not load; the first maxErrors are kept.
type Errors struct {
	List    []*Error
	Dropped int // problems found beyond the ones kept

	// rejected holds the keys of rows refused for bad cells, per table, so
	// that rows pointing at them are not reported a second time.
	rejected map[string]map[string]bool
	// broken holds the tables whose file could not be read at all (missing,
	// empty, bad header): references into them are not checked, as every
	// one would fail.
	broken map[string]bool
}

func (e *Errors) breakTable(table string) {
	if e.broken == nil {
		e.broken = map[string]bool{}
	}
	e.broken[table] = true
}

func (e *Errors) reject(table, key string) {
	if e.rejected == nil {
		e.rejected = map[string]map[string]bool{}
	}
	if e.rejected[table] == nil {
		e.rejected[table] = map[string]bool{}
	}
	e.rejected[table][key] = true
}

const maxErrors = 100

func (e *Errors) add(err *Error) {
	if len(e.List) >= maxErrors {
		e.Dropped++
		return
	}
	e.List = append(e.List, err)
}

func (e *Errors) Error() string {
	if len(e.List) == 0 {
		return "no errors"
	}
	s := e.List[0].Error()
	if n := len(e.List) + e.Dropped - 1; n > 0 {
		s += fmt.Sprintf(" (and %d more)", n)
	}
	return s
}

// Count is the number of rows loaded into one table.
type Count struct {
	Table string
	Rows  int64
}

// Querier is the part of *sql.Tx and *sql.Conn that Load and Export need.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// Tables returns the names of the tables a dataset fills, in the order the
// schema creates them. Tables named incq_* belong to incq itself.
func Tables(ctx context.Context, q Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT s.name FROM sqlite_schema AS s
		JOIN pragma_table_list AS t ON t.name = s.name AND t.schema = 'main'
		WHERE s.type = 'table' AND t.type = 'table'
		  AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND s.name NOT LIKE 'incq\_%' ESCAPE '\'
		ORDER BY s.rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

type column struct {
	name    string
	typ     string // declared type, upper case; DATE for a date column
	notNull bool
	pk      int // position in the primary key, 0 when not part of it
}

// A date column is a TEXT column checked by CHECK (x IS date(x)): SQLite
// has no date type, and the driver would turn a column declared DATE into
// time.Time values.
var dateCheckRE = regexp.MustCompile(`(?i)CHECK\s*\(\s*"?(\w+)"?\s+IS\s+date\(\s*"?(\w+)"?\s*\)\s*\)`)

func dateColumns(ctx context.Context, q Querier, table string) (map[string]bool, error) {
	var ddl string
	if err := q.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&ddl); err != nil {
		return nil, err
	}
	dates := map[string]bool{}
	for _, m := range dateCheckRE.FindAllStringSubmatch(ddl, -1) {
		if m[1] == m[2] {
			dates[m[1]] = true
		}
	}
	return dates, nil
}

func columns(ctx context.Context, q Querier, table string) ([]column, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, upper(type), "notnull", pk FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.typ, &c.notNull, &c.pk); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	dates, err := dateColumns(ctx, q, table)
	if err != nil {
		return nil, err
	}
	for i := range cols {
		if dates[cols[i].name] {
			cols[i].typ = "DATE"
		}
	}
	return cols, nil
}

// Load reads one CSV file per table from fsys into q, which must be a
// transaction on a database with the schema applied. Foreign keys are
// checked once, after every table is in, so the connection should have
// enforcement off for speed.
// dir names the dataset in messages. Every row is inserted with its CSV
// line number as rowid, so that a problem found later (a dangling
// reference) can still be reported at its line. Load returns the row
// counts, or *Errors listing every problem; the caller must then roll back.
func Load(ctx context.Context, q Querier, fsys fs.FS, dir string, progress func(table string, rows int64)) ([]Count, error) {
	tables, err := Tables(ctx, q)
	if err != nil {
		return nil, err
	}
	var errs Errors
	known := map[string]bool{}
	for _, t := range tables {
		known[t+".csv"] = true
	}
	names, err := fs.Glob(fsys, "*.csv")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if !known[name] {
			errs.add(&Error{File: path.Join(dir, name), Msg: fmt.Sprintf("no table %q in the schema%s", strings.TrimSuffix(name, ".csv"), suggest.Hint(strings.TrimSuffix(name, ".csv"), tables))})
		}
	}
	refs := &references{q: q, keys: map[string]map[string]struct{}{}, loaded: map[string]bool{}}
	var counts []Count
	for _, table := range tables {
		n, err := loadTable(ctx, q, fsys, dir, table, &errs, progress, refs)
		if err != nil {
			return nil, err
		}
		refs.loaded[table] = true
		counts = append(counts, Count{Table: table, Rows: n})
	}
	if err := refs.check(ctx, dir, &errs); err != nil {
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

func loadTable(ctx context.Context, q Querier, fsys fs.FS, dir, table string, errs *Errors, progress func(string, int64), refs *references) (int64, error) {
	file := path.Join(dir, table+".csv")
	f, err := fsys.Open(table + ".csv")
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
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\ufeff")) {
		br.Discard(3)
	}
	r := csv.NewReader(br)
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

	fks, err := refs.prepare(ctx, table, cols, errs.broken)
	if err != nil {
		return 0, err
	}
	ins, err := newInserter(ctx, q, file, table, cols, errs)
	if err != nil {
		return 0, err
	}
	defer ins.close()
	pk := singleKey(cols)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs.add(csvError(file, err))
			break
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			errs.add(&Error{File: file, Line: line, Msg: fmt.Sprintf("got %d fields, want %d", len(rec), len(header))})
			continue
		}
		row := ins.next(line)
		bad := false
		for i, c := range cols {
			v, msg := convert(rec[order[i]], c)
			if msg != "" {
				errs.add(&Error{File: file, Line: line, Column: c.name, Msg: msg})
				bad = true
			}
			row[i+1] = v
		}
		for _, fk := range fks {
			v, ok := row[fk.col+1].(string)
			if !ok || bad {
				continue
			}
			// The row is still inserted, so that a duplicate of its key
			// is reported too.
			if _, found := fk.keys[v]; !found && !errs.rejected[fk.parent][v] {
				errs.add(&Error{File: file, Line: line, Column: fk.from, Msg: fk.missing(v)})
			}
		}
		if bad {
			ins.drop()
			if pk >= 0 {
				errs.reject(table, rec[order[pk]])
			}
			continue
		}
		if err := ins.commitRow(); err != nil {
			return ins.n, err
		}
		if progress != nil && ins.n%(64*batchRows) == 0 && len(ins.lines) == 0 {
			progress(table, ins.n)
		}
	}
	if err := ins.flush(); err != nil {
		return ins.n, err
	}
	return ins.n, nil
}

// batchRows is how many rows one INSERT statement carries. Multi-row
// statements through one prepared statement load several times faster
// than a statement per row.
const batchRows = 128

// inserter batches rows into multi-row INSERTs. Each row is inserted with
// its CSV line number as rowid. When a batch fails, its rows are retried
// one by one so that each bad row is reported at its own line.
type inserter struct {
	ctx    context.Context
	q      Querier
	file   string
	table  string
	cols   []column
	errs   *Errors
	width  int   // values per row: rowid and the columns
	args   []any // the pending rows, flattened
	lines  []int
	full   *sql.Stmt
	prefix string
	row    string
	n      int64
}

func newInserter(ctx context.Context, q Querier, file, table string, cols []column, errs *Errors) (*inserter, error) {
	names := make([]string, len(cols))
	marks := make([]string, len(cols)+1)
	for i, c := range cols {
		names[i] = `"` + c.name + `"`
	}
	for i := range marks {
		marks[i] = "?"
	}
	in := &inserter{
		ctx: ctx, q: q, file: file, table: table, cols: cols, errs: errs,
		width:  len(cols) + 1,
		prefix: fmt.Sprintf(`INSERT INTO "%s" (rowid, %s) VALUES `, table, strings.Join(names, ", ")),
		row:    "(" + strings.Join(marks, ", ") + ")",
	}
	in.args = make([]any, 0, batchRows*in.width)
	stmt, err := q.PrepareContext(ctx, in.statement(batchRows))
	if err != nil {
		return nil, err
	}
	in.full = stmt
	return in, nil
}

func (in *inserter) statement(rows int) string {
	var b strings.Builder
	b.WriteString(in.prefix)
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(in.row)
	}
	return b.String()
}

// next starts a row at line and returns its values to fill: [0] is the
// rowid, set already.
func (in *inserter) next(line int) []any {
	start := len(in.args)
	in.args = in.args[:start+in.width]
	in.args[start] = int64(line)
	in.lines = append(in.lines, line)
	return in.args[start:]
}

// drop forgets the row started last.
func (in *inserter) drop() {
	in.args = in.args[:len(in.args)-in.width]
	in.lines = in.lines[:len(in.lines)-1]
}

// commitRow accepts the row started last, inserting a batch when full.
func (in *inserter) commitRow() error {
	if len(in.lines) < batchRows {
		return nil
	}
	return in.flush()
}

func (in *inserter) flush() error {
	rows := len(in.lines)
	if rows == 0 {
		return nil
	}
	var err error
	if rows == batchRows {
		_, err = in.full.ExecContext(in.ctx, in.args...)
	} else {
		_, err = in.q.ExecContext(in.ctx, in.statement(rows), in.args...)
	}
	if err == nil {
		in.n += int64(rows)
	} else if err = in.retry(err); err != nil {
		return err
	}
	in.args = in.args[:0]
	in.lines = in.lines[:0]
	return nil
}

// retry inserts a failed batch row by row to find the bad rows.
func (in *inserter) retry(batchErr error) error {
	if in.ctx.Err() != nil {
		return in.ctx.Err()
	}
	one := in.statement(1)
	for i, line := range in.lines {
		vals := in.args[i*in.width : (i+1)*in.width]
		if _, err := in.q.ExecContext(in.ctx, one, vals...); err != nil {
			if in.ctx.Err() != nil {
				return in.ctx.Err()
			}
			in.errs.add(insertError(in.ctx, in.q, in.file, line, in.table, in.cols, vals[1:], err))
			continue
		}
		in.n++
	}
	return nil
}

func (in *inserter) close() { in.full.Close() }

// singleKey returns the index of the primary key column, or -1 when the
// key has several columns.
func singleKey(cols []column) int {
	idx := -1
	for i, c := range cols {
		switch {
		case c.pk == 1 && idx < 0:
			idx = i
		case c.pk > 1:
			return -1
		}
	}
	return idx
}

func headerOf(cols []column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return strings.Join(names, ",")
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

const (
	goodDate = iota
	badFormat
	badDay
)

// validDate checks a YYYY-MM-DD date by hand: it runs for every date cell
// of a large load, where a regexp and time.Parse cost a tenth of the time.
func validDate(s string) int {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return badFormat
	}
	num := func(b string) int {
		n := 0
		for i := 0; i < len(b); i++ {
			if b[i] < '0' || b[i] > '9' {
				return -1
			}
			n = n*10 + int(b[i]-'0')
		}
		return n
	}
	y, m, d := num(s[:4]), num(s[5:7]), num(s[8:])
	if y < 0 || m < 0 || d < 0 {
		return badFormat
	}
	if m < 1 || m > 12 || d < 1 || d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return badDay
	}
	return goodDate
}

// convert turns one CSV cell into the value stored for column c: nil for an
// empty cell, int64 for INTEGER, float64 for REAL, a string otherwise. It
// returns a message instead when the cell does not fit.
func convert(cell string, c column) (any, string) {
	if !utf8.ValidString(cell) {
		return nil, "not valid UTF-8"
	}
	if cell == "" {
		if c.notNull {
			return nil, "value is required"
		}
		return nil, ""
	}
	switch c.typ {
	case "INTEGER":
		v, err := strconv.ParseInt(cell, 10, 64)
		if err != nil {
			return nil, fmt.Sprintf("%q is not an integer", cell)
		}
		return v, ""
	case "REAL":
		v, err := strconv.ParseFloat(cell, 64)
		if err != nil || v != v {
			return nil, fmt.Sprintf("%q is not a number", cell)
		}
		return v, ""
	case "DATE":
		switch validDate(cell) {
		case badFormat:
			return nil, fmt.Sprintf("%q is not a date (want YYYY-MM-DD)", cell)
		case badDay:
			return nil, fmt.Sprintf("%q is not a calendar date", cell)
		}
	}
	return cell, ""
}

func csvError(file string, err error) *Error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: fmt.Sprintf("%s:%d:%d", file, pe.Line, pe.Column), Msg: pe.Err.Error()}
	}
	return &Error{File: file, Msg: err.Error()}
}

var (
	uniqueRE = regexp.MustCompile(`UNIQUE constraint failed: ([\w., ]+)`)
	checkRE  = regexp.MustCompile(`CHECK constraint failed: (.*?)(?: \(\d+\))?$`)
)

// insertError explains why SQLite refused a row that passed the cell checks.
func insertError(ctx context.Context, q Querier, file string, line int, table string, cols []column, vals []any, err error) *Error {
	msg := err.Error()
	if m := uniqueRE.FindStringSubmatch(msg); m != nil {
		var keyCols, conds []string
		var keyVals, args []any
		for _, tc := range strings.Split(strings.TrimSpace(m[1]), ", ") {
			name := strings.TrimPrefix(strings.TrimSpace(tc), table+".")
			for i, c := range cols {
				if c.name == name {
					keyCols = append(keyCols, name)
					keyVals = append(keyVals, vals[i])
					conds = append(conds, fmt.Sprintf(`"%s" IS ?`, name))
					args = append(args, vals[i])
				}
			}
		}
		var first int64
		_ = q.QueryRowContext(ctx, fmt.Sprintf(`SELECT rowid FROM "%s" WHERE %s`, table, strings.Join(conds, " AND ")), args...).Scan(&first)
		where := ""
		if first > 0 {
			where = fmt.Sprintf(" (first on line %d)", first)
		}
		return &Error{File: file, Line: line, Column: strings.Join(keyCols, ","), Msg: fmt.Sprintf("duplicate key %s%s", formatKey(keyVals), where)}
	}
	if m := checkRE.FindStringSubmatch(msg); m != nil {
		return &Error{File: file, Line: line, Msg: fmt.Sprintf("row breaks the rule %q", m[1])}
	}
	return &Error{File: file, Line: line, Msg: oneLine(msg)}
}

func formatKey(vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = strconv.Quote(fmt.Sprint(v))
	}
	return strings.Join(parts, ",")
}

// maxKeys is the largest parent table whose keys are held in memory to
// check references while loading; references to larger ones are checked
// by SQLite after the load.
const maxKeys = 1_500_000

// references checks foreign keys. A reference to a parent table already
// loaded and small enough is checked in Go as each row is read, against
// the parent's keys held in a set; any other is checked in SQL once every
// table is in.
type references struct {
	q       Querier
	keys    map[string]map[string]struct{} // "table.column" -> keys
	loaded  map[string]bool
	pending []foreignKey // to check in SQL after the load
}

// foreignKey is one single-column foreign key of a table.
type foreignKey struct {
	table, from, parent, to string
	col                     int                 // index of from in the table's columns
	keys                    map[string]struct{} // the parent's keys, when checked in Go
}

// missing explains a reference to a key the parent does not have, listing
// the allowed values when the parent is a small vocabulary.
func (fk foreignKey) missing(v string) string {
	msg := fmt.Sprintf("%q is not in %s.%s", v, fk.parent, fk.to)
	switch {
	case fk.keys == nil: // a large parent: nothing to list
		return msg
	case len(fk.keys) == 0:
		return msg + fmt.Sprintf(" (%s is empty)", fk.parent)
	case len(fk.keys) <= 20:
		vals := make([]string, 0, len(fk.keys))
		for k := range fk.keys {
			vals = append(vals, k)
		}
		sort.Strings(vals)
		msg += " (want one of: " + strings.Join(vals, ", ") + ")"
	}
	return msg
}

// prepare returns the foreign keys of table to check in Go as its rows are
// read, and queues the others for check.
func (r *references) prepare(ctx context.Context, table string, cols []column, broken map[string]bool) ([]foreignKey, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT id, seq, "from", "table", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq`, table)
	if err != nil {
		return nil, err
	}
	var all []foreignKey
	for rows.Next() {
		var id, seq int
		var fk foreignKey
		var to sql.NullString
		if err := rows.Scan(&id, &seq, &fk.from, &fk.parent, &to); err != nil {
			rows.Close()
			return nil, err
		}
		if seq > 0 {
			rows.Close()
			return nil, fmt.Errorf("table %s: composite foreign keys are not supported", table)
		}
		fk.table, fk.to = table, to.String
		all = append(all, fk)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var inGo []foreignKey
	for _, fk := range all {
		if fk.to == "" { // REFERENCES parent: the parent's primary key
			if err := r.q.QueryRowContext(ctx, `SELECT name FROM pragma_table_info(?) WHERE pk = 1`, fk.parent).Scan(&fk.to); err != nil {
				return nil, fmt.Errorf("table %s: foreign key to %s: %w", table, fk.parent, err)
			}
		}
		for i, c := range cols {
			if c.name == fk.from {
				fk.col = i
			}
		}
		if broken[fk.parent] {
			continue
		}
		if fk.parent != table && r.loaded[fk.parent] {
			keys, err := r.keySet(ctx, fk.parent, fk.to)
			if err != nil {
				return nil, err
			}
			if keys != nil {
				fk.keys = keys
				inGo = append(inGo, fk)
				continue
			}
		}
		r.pending = append(r.pending, fk)
	}
	return inGo, nil
}

// keySet returns the values of parent.col as a set, or nil when the parent
// has more than maxKeys rows.
func (r *references) keySet(ctx context.Context, parent, col string) (map[string]struct{}, error) {
	name := parent + "." + col
	if keys, ok := r.keys[name]; ok {
		return keys, nil
	}
	var n int64
	if err := r.q.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM "%s"`, parent)).Scan(&n); err != nil {
		return nil, err
	}
	if n > maxKeys {
		r.keys[name] = nil
		return nil, nil
	}
	rows, err := r.q.QueryContext(ctx, fmt.Sprintf(`SELECT "%s" FROM "%s" WHERE "%s" IS NOT NULL`, col, parent, col))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	keys := make(map[string]struct{}, n)
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys[k] = struct{}{}
	}
	r.keys[name] = keys
	return keys, rows.Err()
}

// check runs the queued checks in SQL, reporting every row whose reference
// points nowhere, in table and line order.
func (r *references) check(ctx context.Context, dir string, errs *Errors) error {
	type violation struct {
		fk    foreignKey
		line  int64
		value string
	}
	var vs []violation
	for _, fk := range r.pending {
		if errs.broken[fk.parent] || errs.broken[fk.table] {
			continue
		}
		rows, err := r.q.QueryContext(ctx, fmt.Sprintf(
			`SELECT c.rowid, c."%[2]s" FROM "%[1]s" AS c WHERE c."%[2]s" IS NOT NULL
			 AND NOT EXISTS (SELECT 1 FROM "%[3]s" AS p WHERE p."%[4]s" = c."%[2]s")`, fk.table, fk.from, fk.parent, fk.to))
		if err != nil {
			return err
		}
		for rows.Next() {
			v := violation{fk: fk}
			if err := rows.Scan(&v.line, &v.value); err != nil {
				rows.Close()
				return err
			}
			vs = append(vs, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	sort.SliceStable(vs, func(i, j int) bool {
		if vs[i].fk.table != vs[j].fk.table {
			return vs[i].fk.table < vs[j].fk.table
		}
		return vs[i].line < vs[j].line
	})
	for _, v := range vs {
		if errs.rejected[v.fk.parent][v.value] {
			continue // its target was refused, and reported, already
		}
		fk := v.fk
		keys, err := r.keySet(ctx, fk.parent, fk.to) // to list a vocabulary's values
		if err != nil {
			return err
		}
		fk.keys = keys
		errs.add(&Error{File: path.Join(dir, fk.table+".csv"), Line: int(v.line), Column: fk.from, Msg: fk.missing(v.value)})
	}
	return nil
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Write writes table as CSV in the layout Load reads: a header of column
// names, rows in rowid order, NULL as an empty cell.
func Write(ctx context.Context, q Querier, table string, w io.Writer) error {
	cols, err := columns(ctx, q, table)
	if err != nil {
		return err
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = `"` + c.name + `"`
	}
	rows, err := q.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM "%s" ORDER BY rowid`, strings.Join(names, ", "), table))
	if err != nil {
		return err
	}
	defer rows.Close()
	cw := csv.NewWriter(w)
	cw.Write(strings.Split(headerOf(cols), ","))
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	rec := make([]string, len(cols))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range vals {
			rec[i] = cellText(v)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// cellText is the inverse of convert.
func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []byte:
		return string(v)
	case string:
		return v
	}
	return fmt.Sprint(v)
}
