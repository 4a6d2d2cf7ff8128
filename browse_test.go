package incq_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/incq/incq"
	"github.com/incq/incq/incqtest"
)

// Paging by keyset, page after page, yields every row once, in the order
// one query with ORDER BY gives: ascending and descending, on a column
// with NULLs and repeated values, and in the table's own order.
func TestBrowsePages(t *testing.T) {
	db := incqtest.Open(t, nil)
	ctx := context.Background()
	for _, tc := range []struct {
		sort  string
		desc  bool
		order string
	}{
		{"", false, "rowid"},
		{"", true, "rowid DESC"},
		{"quote", false, "quote, rowid"},
		{"quote", true, "quote DESC, rowid DESC"},
		{"paragraph", false, "paragraph, rowid"},
		{"paragraph", true, "paragraph DESC, rowid DESC"},
		{"kind", false, "kind, rowid"},
	} {
		t.Run(fmt.Sprintf("%s desc=%v", tc.sort, tc.desc), func(t *testing.T) {
			var want []string
			for _, r := range incqtest.Rows(t, db, "SELECT claim_id FROM claims WHERE source_id <> 'S002' ORDER BY "+tc.order) {
				want = append(want, r[0])
			}
			b := incq.Browse{Table: "claims", Sort: tc.sort, Desc: tc.desc, Limit: 7,
				Filters: []incq.Filter{{Column: "source_id", Op: "not", Value: "S002"}}}
			var got []string
			for pages := 0; ; pages++ {
				if pages > 20 {
					t.Fatal("paging does not end")
				}
				p, err := db.Browse(ctx, b)
				if err != nil {
					t.Fatal(err)
				}
				for p.Next() {
					got = append(got, p.Values()[0].(string))
				}
				if err := p.Err(); err != nil {
					t.Fatal(err)
				}
				p.Close()
				if b.After = p.NextPage(); b.After == "" {
					break
				}
			}
			if g, w := strings.Join(got, " "), strings.Join(want, " "); g != w {
				t.Errorf("got  %s\nwant %s", g, w)
			}
			n, err := db.Count(ctx, b)
			if err != nil || n != int64(len(want)) {
				t.Errorf("Count = %d, %v; want %d", n, err, len(want))
			}
		})
	}
}

func TestBrowseFilters(t *testing.T) {
	db := incqtest.Open(t, nil)
	ctx := context.Background()
	for _, tc := range []struct {
		filters []incq.Filter
		where   string
		args    []any
	}{
		{[]incq.Filter{{Column: "date", Op: "gte", Value: "2022-09-01"}}, "date >= ?", []any{"2022-09-01"}},
		{[]incq.Filter{{Column: "date", Op: "lt", Value: "2022-09-01"}, {Column: "kind", Value: "capture"}}, "date < ? AND kind = ?", []any{"2022-09-01", "capture"}},
		{[]incq.Filter{{Column: "summary", Op: "contains", Value: "sotk"}}, "summary LIKE '%sotk%'", nil},
		{[]incq.Filter{{Column: "summary", Op: "contains", Value: "100%"}}, "0", nil},
		{[]incq.Filter{{Column: "time_of_day", Op: "isnull"}}, "time_of_day IS NULL", nil},
	} {
		t.Run(tc.where, func(t *testing.T) {
			want := incqtest.Rows(t, db, "SELECT count(*) FROM incidents WHERE "+tc.where, tc.args...)[0][0]
			got, err := db.Count(ctx, incq.Browse{Table: "incidents", Filters: tc.filters})
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != want {
				t.Errorf("got %d rows, want %s", got, want)
			}
		})
	}
}

func TestBrowseErrors(t *testing.T) {
	db := incqtest.Open(t, nil)
	ctx := context.Background()
	for _, tc := range []struct {
		b    incq.Browse
		want string
	}{
		{incq.Browse{Table: "incident"}, `no table "incident"; did you mean "incidents"?`},
		{incq.Browse{Table: "sqlite_schema"}, `no table "sqlite_schema"`},
		{incq.Browse{Table: "incidents", Sort: "dat"}, `table incidents has no column "dat" to sort by; did you mean "date"`},
		{incq.Browse{Table: "incidents", Filters: []incq.Filter{{Column: "date", Op: "gtee", Value: "x"}}}, `unknown filter "gtee" on date`},
		{incq.Browse{Table: "incidents", Filters: []incq.Filter{{Column: `x" OR 1=1 --`, Value: "x"}}}, `table incidents has no column "x\" OR 1=1 --" to filter on`},
		{incq.Browse{Table: "incidents", Limit: 5, After: "bm90IGpzb24"}, `is not one this server gave`},
		{incq.Browse{Table: "incidents", Limit: 5, After: "WyJ4IiwxXQ"}, `is not one this server gave`},
	} {
		t.Run(tc.want, func(t *testing.T) {
			p, err := db.Browse(ctx, tc.b)
			if err == nil {
				p.Close()
			}
			var be *incq.BrowseError
			if !errors.As(err, &be) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want a BrowseError saying %s", err, tc.want)
			}
		})
	}
}

func TestFacets(t *testing.T) {
	db := incqtest.Open(t, nil)
	facets, err := db.Facets(context.Background(), incq.Browse{Table: "casualties", Filters: []incq.Filter{{Column: "side", Value: "armenia"}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range facets {
		got = append(got, f.Column)
		if f.Column == "side" && (len(f.Values) != 1 || f.Values[0].Value != "armenia") {
			t.Errorf("side facet under side=armenia: %v", f.Values)
		}
	}
	if !strings.Contains(strings.Join(got, " "), "side status") {
		t.Errorf("facets of casualties: %v; want side and status among them", got)
	}
}
