package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/incq/incq/internal/duckdb"
	"github.com/parquet-go/parquet-go"
)

// parquetSample has a column of each declared type and three expression
// columns whose types the writer infers.
var parquetSample = result{
	cols: []Column{
		{"id", TypeInteger}, {"share", TypeReal}, {"date", TypeDate}, {"note", TypeText},
		{"raw", TypeBlob}, {"count", TypeAny}, {"ratio", TypeAny}, {"label", TypeAny},
	},
	rows: [][]any{
		{int64(1), 0.25, "2020-07-12", "=SUM(A1)", []byte{0, 0xff}, int64(3), int64(1), "a"},
		{int64(-2), int64(7), "1970-01-01", "Tovuz, \"north\"", []byte("x"), int64(-4), 0.5, int64(2)},
		{nil, nil, nil, nil, nil, nil, nil, nil},
		{int64(9007199254740993), 1.5, "1969-12-31", "", []byte{}, true, nil, 1.5},
	},
}

func writeParquet(tb testing.TB, cols []Column, rows [][]any) ([]byte, error) {
	tb.Helper()
	var buf bytes.Buffer
	w, err := New(Parquet, &buf, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	err = writeAll(tb, w, cols, rows)
	return buf.Bytes(), err
}

// readParquet reads a file back with parquet-go: its schema, its number
// of row groups, and its rows as Go values (nil for null).
func readParquet(tb testing.TB, b []byte) (schema string, groups int, rows [][]any) {
	tb.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatal(err)
	}
	r := parquet.NewReader(f)
	defer r.Close()
	buf := make([]parquet.Row, 16)
	for {
		n, err := r.ReadRows(buf)
		for _, pr := range buf[:n] {
			row := make([]any, len(pr))
			for _, v := range pr {
				var g any
				switch v.Kind() {
				case parquet.Int32:
					g = v.Int32()
				case parquet.Int64:
					g = v.Int64()
				case parquet.Double:
					g = v.Double()
				case parquet.ByteArray:
					g = string(v.ByteArray())
				}
				if v.IsNull() {
					g = nil
				}
				row[v.Column()] = g
			}
			rows = append(rows, row)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	return f.Schema().String(), len(f.RowGroups()), rows
}

func TestParquet(t *testing.T) {
	b, err := writeParquet(t, parquetSample.cols, parquetSample.rows)
	if err != nil {
		t.Fatal(err)
	}
	schema, _, rows := readParquet(t, b)
	wantSchema := `message result {
	optional int64 id (INT(64,true));
	optional double share;
	optional int32 date (DATE);
	optional binary note (STRING);
	optional binary raw;
	optional int64 count (INT(64,true));
	optional double ratio;
	optional binary label (STRING);
}`
	if schema != wantSchema {
		t.Errorf("schema: got\n%s\nwant\n%s", schema, wantSchema)
	}
	want := [][]any{
		{int64(1), 0.25, int32(18455), "=SUM(A1)", "\x00\xff", int64(3), 1.0, "a"},
		{int64(-2), 7.0, int32(0), "Tovuz, \"north\"", "x", int64(-4), 0.5, "2"},
		{nil, nil, nil, nil, nil, nil, nil, nil},
		{int64(9007199254740993), 1.5, int32(-1), "", "", int64(1), nil, "1.5"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows: got\n%#v\nwant\n%#v", rows, want)
	}
}

// TestParquetBatches writes more rows than one batch, than the rows held
// back for inference and than one row group.
func TestParquetBatches(t *testing.T) {
	const n = 5000
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{int64(i), fmt.Sprintf("r%d", i)}
	}
	var buf bytes.Buffer
	w := NewParquet(&buf)
	w.(*parquetWriter).rowGroupRows = 2000
	if err := writeAll(t, w, Columns("n", "s"), rows); err != nil {
		t.Fatal(err)
	}
	schema, groups, got := readParquet(t, buf.Bytes())
	if want := "message result {\n\toptional int64 n (INT(64,true));\n\toptional binary s (STRING);\n}"; schema != want {
		t.Errorf("schema: got\n%s\nwant\n%s", schema, want)
	}
	if groups != 3 {
		t.Errorf("got %d row groups, want 3", groups)
	}
	if len(got) != n {
		t.Fatalf("got %d rows, want %d", len(got), n)
	}
	for i, r := range got {
		if want := []any{int64(i), fmt.Sprintf("r%d", i)}; !reflect.DeepEqual(r, want) {
			t.Fatalf("row %d: got %v, want %v", i, r, want)
		}
	}
}

func TestParquetEmpty(t *testing.T) {
	b, err := writeParquet(t, []Column{{"id", TypeInteger}, {"n", TypeAny}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	schema, _, rows := readParquet(t, b)
	if want := "message result {\n\toptional int64 id (INT(64,true));\n\toptional binary n (STRING);\n}"; schema != want {
		t.Errorf("schema: got\n%s\nwant\n%s", schema, want)
	}
	if len(rows) != 0 {
		t.Errorf("got %d rows, want none", len(rows))
	}
}

func TestParquetErrors(t *testing.T) {
	// An expression column that is whole numbers for the rows held back,
	// then a real.
	inferred := make([][]any, ParquetInferRows+1)
	for i := range inferred {
		inferred[i] = []any{int64(i)}
	}
	inferred[ParquetInferRows] = []any{2.5}

	tests := []struct {
		name string
		cols []Column
		rows [][]any
		want string
	}{
		{"text in an integer column", []Column{{"killed", TypeInteger}}, [][]any{{int64(1)}, {"two"}},
			`parquet: row 2, column "killed": "two" (text) does not fit the INT64 column`},
		{"real in an integer column", []Column{{"killed", TypeInteger}}, [][]any{{1.5}},
			`parquet: row 1, column "killed": 1.5 (real) does not fit the INT64 column`},
		{"a date that is not one", []Column{{"date", TypeDate}}, [][]any{{"2020-07-12"}, {"2020-13-01"}},
			`parquet: row 2, column "date": "2020-13-01" (text) does not fit the DATE column`},
		{"bytes that are not UTF-8 in a text column", []Column{{"note", TypeText}}, [][]any{{[]byte{0xff}}},
			`parquet: row 1, column "note": a blob of 1 bytes does not fit the STRING column`},
		{"a real after whole numbers in an expression", Columns("n"), inferred,
			`parquet: row 1001, column "n": 2.5 (real) does not fit the INT64 column, a type inferred from the first 1000 rows; CAST the expression in the query`},
		{"duplicate names", Columns("id", "id"), nil,
			`parquet: column name "id" appears twice; give one another name with AS`},
		{"no columns", nil, nil, `parquet: the result has no columns`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := writeParquet(t, tt.cols, tt.rows)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// TestParquetDuckDB reads the sample with DuckDB, a reader independent of
// parquet-go. It needs Node.js and @duckdb/node-api installed in the
// repository's .duckdb directory (npm install --prefix .duckdb
// @duckdb/node-api), or in the directory INCQ_DUCKDB names.
func TestParquetDuckDB(t *testing.T) {
	b, err := writeParquet(t, parquetSample.cols, parquetSample.rows)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "sample.parquet")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := duckdb.Read(t, "..", file)
	want := strings.Join([]string{
		"id BIGINT",
		"share DOUBLE",
		"date DATE",
		"note VARCHAR",
		"raw BLOB",
		"count BIGINT",
		"ratio DOUBLE",
		"label VARCHAR",
		`["1",0.25,"2020-07-12","=SUM(A1)","\\x00\\xFF","3",1,"a"]`,
		`["-2",7,"1970-01-01","Tovuz, \"north\"","x","-4",0.5,"2"]`,
		`[null,null,null,null,null,null,null,null]`,
		`["9007199254740993",1.5,"1969-12-31","","","1",null,"1.5"]`,
	}, "\n") + "\n"
	if got := string(out); got != want {
		t.Errorf("duckdb read:\n%s\nwant\n%s", got, want)
	}
}
