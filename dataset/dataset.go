// Package dataset owns incq's curated data: one CSV file per table, header
// row equal to the table's column names. It loads a dataset into a database
// whose schema is already applied, refusing any cell that does not fit, and
// writes a database back out in the same layout.
package dataset

import (
	"context"
	"database/sql"
	"embed"
	"io/fs"
)

//go:embed *.csv
var files embed.FS

// FS returns the embedded dataset.
func FS() fs.FS { return files }

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
	return queryAll(ctx, q, scanOne[string], `
		SELECT s.name FROM sqlite_schema AS s
		JOIN pragma_table_list AS t ON t.name = s.name AND t.schema = 'main'
		WHERE s.type = 'table' AND t.type = 'table'
		  AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND s.name NOT LIKE 'incq\_%' ESCAPE '\'
		ORDER BY s.rowid`)
}

// queryAll runs query with args on q and returns every row, each read by
// scan.
func queryAll[T any](ctx context.Context, q Querier, scan func(*sql.Rows, *T) error, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := scan(rows, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// scanOne reads a row of one column.
func scanOne[T any](rows *sql.Rows, v *T) error { return rows.Scan(v) }
