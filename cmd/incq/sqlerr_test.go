package main

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/incq/incq"
)

func TestPlaceSQLError(t *testing.T) {
	names := func(columns bool) []string {
		if columns {
			return []string{"date", "summary"}
		}
		return []string{"incidents", "claims"}
	}
	tests := []struct {
		name, sql, sqliteMsg string
		offset               int
		want, context        string
	}{
		{"column", "SELECT date, dat FROM incidents", "no such column: dat", 0,
			`sql:1:14: no such column: dat; did you mean "date"?`, "  SELECT date, dat FROM incidents\n               ^"},
		{"quoted column", "select [dat] from incidents", "no such column: dat", 0,
			`sql:1:8: no such column: dat; did you mean "date"?`, "  select [dat] from incidents\n         ^"},
		{"not inside a string or comment", "select 'dat' -- dat\n, dat from incidents", "no such column: dat", 0,
			`sql:2:3: no such column: dat; did you mean "date"?`, "  , dat from incidents\n    ^"},
		{"qualified", "select i.date, i.dat from incidents i", "no such column: i.dat", 0,
			`sql:1:16: no such column: i.dat; did you mean "date"?`, "  select i.date, i.dat from incidents i\n                 ^"},
		{"table after the header", "select *\n\tfrom incidens", "no such table: incidens", 5,
			`sql:7:7: no such table: incidens; did you mean "incidents"?`, "  \tfrom incidens\n  \t     ^"},
		{"syntax", "select 1 frm x", `near "x": syntax error`, 0,
			`sql:1:14: near "x": syntax error`, "  select 1 frm x\n               ^"},
		{"wide characters", "select 'ü日本', nope", "no such column: nope", 0,
			"sql:1:15: no such column: nope", "  select 'ü日本', nope\n                  ^"},
		{"incomplete", "select 1 +", "incomplete input", 0,
			"sql:1:11: incomplete input", "  select 1 +\n            ^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := placeSQLError(&incq.SQLError{Msg: tt.sqliteMsg}, sqlSource{name: "sql", text: tt.sql, lineOffset: tt.offset}, names)
			var pe *sqlPlaceError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a placed error", err)
			}
			if pe.msg != tt.want || pe.context != tt.context {
				t.Errorf("got\n%s\n%s\nwant\n%s\n%s", pe.msg, pe.context, tt.want, tt.context)
			}
		})
	}
	other := errors.New("disk full")
	if got := placeSQLError(other, sqlSource{name: "sql", text: "select 1"}, names); got != other {
		t.Errorf("got %v, want the error unchanged", got)
	}
}

// Placing an error never panics, whatever the SQL and message.
func FuzzPlaceSQLError(f *testing.F) {
	f.Add("select 1 frm x", `near "x": syntax error`)
	f.Add("select 'unterminated", `unrecognized token: "'unterminated"`)
	f.Add("select [a", "no such column: a")
	f.Add("/* open comment", "incomplete input")
	f.Add("select a.b.c from t", "no such column: a.b.c")
	f.Add("", "no such table: ")
	f.Fuzz(func(t *testing.T, sql, msg string) {
		_ = placeSQLError(&incq.SQLError{Msg: msg}, sqlSource{name: "sql", text: sql}, nil)
	})
}

// Completion never panics, whatever the words.
func FuzzComplete(f *testing.F) {
	f.Add("query\x00casualties-by-side\x00-p\x00")
	f.Add("--format=\x00-\x00--\x00-p=")
	f.Fuzz(func(t *testing.T, line string) {
		app := newApp(testSettings(t), nil, io.Discard, io.Discard)
		app.Setup()
		complete(app, strings.Split(line, "\x00"))
	})
}
