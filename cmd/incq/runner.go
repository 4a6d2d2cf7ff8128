package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq"
	"github.com/incq/incq/internal/value"
	"github.com/incq/incq/queries"
	"github.com/incq/incq/render"
)

// The path of every result: a command resolves what to show into results
// (SQL and its arguments, or rows built in Go), and emit runs them under
// the run's context, hands their rows to one render.Document and commits
// the output atomically. No command writes its result any other way.

// rowSource is a result being read: rows from the database, or rows a
// command built itself.
type rowSource interface {
	Columns() []render.Column
	Next() bool
	Values() []any
	Err() error
	Close() error
}

// result is one part of a command's output: a title (for sections) and
// how to open its rows.
type result struct {
	title string
	open  func(ctx context.Context) (rowSource, error)
	// record starts a new record of sections before this one.
	record bool
	// db is the database the rows come from, when they do: --format
	// geojson places rows by their place or incident through it.
	db *incq.DB
}

// sqlResult runs text with args on db.
func sqlResult(db *incq.DB, title, text string, args ...any) result {
	return result{title: title, open: func(ctx context.Context) (rowSource, error) {
		rows, err := db.Query(ctx, text, args...)
		if err != nil {
			return nil, err
		}
		return &dbRows{Rows: rows}, nil
	}, db: db}
}

// namedResult runs a named query with args on db, its columns typed as
// its column lines declare where SQLite cannot tell.
func namedResult(db *incq.DB, q queries.Query, args ...any) result {
	return result{open: func(ctx context.Context) (rowSource, error) {
		rows, err := db.Query(ctx, q.SQL, args...)
		if err != nil {
			return nil, err
		}
		have := map[string]bool{}
		for _, c := range rows.Columns() {
			have[c.Name] = true
		}
		for _, name := range slices.Sorted(maps.Keys(q.Columns)) {
			if !have[name] {
				rows.Close()
				return nil, fmt.Errorf("%s: a column line types %q, which the result does not have (names match exactly, case too)", q.File, name)
			}
		}
		return &dbRows{Rows: rows, declared: q.Columns, query: q.Name}, nil
	}, db: db}
}

// rowsResult shows rows already opened (a search).
func rowsResult(rows *incq.Rows) result {
	return result{open: func(context.Context) (rowSource, error) { return &dbRows{Rows: rows}, nil }}
}

// staticResult shows rows a command built in Go (listings).
func staticResult(cols []string, rows [][]any) result {
	return result{open: func(context.Context) (rowSource, error) {
		return &staticRows{cols: render.Columns(cols...), rows: rows, i: -1}, nil
	}}
}

// destination is where a command's results go and how they look: the
// format, the writers' options and the output (a file written
// atomically, or standard output), under the context that bounds them.
// A command takes it from its flags (destinationOf); the shell from its
// .mode, .output and .once, under each statement's own context.
type destination struct {
	ctx    context.Context
	format render.Format
	opts   render.Options
	toFile bool // not standard output: file formats may be written
	open   func() (*output, error)
}

// destinationOf is the destination the flags name: --format, --output
// and the rest, under the run's context.
func destinationOf(c *cli.Context) destination {
	o := c.String("output")
	return destination{
		ctx:    c.Context,
		format: formatOf(c),
		opts:   renderOptions(c),
		toFile: o != "" && o != "-",
		open:   func() (*output, error) { return openOutput(c) },
	}
}

// previewLines is the most lines a cell of long text takes in a result's
// table of three columns or more (render.Options.CellLines).
const previewLines = 2

// emit writes results to --output (or standard output) in --format. With
// sections set, each result is a titled section. It writes nothing to the
// output file unless every result is complete.
func emit(c *cli.Context, sections bool, results ...result) error {
	return emitTo(c, destinationOf(c), sections, results...)
}

// emitTo writes results to d: emit, for a destination of the caller's.
func emitTo(c *cli.Context, d destination, sections bool, results ...result) (err error) {
	if f := d.format; slices.Contains(render.FileFormats, f) && !d.toFile && isTerminal(c.App.Writer) {
		return &usageError{msg: fmt.Sprintf("--format %s is a file format, not for a terminal: add -o FILE", f), cmd: c.Command.Name}
	}
	out, err := d.open()
	if err != nil {
		return err
	}
	defer func() { err = out.done(err) }()
	opts := d.opts
	if !sections {
		// A result's table is an overview, a line or two a row; a
		// dossier's sections (show, queries NAME) are read whole.
		opts.CellLines = previewLines
	}
	rows, err := writeDocument(d.ctx, out, d.format, opts, sections, results)
	var de *documentError
	if errors.As(err, &de) {
		return &usageError{msg: de.msg, cmd: c.Command.Name}
	}
	if err != nil {
		return err
	}
	if rows == 0 && !sections {
		// An empty result is said, not shown as silence; the output keeps
		// the format's own empty form (a header, []) for programs.
		fmt.Fprintln(c.App.ErrWriter, "incq: no rows")
	}
	return nil
}

