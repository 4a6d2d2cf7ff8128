package dataset

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/incq/incq/internal/atomicfile"
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

// WriteDir writes every table of the dataset on q to dir as <table>.csv,
// in the layout Load reads, each file complete or not at all. Unless force
// is set it refuses, before writing anything, when any of the files
// exists. It returns the number of files written.
func WriteDir(ctx context.Context, q Querier, dir string, force bool) (int, error) {
	tables, err := Tables(ctx, q)
	if err != nil {
		return 0, err
	}
	pending := make([]*atomicfile.File, 0, len(tables))
	defer func() {
		for _, f := range pending {
			f.Abort()
		}
	}()
	for _, t := range tables {
		f, err := atomicfile.Create(filepath.Join(dir, t+".csv"), force)
		if err != nil {
			return 0, err
		}
		pending = append(pending, f)
	}
	for i, t := range tables {
		if err := Write(ctx, q, t, pending[i]); err != nil {
			if ctx.Err() != nil {
				return 0, context.Cause(ctx) // the run was stopped: say why
			}
			return 0, fmt.Errorf("write %s: %w", t, err)
		}
	}
	if ctx.Err() != nil {
		return 0, context.Cause(ctx) // stopped as the last file ended: none committed
	}
	for i, f := range pending {
		if err := f.Commit(); err != nil {
			return i, err
		}
	}
	n := len(pending)
	pending = nil
	return n, nil
}
