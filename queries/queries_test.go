package queries

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	src := "-- name: sample\n" +
		"-- description: First line.\n" +
		"--   Second line.\n" +
		"-- param: since date 2020-01-01 First day.\n" +
		"-- param: place text required A place name.\n" +
		"-- param: within integer null Days after.\n" +
		"-- an ordinary comment\n" +
		"SELECT :since, :place, :within, ':not_a_param' -- :nor_this\n"
	got, err := Parse("queries/sample.sql", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := Query{
		Name:        "sample",
		Description: "First line. Second line.",
		Params: []Param{
			{Name: "since", Type: Date, Default: "2020-01-01", Help: "First day."},
			{Name: "place", Type: Text, Required: true, Help: "A place name."},
			{Name: "within", Type: Integer, Null: true, Help: "Days after."},
		},
		SQL:  "SELECT :since, :place, :within, ':not_a_param' -- :nor_this",
		File: "queries/sample.sql",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"no name", "-- description: d\nSELECT 1", "q/x.sql:1:1: missing \"-- name: ...\" header line"},
		{"name differs from file", "-- name: y\n-- description: d\nSELECT 1", "q/x.sql:1:1: query name \"y\" does not match the file name \"x\""},
		{"bad name", "-- name: X_1\n", "q/x.sql:1:4: query name \"X_1\" must be lower-case words joined by hyphens"},
		{"no description", "-- name: x\nSELECT 1", "q/x.sql:1:1: missing \"-- description: ...\" header line"},
		{"unknown key", "-- name: x\n-- descripton: d\n", "q/x.sql:2:4: unknown header key \"descripton\" (want name, description, param, column or note); did you mean \"description\"?"},
		{"short param", "-- name: x\n-- description: d\n-- param: since date\n", "q/x.sql:3:4: param: want \"NAME TYPE DEFAULT HELP\", got \"since date\""},
		{"unknown type", "-- name: x\n-- description: d\n-- param: since dte 2020-01-01 h\n", "q/x.sql:3:4: param: unknown type \"dte\" (want text, integer, real, date, place, count); did you mean \"date\"?"},
		{"bad default", "-- name: x\n-- description: d\n-- param: since date 2020-1-1 h\n", "q/x.sql:3:4: param: default of \"since\": \"2020-1-1\" is not a date (want YYYY-MM-DD)"},
		{"bad param name", "-- name: x\n-- description: d\n-- param: Since date null h\n", "q/x.sql:3:4: param: name \"Since\" must be lower-case letters, digits and underscores"},
		{"param twice", "-- name: x\n-- description: d\n-- param: a text null h\n-- param: a text null h\nSELECT :a", "q/x.sql:4:4: param \"a\" declared twice"},
		{"param unused", "-- name: x\n-- description: d\n-- param: a text null h\nSELECT 1", "q/x.sql:3:4: param \"a\" is declared but the SQL never uses :a"},
		{"placeholder undeclared", "-- name: x\n-- description: d\nSELECT :b", "q/x.sql:3:8: the SQL uses :b but no param line declares it"},
		{"column without type", "-- name: x\n-- description: d\n-- column: n\nSELECT 1 AS n", "q/x.sql:3:4: column: want the column names, then their type, e.g. killed wounded integer"},
		{"column bad type", "-- name: x\n-- description: d\n-- column: n count\nSELECT 1 AS n", "q/x.sql:3:4: column: unknown type \"count\" (want text, integer, real or date)"},
		{"positional", "-- name: x\n-- description: d\nSELECT 1 WHERE ? > 0", "q/x.sql:3:16: ?: a query file's parameters have names: write :name and declare it in a param line"},
		{"placeholder undeclared, later line", "-- name: x\n-- description: d\n-- param: a text null h\n\nSELECT :a,\n  ':c', -- :d\n  ňa, :b", "q/x.sql:7:7: the SQL uses :b but no param line declares it"},
		{"no SQL", "-- name: x\n-- description: d\n", "q/x.sql:2:1: no SQL after the header"},
		{"bad UTF-8", "-- name: x\xff\n", "q/x.sql:1:1: file is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("q/x.sql", []byte(tt.src))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestBind(t *testing.T) {
	q := Query{Name: "q", Params: []Param{
		{Name: "since", Type: Date, Default: "2020-01-01", Help: "h"},
		{Name: "place", Type: Text, Required: true, Help: "a place"},
		{Name: "within", Type: Integer, Null: true, Help: "h"},
		{Name: "ratio", Type: Real, Default: "0.5", Help: "h"},
	}}
	tests := []struct {
		name    string
		values  map[string]string
		want    []any
		wantErr string
	}{
		{"defaults", map[string]string{"place": "Sotk"}, []any{"2020-01-01", "Sotk", nil, 0.5}, ""},
		{"all given", map[string]string{"place": "x", "since": "2022-09-21", "within": "30", "ratio": "2"}, []any{"2022-09-21", "x", int64(30), 2.0}, ""},
		{"missing required", map[string]string{}, nil, `query "q": missing required parameter "place" (a place); give it with --param place=VALUE`},
		{"unknown", map[string]string{"place": "x", "plce": "y"}, nil, `query "q": unknown parameter "plce" (it takes since, place, within, ratio); did you mean "place"?`},
		{"trimmed", map[string]string{"place": " Sotk\t", "since": " 2022-09-21 ", "within": " 30", "ratio": "2 "}, []any{"2022-09-21", "Sotk", int64(30), 2.0}, ""},
		{"bad date", map[string]string{"place": "x", "since": "2022-02-30"}, nil, `query "q": parameter "since": "2022-02-30" is not a calendar date`},
		{"bad month", map[string]string{"place": "x", "since": "2022-13-01"}, nil, `query "q": parameter "since": "2022-13-01" is not a calendar date`},
		{"short date", map[string]string{"place": "x", "since": "2022-2-3"}, nil, `query "q": parameter "since": "2022-2-3" is not a date (want YYYY-MM-DD)`},
		{"bad integer", map[string]string{"place": "x", "within": "ten"}, nil, `query "q": parameter "within": "ten" is not an integer`},
		{"fraction for integer", map[string]string{"place": "x", "within": "1.5"}, nil, `query "q": parameter "within": "1.5" is not an integer`},
		{"bad real", map[string]string{"place": "x", "ratio": "NaN"}, nil, `query "q": parameter "ratio": "NaN" is not a number`},
		{"hex real", map[string]string{"place": "x", "ratio": "0x1p-2"}, nil, `query "q": parameter "ratio": "0x1p-2" is not a number (write decimal digits, e.g. 0.25)`},
		{"real overflow", map[string]string{"place": "x", "ratio": "1e999"}, nil, `query "q": parameter "ratio": "1e999" is too large to store (the limit is about 1.8e308)`},
		{"integer with underscores", map[string]string{"place": "x", "within": "1_000"}, nil, `query "q": parameter "within": "1_000" is not an integer (write decimal digits, e.g. 1000)`},
		{"integer overflow", map[string]string{"place": "x", "within": "99999999999999999999"}, nil, `query "q": parameter "within": "99999999999999999999" is too large for an integer (the greatest is 9223372036854775807)`},
		{"quoted trimmed", map[string]string{"place": "x", "within": " ten "}, nil, `query "q": parameter "within": "ten" is not an integer`},
		{"text with NUL", map[string]string{"place": "a\x00b"}, nil, `query "q": parameter "place": value contains a NUL byte`},
		{"text not UTF-8", map[string]string{"place": "\xff"}, nil, `query "q": parameter "place": value is not valid UTF-8`},
		{"empty integer", map[string]string{"place": "x", "within": ""}, nil, `query "q": parameter "within": "" is not an integer`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args, err := q.Bind(tt.values)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got error %v\nwant %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []any
			for _, a := range args {
				got = append(got, a.Value)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}
