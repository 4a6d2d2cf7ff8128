package dataset

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

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
