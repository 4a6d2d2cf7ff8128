// Package incqtest holds the helpers that tests of several packages share to
// load a dataset and read query results: a test states its query and the
// rows it wants, not how to open, scan and convert.
package incqtest

import (
	"context"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/incq/incq"
	"github.com/incq/incq/dataset"
	"github.com/incq/incq/render"
)

// Dataset returns a copy of the embedded dataset (dataset.FS) that a test
// may change: each file is its own, and so is each file's data.
func Dataset(tb testing.TB) fstest.MapFS {
	tb.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(dataset.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(dataset.FS(), path)
		m[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// Open loads the dataset in fsys (the embedded one when nil) into memory
// with every check on; the database closes when the test ends.
func Open(tb testing.TB, fsys fs.FS) *incq.DB {
	tb.Helper()
	opts := incq.Options{}
	if fsys != nil {
		opts = incq.Options{Dataset: fsys, DatasetName: "d"}
	}
	db, err := incq.Open(context.Background(), opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Rows runs text with args on db and returns its rows as text, NULL as ""
// (render.Text).
func Rows(tb testing.TB, db *incq.DB, text string, args ...any) [][]string {
	tb.Helper()
	rows, err := db.Query(context.Background(), text, args...)
	if err != nil {
		tb.Fatalf("%s: %v", text, err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		row := make([]string, len(rows.Values()))
		for i, v := range rows.Values() {
			row[i] = render.Text(v)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		tb.Fatalf("%s: %v", text, err)
	}
	return out
}

// Counts loads the dataset in fsys and returns each table's row count.
func Counts(tb testing.TB, fsys fs.FS) map[string]int64 {
	tb.Helper()
	counts, err := Open(tb, fsys).Counts(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	m := map[string]int64{}
	for _, c := range counts {
		m[c.Table] = c.Rows
	}
	return m
}
