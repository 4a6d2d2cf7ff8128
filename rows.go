package incq

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/incq/incq/dataset"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Column describes one column of a result.
type Column struct {
	Name string
	// Type is the declared type of the table column the values come from:
	// INTEGER, REAL, TEXT, BLOB, or DATE for a TEXT column that holds
	// YYYY-MM-DD dates. It is empty for an expression.
	Type string
}

// Rows is the result of a query, read one row at a time. Close it.
type Rows struct {
	ctx  context.Context
	conn *sql.Conn
	rows *sql.Rows
	g    *guard
	cols []Column
	vals []any
	ptrs []any
	err  error
	// peeked says the first row has been read already, to learn whether
	// there is one: the next Next returns it.
	peeked bool
}

// Query runs read-only SQL text with args and returns the result of its
// last statement. Statements before the last may only read. Errors are
// one line: ErrReadOnly for a refused statement, the context's error when
// it ends, or SQLite's message as *SQLError.
func (d *DB) Query(ctx context.Context, text string, args ...any) (*Rows, error) {
	conn, err := d.pool.Conn(ctx)
	if err != nil {
		return nil, queryError(ctx, nil, err)
	}
	if n := d.maxValue.Load(); n > 0 {
		// SQLITE_LIMIT_LENGTH (0): no string or blob this query makes may
		// be longer (zeroblob(1e9) fails at once instead of filling memory).
		if _, err := sqlite.Limit(conn, 0, int(n)); err != nil {
			conn.Close()
			return nil, err
		}
	}
	r := &Rows{ctx: ctx, conn: conn}
	var info []sqlite.ColumnInfo
	err = conn.Raw(func(dc any) error {
		r.g = d.guards.guardOf(dc)
		if r.g == nil {
			return errors.New("connection is not read-only")
		}
		r.g.denied = ""
		r.g.sql = text
		if ci, ok := dc.(interface {
			ColumnInfo(string) ([]sqlite.ColumnInfo, error)
		}); ok && !strings.Contains(strings.TrimRight(text, "; \t\r\n"), ";") {
			// Which table column each result column comes from: the
			// declared type alone cannot tell a date from other text.
			info, _ = ci.ColumnInfo(text)
		}
		return nil
	})
	if err == nil {
		_, err = sqlite.Limit(conn, sqlite3.SQLITE_LIMIT_ATTACHED, 0)
	}
	if err != nil {
		conn.Close()
		return nil, err
	}
	// A DATE column is declared TEXT: only a TEXT column of a table can
	// be one.
	dates := make([]bool, len(info))
	for i, c := range info {
		dates[i] = c.TableName != "" && strings.EqualFold(c.DeclType, "TEXT") && d.isDate(ctx, conn, c.TableName, c.OriginName)
	}
	r.rows, err = conn.QueryContext(ctx, text, args...)
	if err != nil {
		err = queryError(ctx, r.g, err)
		conn.Close()
		return nil, err
	}
	types, err := r.rows.ColumnTypes()
	if err != nil {
		r.Close()
		return nil, err
	}
	r.cols = make([]Column, len(types))
	for i, t := range types {
		r.cols[i] = Column{Name: t.Name(), Type: strings.ToUpper(t.DatabaseTypeName())}
		if len(dates) == len(types) && dates[i] {
			r.cols[i].Type = "DATE"
		}
	}
	r.vals = make([]any, len(types))
	r.ptrs = make([]any, len(types))
	for i := range r.vals {
		r.ptrs[i] = &r.vals[i]
	}
	return r, nil
}

// Columns describes the result's columns.
func (r *Rows) Columns() []Column { return r.cols }

// Next reads the next row, reporting false at the end or on an error.
func (r *Rows) Next() bool {
	if r.peeked {
		r.peeked = false
		return true
	}
	if r.err != nil || !r.rows.Next() {
		return false
	}
	if err := r.rows.Scan(r.ptrs...); err != nil {
		r.err = err
		return false
	}
	return true
}

// Values returns the current row: nil, int64, float64, string or []byte
// values, valid until the next call to Next.
func (r *Rows) Values() []any { return r.vals }

// Err returns the error that ended the rows, if any.
func (r *Rows) Err() error {
	if r.err != nil {
		return r.err
	}
	if err := r.rows.Err(); err != nil {
		return queryError(r.ctx, r.g, err)
	}
	return nil
}

// Close releases the rows and their connection.
func (r *Rows) Close() error {
	err := r.rows.Close()
	if cerr := r.conn.Close(); err == nil {
		err = cerr
	}
	return err
}

// Strings runs a read-only query and returns its first column as text.
func (d *DB) Strings(ctx context.Context, text string, args ...any) ([]string, error) {
	rows, err := d.Query(ctx, text, args...)
	if err != nil {
		return nil, err
	}
	return rows.strings()
}

// strings reads the first column of every row as text and closes rows.
func (rows *Rows) strings() ([]string, error) {
	defer rows.Close()
	var vals []string
	for rows.Next() {
		switch v := rows.Values()[0].(type) {
		case nil:
			vals = append(vals, "")
		case string:
			vals = append(vals, v)
		case []byte:
			vals = append(vals, string(v))
		default:
			vals = append(vals, fmt.Sprint(v))
		}
	}
	return vals, rows.Err()
}

// queryError turns a driver error into one line: the read-only refusal,
// the context's end, or SQLite's own message without its code.
func queryError(ctx context.Context, g *guard, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	if g != nil && g.denied != "" {
		return fmt.Errorf("%w: %s is not allowed", ErrReadOnly, g.denied)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		// The driver wraps SQLite's message in the result code's generic
		// text and number: keep the message only.
		text := strings.TrimSuffix(se.Error(), fmt.Sprintf(" (%d)", se.Code()))
		text = strings.TrimPrefix(text, "SQL logic error: ")
		if se.Code()&0xff == sqlite3.SQLITE_READONLY {
			return fmt.Errorf("%w: %s", ErrReadOnly, text)
		}
		return &SQLError{Msg: strings.Join(strings.Fields(text), " ")}
	}
	return err
}

// SQLError is a problem SQLite found in a query's SQL or met running it (a
// syntax error, an unknown table or column), as SQLite words it, on one
// line. Query and Rows.Err return it; cmd/incq points at the place in the
// SQL it names.
type SQLError struct {
	Msg string
}

func (e *SQLError) Error() string { return e.Msg }

// Counts returns the number of rows in each dataset table, in schema order.
func (d *DB) Counts(ctx context.Context) ([]dataset.Count, error) {
	tables, err := d.Tables(ctx)
	if err != nil {
		return nil, err
	}
	counts := make([]dataset.Count, len(tables))
	for i, t := range tables {
		counts[i].Table = t
		if err := d.pool.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM "%s"`, t)).Scan(&counts[i].Rows); err != nil {
			return nil, queryError(ctx, nil, err)
		}
	}
	return counts, nil
}

// Tables returns the dataset's tables in schema order.
func (d *DB) Tables(ctx context.Context) ([]string, error) {
	return dataset.Tables(ctx, d.pool)
}

// LimitValues bounds the length in bytes of any string or blob a query
// makes from now on (the web server's guard against a request that asks
// for a gigabyte); 0 leaves SQLite's own limit.
func (d *DB) LimitValues(n int) { d.maxValue.Store(int64(n)) }
