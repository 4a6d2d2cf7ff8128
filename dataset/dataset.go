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
	var counts []Count
	for _, table := range tables {
		n, err := loadTable(ctx, q, fsys, dir, table, &errs, progress)
		if err != nil {
			return nil, err
		}
		counts = append(counts, Count{Table: table, Rows: n})
	}
	if err := checkReferences(ctx, q, dir, &errs); err != nil {
		return nil, err
	}
	if len(errs.List) > 0 {
		return nil, &errs
	}
	return counts, nil
}

func loadTable(ctx context.Context, q Querier, fsys fs.FS, dir, table string, errs *Errors, progress func(string, int64)) (int64, error) {
	file := path.Join(dir, table+".csv")
	f, err := fsys.Open(table + ".csv")
	if errors.Is(err, fs.ErrNotExist) {
		errs.add(&Error{File: file, Msg: "missing file (every table needs one; a header line alone makes an empty table)"})
		return 0, nil
	}
	if err != nil {
		errs.add(&Error{File: file, Msg: err.Error()})
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
		return 0, nil
	}
	if err != nil {
		errs.add(csvError(file, err))
		return 0, nil
	}
	order, ok := matchHeader(file, header, cols, errs)
	if !ok {
		return 0, nil
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

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

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
		if !dateRE.MatchString(cell) {
			return nil, fmt.Sprintf("%q is not a date (want YYYY-MM-DD)", cell)
		}
		if _, err := time.Parse(time.DateOnly, cell); err != nil {
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

// checkReferences reports every row whose foreign key points nowhere.
func checkReferences(ctx context.Context, q Querier, dir string, errs *Errors) error {
	rows, err := q.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	type violation struct {
		table, parent string
		rowid, fkid   int64
	}
	var vs []violation
	for rows.Next() {
		var v violation
		if err := rows.Scan(&v.table, &v.rowid, &v.parent, &v.fkid); err != nil {
			rows.Close()
			return err
		}
		vs = append(vs, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	sort.SliceStable(vs, func(i, j int) bool {
		if vs[i].table != vs[j].table {
			return vs[i].table < vs[j].table
		}
		return vs[i].rowid < vs[j].rowid
	})
	for _, v := range vs {
		from, to, err := foreignKey(ctx, q, v.table, v.fkid)
		if err != nil {
			return err
		}
		var val string
		if err := q.QueryRowContext(ctx, fmt.Sprintf(`SELECT "%s" FROM "%s" WHERE rowid = ?`, from, v.table), v.rowid).Scan(&val); err != nil {
			return err
		}
		if errs.rejected[v.parent][val] {
			continue // its target was refused, and reported, already
		}
		msg := fmt.Sprintf("%q is not in %s.%s%s", val, v.parent, to, knownValues(ctx, q, v.parent, to, val))
		errs.add(&Error{File: path.Join(dir, v.table+".csv"), Line: int(v.rowid), Column: from, Msg: msg})
	}
	return nil
}

// foreignKey returns the child and parent column of foreign key fkid.
func foreignKey(ctx context.Context, q Querier, table string, fkid int64) (from, to string, err error) {
	var toNull sql.NullString
	err = q.QueryRowContext(ctx, `SELECT "from", "to", "table" FROM pragma_foreign_key_list(?) WHERE id = ?`, table, fkid).Scan(&from, &toNull, new(string))
	if err != nil {
		return "", "", err
	}
	if toNull.Valid {
		return from, toNull.String, nil
	}
	// REFERENCES parent, without a column, means the parent's primary key.
	var parent string
	if err := q.QueryRowContext(ctx, `SELECT "table" FROM pragma_foreign_key_list(?) WHERE id = ?`, table, fkid).Scan(&parent); err != nil {
		return "", "", err
	}
	err = q.QueryRowContext(ctx, `SELECT name FROM pragma_table_info(?) WHERE pk = 1`, parent).Scan(&to)
	return from, to, err
}

// knownValues lists the values a small parent table (a vocabulary) allows,
// or names the nearest one in a large one.
func knownValues(ctx context.Context, q Querier, table, col, val string) string {
	rows, err := q.QueryContext(ctx, fmt.Sprintf(`SELECT "%s" FROM "%s" ORDER BY 1 LIMIT 21`, col, table))
	if err != nil {
		return ""
	}
	defer rows.Close()
	var vals []string
	for rows.Next() {
		var v string
		if rows.Scan(&v) == nil {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		return fmt.Sprintf(" (%s is empty)", table)
	}
	if len(vals) <= 20 {
		return " (want one of: " + strings.Join(vals, ", ") + ")"
	}
	return ""
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
