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
	"database/sql/driver"
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
	"sync"
	"sync/atomic"
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

// Querier is the part of *sql.Tx and *sql.Conn that Tables and Write need.
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
// time.Time values. (This package's patterns compile on first use: a run
// that opens a cached database never needs them.)
var dateCheckRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)CHECK\s*\(\s*"?(\w+)"?\s+IS\s+date\(\s*"?(\w+)"?\s*\)\s*\)`)
})

func dateColumns(ctx context.Context, q Querier, table string) (map[string]bool, error) {
	var ddl string
	if err := q.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&ddl); err != nil {
		return nil, err
	}
	dates := map[string]bool{}
	for _, m := range dateCheckRE().FindAllStringSubmatch(ddl, -1) {
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

// Load reads one CSV file per table from fsys into the database on conn,
// whose schema must be applied, in one transaction of its own: committed
// when every row is in and every reference points somewhere, rolled back
// on any problem. Foreign keys are checked by Load itself, once, so the
// connection should have SQLite's enforcement off.
// dir names the dataset in messages. Every row is inserted with its CSV
// lines are remembered by rowid, so that a problem found later (a dangling
// reference) can still be reported at its line. Load returns the row
// counts, or *Errors listing every problem.
func Load(ctx context.Context, conn *sql.Conn, fsys fs.FS, dir string, progress func(table string, rows int64)) (_ []Count, err error) {
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	counts, err := load(ctx, conn, fsys, dir, progress)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	return counts, nil
}

func load(ctx context.Context, q *sql.Conn, fsys fs.FS, dir string, progress func(table string, rows int64)) ([]Count, error) {
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
	refs, err := newReferences(ctx, q, tables)
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

func loadTable(ctx context.Context, q *sql.Conn, fsys fs.FS, dir, table string, errs *Errors, progress func(string, int64), refs *references) (int64, error) {
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

// batchRows is how many rows one INSERT statement carries. Multi-row
// statements through one prepared statement load several times faster
// than a statement per row.
const batchRows = 128

// inserter batches rows into multi-row INSERTs, run on a goroutine of
// their own while the next rows are read and checked. That goroutine talks
// to the driver directly, sparing database/sql's copy and check of every
// value. Rows get rowids in the order inserted; lines maps them back to
// the CSV lines. When a batch fails, its rows are retried one by one so that each bad row is
// reported at its own line.
type inserter struct {
	ctx    context.Context
	conn   *sql.Conn
	file   string
	table  string
	cols   []column
	width  int // values per row
	prefix string
	row    string

	cur  *batch      // being filled
	free chan *batch // batches to fill
	work chan *batch // batches to insert
	done chan error  // the inserting goroutine's end
	quit atomic.Bool // set when inserting failed

	// Owned by the inserting goroutine until done.
	n     int64   // rows inserted
	lines lineMap // the line of each
	errs  Errors  // rows SQLite refused
}

// batch is a run of rows to insert in one statement.
type batch struct {
	args  []driver.NamedValue // the rows' values, flattened; ordinals set
	lines []int
}

func newInserter(ctx context.Context, conn *sql.Conn, file, table string, cols []column) *inserter {
	names := make([]string, len(cols))
	marks := make([]string, len(cols))
	for i, c := range cols {
		names[i] = `"` + c.name + `"`
	}
	for i := range marks {
		marks[i] = "?"
	}
	in := &inserter{
		ctx: ctx, conn: conn, file: file, table: table, cols: cols,
		width:  len(cols),
		prefix: fmt.Sprintf(`INSERT INTO "%s" (%s) VALUES `, table, strings.Join(names, ", ")),
		row:    "(" + strings.Join(marks, ", ") + ")",
		free:   make(chan *batch, 3),
		work:   make(chan *batch, 3),
		done:   make(chan error, 1),
	}
	for range cap(in.free) {
		args := make([]driver.NamedValue, batchRows*in.width)
		for i := range args {
			args[i].Ordinal = i + 1
		}
		in.free <- &batch{args: args[:0], lines: make([]int, 0, batchRows)}
	}
	go in.run()
	return in
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

// next starts a row at line and returns its values to fill.
func (in *inserter) next(line int) []driver.NamedValue {
	if in.cur == nil {
		in.cur = <-in.free
	}
	b := in.cur
	start := len(b.args)
	b.args = b.args[:start+in.width]
	b.lines = append(b.lines, line)
	return b.args[start:]
}

// drop forgets the row started last.
func (in *inserter) drop() {
	in.cur.args = in.cur.args[:len(in.cur.args)-in.width]
	in.cur.lines = in.cur.lines[:len(in.cur.lines)-1]
}

// commitRow accepts the row started last, passing a full batch on to be
// inserted. It reports false when inserting has failed, or ctx is done,
// and reading should stop.
func (in *inserter) commitRow() bool {
	if len(in.cur.lines) == batchRows {
		in.work <- in.cur
		in.cur = nil
		return !in.quit.Load() && in.ctx.Err() == nil
	}
	return true
}

// finish inserts the rows still pending, waits for the inserting goroutine
// and adds the rows it refused to errs. It returns the rows inserted.
func (in *inserter) finish(errs *Errors) (int64, error) {
	if in.cur != nil && len(in.cur.lines) > 0 {
		in.work <- in.cur
	}
	in.cur = nil
	close(in.work)
	err := <-in.done
	for _, e := range in.errs.List {
		errs.add(e)
	}
	errs.Dropped += in.errs.Dropped
	if err == nil {
		err = in.ctx.Err()
	}
	return in.n, err
}

// run inserts batches until the work channel closes. After a failure it
// goes on taking batches, inserting none, so that the reader never blocks.
func (in *inserter) run() {
	err := in.conn.Raw(in.insertAll)
	if err != nil {
		in.quit.Store(true)
	}
	for b := range in.work {
		in.recycle(b)
	}
	in.done <- err
}

func (in *inserter) recycle(b *batch) {
	b.args, b.lines = b.args[:0], b.lines[:0]
	in.free <- b
}

// rawConn is what the inserting goroutine needs of a driver connection.
type rawConn interface {
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
}

func (in *inserter) insertAll(dc any) error {
	c, ok := dc.(rawConn)
	if !ok {
		return fmt.Errorf("sqlite driver connection %T cannot prepare, execute and query", dc)
	}
	st, err := c.PrepareContext(in.ctx, in.statement(batchRows))
	if err != nil {
		return err
	}
	defer st.Close()
	full, ok := st.(driver.StmtExecContext)
	if !ok {
		return fmt.Errorf("sqlite driver statement %T cannot execute with a context", st)
	}
	for b := range in.work {
		err := in.insert(c, full, b)
		in.recycle(b)
		if err != nil {
			return err
		}
	}
	return nil
}

func (in *inserter) insert(c rawConn, full driver.StmtExecContext, b *batch) error {
	rows := len(b.lines)
	var err error
	if rows == batchRows {
		_, err = full.ExecContext(in.ctx, b.args)
	} else {
		_, err = c.ExecContext(in.ctx, in.statement(rows), b.args)
	}
	if err == nil {
		in.n += int64(rows)
		for _, line := range b.lines {
			in.lines.add(line)
		}
		return nil
	}
	return in.retry(c, b)
}

// retry inserts a failed batch row by row to find the bad rows.
func (in *inserter) retry(c rawConn, b *batch) error {
	if in.ctx.Err() != nil {
		return in.ctx.Err()
	}
	one := in.statement(1)
	vals := make([]driver.NamedValue, in.width)
	for i, line := range b.lines {
		for j := range vals {
			vals[j] = driver.NamedValue{Ordinal: j + 1, Value: b.args[i*in.width+j].Value}
		}
		if _, err := c.ExecContext(in.ctx, one, vals); err != nil {
			if in.ctx.Err() != nil {
				return in.ctx.Err()
			}
			in.errs.add(in.insertError(c, line, vals, err))
			continue
		}
		in.n++
		in.lines.add(line)
	}
	return nil
}

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
	uniqueRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`UNIQUE constraint failed: ([\w., ]+)`) })
	checkRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`CHECK constraint failed: (.*?)(?: \(\d+\))?$`) })
)

// insertError explains why SQLite refused a row that passed the cell checks.
func (in *inserter) insertError(c rawConn, line int, vals []driver.NamedValue, err error) *Error {
	msg := err.Error()
	if m := uniqueRE().FindStringSubmatch(msg); m != nil {
		var keyCols, conds []string
		var keyVals []any
		var args []driver.NamedValue
		for _, tc := range strings.Split(strings.TrimSpace(m[1]), ", ") {
			name := strings.TrimPrefix(strings.TrimSpace(tc), in.table+".")
			for i, col := range in.cols {
				if col.name == name {
					keyCols = append(keyCols, name)
					keyVals = append(keyVals, vals[i].Value)
					conds = append(conds, fmt.Sprintf(`"%s" IS ?`, name))
					args = append(args, driver.NamedValue{Ordinal: len(args) + 1, Value: vals[i].Value})
				}
			}
		}
		where := ""
		if first := firstRow(in.ctx, c, fmt.Sprintf(`SELECT rowid FROM "%s" WHERE %s`, in.table, strings.Join(conds, " AND ")), args); first > 0 {
			where = fmt.Sprintf(" (first on line %d)", in.lines.line(first))
		}
		return &Error{File: in.file, Line: line, Column: strings.Join(keyCols, ","), Msg: fmt.Sprintf("duplicate key %s%s", formatKey(keyVals), where)}
	}
	if m := checkRE().FindStringSubmatch(msg); m != nil {
		return &Error{File: in.file, Line: line, Msg: fmt.Sprintf("row breaks the rule %q", m[1])}
	}
	return &Error{File: in.file, Line: line, Msg: oneLine(msg)}
}

// firstRow returns the integer in the first row query gives, or 0.
func firstRow(ctx context.Context, c rawConn, query string, args []driver.NamedValue) int64 {
	rows, err := c.QueryContext(ctx, query, args)
	if err != nil {
		return 0
	}
	defer rows.Close()
	dest := make([]driver.Value, len(rows.Columns()))
	if rows.Next(dest) != nil || len(dest) == 0 {
		return 0
	}
	n, _ := dest[0].(int64)
	return n
}

func formatKey(vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = strconv.Quote(fmt.Sprint(v))
	}
	return strings.Join(parts, ",")
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
