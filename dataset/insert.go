package dataset

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

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
		err = context.Cause(in.ctx)
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
		return context.Cause(in.ctx)
	}
	one := in.statement(1)
	vals := make([]driver.NamedValue, in.width)
	for i, line := range b.lines {
		for j := range vals {
			vals[j] = driver.NamedValue{Ordinal: j + 1, Value: b.args[i*in.width+j].Value}
		}
		if _, err := c.ExecContext(in.ctx, one, vals); err != nil {
			if in.ctx.Err() != nil {
				return context.Cause(in.ctx)
			}
			in.errs.add(in.insertError(c, line, vals, err))
			continue
		}
		in.n++
		in.lines.add(line)
	}
	return nil
}

var (
	uniqueRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`UNIQUE constraint failed: ([\w., ]+)`) })
	checkRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`CHECK constraint failed: (.*?)(?: \(\d+\))?$`) })
	indexRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`UNIQUE constraint failed: index '(\w+)'`) })
	raiseRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^constraint failed: (.*?)(?: \(\d+\))?$`) })
)

// insertError explains why SQLite refused a row that passed the cell checks.
func (in *inserter) insertError(c rawConn, line int, vals []driver.NamedValue, err error) *Error {
	msg := err.Error()
	if m := indexRE().FindStringSubmatch(msg); m != nil {
		// A unique index's columns: those it names (an expression has no
		// name and is left out of the message).
		var names []string
		if rows, err := c.QueryContext(in.ctx, `SELECT name FROM pragma_index_info(?) WHERE name IS NOT NULL ORDER BY seqno`,
			[]driver.NamedValue{{Ordinal: 1, Value: m[1]}}); err == nil {
			dest := make([]driver.Value, 1)
			for rows.Next(dest) == nil {
				if n, ok := dest[0].(string); ok {
					names = append(names, in.table+"."+n)
				}
			}
			rows.Close()
		}
		m = []string{"", strings.Join(names, ", ")}
		msg = "UNIQUE constraint failed: " + m[1]
	}
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
	if m := raiseRE().FindStringSubmatch(msg); m != nil {
		return &Error{File: in.file, Line: line, Msg: m[1]} // a trigger's rule, in its own words
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
