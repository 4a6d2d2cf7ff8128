package dataset

import (
	"context"
	"database/sql"
	"strings"

	"github.com/incq/incq/schema"
)

type column struct {
	name    string
	typ     string // declared type, upper case; DATE for a date column
	notNull bool
	pk      int  // position in the primary key, 0 when not part of it
	count   bool // an INTEGER column named count: a number of people, 0 to value.MaxCount
	// dflt is the column's DEFAULT, a SQL literal, when it has one.
	dflt sql.NullString
}

// optional reports whether a file may leave the column out: it may be
// empty, or has a default. Folders written before the column was added
// load unchanged.
func (c column) optional() bool { return !c.notNull || c.dflt.Valid }

// missing is the value of an optional column a file leaves out.
func (c column) missing() any {
	if !c.dflt.Valid {
		return nil
	}
	return strings.Trim(c.dflt.String, "'")
}

func dateColumns(ctx context.Context, q Querier, table string) (map[string]bool, error) {
	var ddl string
	if err := q.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&ddl); err != nil {
		return nil, err
	}
	return schema.DateColumns(ddl), nil
}

// RecordTypes keeps in the database what its DDL alone cannot tell a
// reader cheaply: which TEXT columns hold dates (table incq_columns).
// DateColumns reads it back.
func RecordTypes(ctx context.Context, q Querier) error {
	tables, err := Tables(ctx, q)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `CREATE TABLE incq_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, type TEXT NOT NULL, PRIMARY KEY (table_name, column_name))`); err != nil {
		return err
	}
	for _, t := range tables {
		cols, err := columns(ctx, q, t)
		if err != nil {
			return err
		}
		for _, c := range cols {
			if c.typ == "DATE" {
				if _, err := q.ExecContext(ctx, `INSERT INTO incq_columns VALUES (?, ?, 'DATE')`, t, c.name); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// DateColumns returns "table.column" for every date column, as
// RecordTypes recorded them.
func DateColumns(ctx context.Context, q Querier) ([]string, error) {
	return queryAll(ctx, q, scanOne[string], `SELECT table_name || '.' || column_name FROM incq_columns WHERE type = 'DATE'`)
}

func columns(ctx context.Context, q Querier, table string) ([]column, error) {
	cols, err := queryAll(ctx, q, func(rows *sql.Rows, c *column) error {
		return rows.Scan(&c.name, &c.typ, &c.notNull, &c.pk, &c.dflt)
	}, `SELECT name, upper(type), "notnull", pk, dflt_value FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid`, table)
	if err != nil {
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
		cols[i].count = cols[i].name == "count" && cols[i].typ == "INTEGER"

	}
	return cols, nil
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