// writeDocument runs results under ctx and writes them to w as one
// document in format f: the road every result takes to its writer, the
// command line's (emit) and the web server's. It returns the rows
// written; a format that cannot hold the document is a *documentError.
func writeDocument(ctx context.Context, w io.Writer, f render.Format, opts render.Options, sections bool, results []result) (rows int64, err error) {
	if f == render.GeoJSON {
		if opts.Locator, err = locatorFor(ctx, results); err != nil {
			return 0, err
		}
	}
	doc, err := render.NewDocument(f, w, opts, sections)
	if err != nil {
		return 0, &documentError{msg: err.Error()}
	}
	for _, r := range results {
		if r.record {
			if err := doc.Record(); err != nil {
				return rows, err
			}
		}
		n, err := emitOne(ctx, doc, r)
		if err != nil {
			return rows, err
		}
		rows += n
	}
	return rows, doc.Close()
}

// documentError is a format that cannot hold a document (sections in
// CSV): the user's choice of format, not a failure.
type documentError struct{ msg string }

func (e *documentError) Error() string { return e.msg }

func emitOne(ctx context.Context, doc *render.Document, r result) (int64, error) {
	return emitRows(ctx, r, func() (render.Writer, error) { return doc.Section(r.title) })
}

// emitWith is emit for a command with a writer of its own (plot's
// charts): the same road, one result's rows handed to the writer that
// newWriter makes on the output, which is committed only when whole.
func emitWith(c *cli.Context, newWriter func(io.Writer) render.Writer, r result) (err error) {
	out, err := openOutput(c)
	if err != nil {
		return err
	}
	defer func() { err = out.done(err) }()
	_, err = emitRows(c.Context, r, func() (render.Writer, error) { return newWriter(out), nil })
	return err
}

// emitRows opens r's rows, then the writer, and pumps the rows into it.
func emitRows(ctx context.Context, r result, writer func() (render.Writer, error)) (int64, error) {
	src, err := r.open(ctx)
	if err != nil {
		return 0, err
	}
	defer src.Close()
	w, err := writer()
	if err != nil {
		return 0, err
	}
	return pump(ctx, w, src)
}

// pump hands every row of src to w, then flushes it.
func pump(ctx context.Context, w render.Writer, src rowSource) (int64, error) {
	if err := w.Header(src.Columns()); err != nil {
		return 0, err
	}
	var n int64
	for src.Next() {
		if err := w.Row(src.Values()); err != nil {
			return n, err
		}
		n++
	}
	if err := src.Err(); err != nil {
		return n, err
	}
	if ctx.Err() != nil {
		return n, context.Cause(ctx)
	}
	if err := w.Flush(); err != nil {
		return n, err
	}
	// A writer that does its work at Flush (a chart) is held to the run's
	// limits too: past them, its output is not committed.
	if ctx.Err() != nil {
		return n, context.Cause(ctx)
	}
	return n, nil
}

// dbRows adapts the database's rows to render's typed columns.
// dbRows are rows from the database; declared types the columns SQLite
// could not type (see queries.Query.Columns).
type dbRows struct {
	*incq.Rows
	declared map[string]queries.Type
	query    string // the named query whose column lines declared them
	checks   []check
	n        int64
	err      error
}

// check is a declared type to hold a column's values to.
type check struct {
	i    int
	name string
	typ  queries.Type
}

// Next moves to the next row, checking that it holds what the query's
// column lines declared: a declared type is a promise every format keeps,
// not Parquet's alone.
func (r *dbRows) Next() bool {
	if r.err != nil || !r.Rows.Next() {
		return false
	}
	r.n++
	if r.n == 1 && len(r.declared) > 0 {
		for i, c := range r.Rows.Columns() {
			if t, ok := r.declared[c.Name]; ok && t != queries.Text {
				r.checks = append(r.checks, check{i, c.Name, t})
			}
		}
	}
	vals := r.Rows.Values()
	for _, c := range r.checks {
		if v := vals[c.i]; v != nil && !holds(c.typ, v) {
			r.err = fmt.Errorf("query %q: column %q is declared %s, but row %d holds %s", r.query, c.name, c.typ, r.n, shown(v))
			return false
		}
	}
	return true
}

// holds reports whether a non-NULL value fits a declared type.
func holds(t queries.Type, v any) bool {
	switch t {
	case queries.Integer:
		_, ok := v.(int64)
		return ok
	case queries.Real:
		switch v.(type) {
		case int64, float64:
			return true
		}
		return false
	case queries.Date:
		s, ok := v.(string)
		return ok && value.IsDate(s)
	}
	return true
}

func (r *dbRows) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.Rows.Err()
}

func (r *dbRows) Columns() []render.Column {
	cols := r.Rows.Columns()
	out := make([]render.Column, len(cols))
	for i, c := range cols {
		t := render.TypeOf(c.Type)
		if d, ok := declaredTypes[r.declared[c.Name]]; ok && (t == render.TypeAny || t == render.TypeText && d == render.TypeDate) {
			t = d
		}
		out[i] = render.Column{Name: c.Name, Type: t}
	}
	return out
}

// declaredTypes are the render types of a query's column lines.
var declaredTypes = map[queries.Type]render.Type{
	queries.Text: render.TypeText, queries.Integer: render.TypeInteger,
	queries.Real: render.TypeReal, queries.Date: render.TypeDate,
}

type staticRows struct {
	cols []render.Column
	rows [][]any
	i    int
}

func (s *staticRows) Columns() []render.Column { return s.cols }
func (s *staticRows) Next() bool               { s.i++; return s.i < len(s.rows) }
func (s *staticRows) Values() []any            { return s.rows[s.i] }
func (s *staticRows) Err() error               { return nil }
func (s *staticRows) Close() error             { return nil }

// shown writes a value for a message: text quoted, numbers as they are.
func shown(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return render.Text(v)
}
