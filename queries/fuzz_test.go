package queries

import (
	"strings"
	"testing"
)

// FuzzParse: any file either parses into a query consistent with its
// header, or is refused with a file:line:column error; never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte("-- name: x\n-- description: d\n-- param: since date 2020-01-01 h\nSELECT :since"))
	f.Add([]byte("-- name: x\n-- description: d\n--   more\n-- param: a text required h\n-- param: b integer null h\nSELECT :a, ':b', \"c\" -- :d\n, :b"))
	f.Add([]byte("-- name: x\n-- parm: y\n"))
	f.Add([]byte("-- name: x\n-- description: d\nSELECT '"))
	f.Add([]byte("-- name: x\n-- description: d\nSELECT 1 /* :y"))
	f.Add([]byte("\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := Parse("q/x.sql", data)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("got %T, want *ParseError", err)
			}
			if !strings.HasPrefix(err.Error(), "q/x.sql:") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("bad message %q", err)
			}
			return
		}
		if q.Name != "x" || q.Description == "" || q.SQL == "" {
			t.Fatalf("parsed %+v", q)
		}
		used := Placeholders(q.SQL)
		for _, p := range q.Params {
			if !used[p.Name] {
				t.Fatalf("param %s unused but accepted", p.Name)
			}
		}
	})
}

// FuzzBind: any value for any parameter type is either bound to a value
// of that type or refused with a message naming the query and parameter.
func FuzzBind(f *testing.F) {
	for _, seed := range []struct{ typ, value string }{
		{"date", "2022-09-21"}, {"date", "2022-02-30"}, {"date", " 2022-09-21"}, {"date", "20220921"},
		{"integer", "42"}, {"integer", "-0"}, {"integer", "1e3"}, {"integer", "99999999999999999999"},
		{"real", "1.5"}, {"real", "NaN"}, {"real", "Inf"}, {"real", "0x1p-2"},
		{"text", "Kelbajar"}, {"text", "\xff"}, {"text", ""},
	} {
		f.Add(seed.typ, seed.value)
	}
	f.Fuzz(func(t *testing.T, typ, value string) {
		p := Param{Name: "p", Type: Type(typ), Null: true, Help: "h"}
		if !contains(types, typ) {
			t.Skip()
		}
		q := Query{Name: "q", Params: []Param{p}}
		args, err := q.Bind(map[string]string{"p": value})
		if err != nil {
			if !strings.HasPrefix(err.Error(), `query "q": parameter "p": `) {
				t.Fatalf("bad message %q", err)
			}
			return
		}
		switch v := args[0].Value.(type) {
		case int64:
			if p.Type != Integer {
				t.Fatalf("%s bound as int64", typ)
			}
		case float64:
			if p.Type != Real || v != v {
				t.Fatalf("%s bound as float64 %v", typ, v)
			}
		case string:
			if p.Type == Date && len(v) != 10 {
				t.Fatalf("date bound as %q", v)
			}
			if p.Type != Date && p.Type != Text {
				t.Fatalf("%s bound as string", typ)
			}
		default:
			t.Fatalf("bound %T", v)
		}
	})
}
