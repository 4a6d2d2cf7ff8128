package schema_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"testing/fstest"

	_ "modernc.org/sqlite"

	"github.com/incq/incq/schema"
)

// applied returns an in-memory database with the schema applied, closed
// when the test ends.
func applied(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	if err := schema.Apply(context.Background(), db, schema.FS()); err != nil {
		tb.Fatal(err)
	}
	return db
}

// Every table and column the DDL creates has a description, and the parsed
// descriptions name exactly the columns SQLite sees.
func TestDescribeCoversSchema(t *testing.T) {
	db := applied(t)
	tables, err := schema.Describe(schema.FS())
	if err != nil {
		t.Fatal(err)
	}
	described := map[string]schema.Table{}
	for _, tb := range tables {
		described[tb.Name] = tb
	}
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	if len(names) != len(tables) {
		t.Errorf("SQLite has %d tables, descriptions cover %d", len(names), len(tables))
	}
	for _, name := range names {
		tb, ok := described[name]
		if !ok {
			t.Errorf("table %s has no description", name)
			continue
		}
		cols, err := db.Query(`SELECT name, type, "notnull" FROM pragma_table_info(?) ORDER BY cid`, name)
		if err != nil {
			t.Fatal(err)
		}
		i := 0
		for cols.Next() {
			var col, typ string
			var notNull bool
			cols.Scan(&col, &typ, &notNull)
			if i >= len(tb.Columns) {
				t.Errorf("%s.%s: no description", name, col)
				continue
			}
			d := tb.Columns[i]
			if d.Name != col || d.Required != notNull || (d.Type != typ && !(d.Type == "DATE" && typ == "TEXT")) {
				t.Errorf("%s column %d: described as %s %s required=%v, SQLite has %s %s required=%v", name, i, d.Name, d.Type, d.Required, col, typ, notNull)
			}
			if d.Description == "" {
				t.Errorf("%s.%s: empty description", name, col)
			}
			i++
		}
		cols.Close()
	}
}

func TestDescribeErrors(t *testing.T) {
	tests := []struct{ name, ddl, want string }{
		{"table without comment", "CREATE TABLE t (\n  a TEXT -- a\n);\n", `x.sql:1: table "t" has no description comment`},
		{"column without comment", "-- T.\nCREATE TABLE t (\n  a TEXT,\n  b TEXT -- b\n);\n", `x.sql:3: column "a" has no description comment`},
		{"unclosed table", "-- T.\nCREATE TABLE t (\n  a TEXT -- a\n", `x.sql: table "t" is not closed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := schema.Describe(fstest.MapFS{"x.sql": {Data: []byte(tt.ddl)}})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
}

// Every view the DDL creates has a description, and no other.
func TestDescribeViewsCoversSchema(t *testing.T) {
	db := applied(t)
	views, err := schema.DescribeViews(schema.FS())
	if err != nil {
		t.Fatal(err)
	}
	var described []string
	for _, v := range views {
		if v.Description == "" {
			t.Errorf("view %s has no description", v.Name)
		}
		described = append(described, v.Name)
	}
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	if strings.Join(names, " ") != strings.Join(described, " ") {
		t.Errorf("got views %v described, SQLite has %v", described, names)
	}
	_, err = schema.DescribeViews(fstest.MapFS{"x.sql": {Data: []byte("\nCREATE VIEW v AS SELECT 1;\n")}})
	if want := `x.sql:2: view "v" has no description comment`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
