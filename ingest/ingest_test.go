package ingest

import (
	"strings"
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"2020-05-09", "2020-05-09", ""},
		{"9-May-20", "2020-05-09", ""},
		{"16 May 2020", "2020-05-16", ""},
		{"01 November 2024", "2024-11-01", ""},
		{"2020-09-27 00:00:00.000", "2020-09-27", ""},
		{"2020-02-30", "", `column "d": "2020-02-30" is not a date (want YYYY-MM-DD, 9-May-20 or 16 May 2020)`},
		{"31-Feb-20", "", `column "d": "31-Feb-20" is not a date (want YYYY-MM-DD, 9-May-20 or 16 May 2020)`},
		{"", "", `column "d": empty: want a date`},
	}
	for _, tt := range tests {
		r := Row{index: map[string]int{"d": 0}, fields: []string{tt.in}}
		got, err := r.Date("d")
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%q: got error %v, want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || Day(got) != tt.want {
			t.Errorf("%q: got %s, %v; want %s", tt.in, Day(got), err, tt.want)
		}
	}
}

func TestInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{"3", 3, ""},
		{"3.0", 3, ""},
		{"-1", 0, `column "n": -1 is negative`},
		{"2.5", 0, `column "n": "2.5" is not a whole number`},
		{"NaN", 0, `column "n": "NaN" is not a whole number`},
		{"1e3", 0, `column "n": "1e3" is not a whole number`},
		{"+3", 0, `column "n": "+3" is not a whole number`},
		{"1_000", 0, `column "n": "1_000" is not a whole number`},
		{"99999999999999999999", 0, `column "n": 99999999999999999999 is out of range`},
		{"", 0, `column "n": empty: want a whole number`},
	}
	for _, tt := range tests {
		r := Row{index: map[string]int{"n": 0}, fields: []string{tt.in}}
		got, err := r.Int("n", false)
		if (err == nil) != (tt.err == "") || (err != nil && err.Error() != tt.err) || got != tt.want {
			t.Errorf("%q: got %d, %v; want %d, %s", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestCoord(t *testing.T) {
	tests := []struct{ lat, lon, err string }{
		{"40.1", "45.2", ""},
		{"", "", ""},
		{"91", "45", `column "latitude": 91 is out of range (-90 to 90)`},
		{"40", "-181", `column "longitude": -181 is out of range (-180 to 180)`},
		{"NaN", "45", `column "latitude": "NaN" is not a number`},
		{"40", "", `column "longitude": "" is not a number`},
	}
	for _, tt := range tests {
		r := Row{index: map[string]int{"latitude": 0, "longitude": 1}, fields: []string{tt.lat, tt.lon}}
		_, _, _, err := r.Coord("latitude", "longitude")
		if (err == nil) != (tt.err == "") || (err != nil && err.Error() != tt.err) {
			t.Errorf("%q %q: got %v, want %q", tt.lat, tt.lon, err, tt.err)
		}
	}
}

func TestSortKey(t *testing.T) {
	ids := []string{"AZE10", "AZE9", "ARM3830", "AZE14242"}
	keys := map[string]string{}
	for _, id := range ids {
		keys[SortKey(id)] = id
	}
	if !(SortKey("AZE9") < SortKey("AZE10") && SortKey("ARM3830") < SortKey("AZE9") && SortKey("AZE10") < SortKey("AZE14242")) {
		t.Errorf("got keys %q", keys)
	}
}

func TestDetect(t *testing.T) {
	f := &Format{Layouts: []Layout{
		{Name: "new", About: "the new one", Columns: strings.Split("id,date,b", ",")},
		{Name: "old", About: "the old one", Columns: strings.Split("id,date,a", ",")},
	}}
	if l, err := detect(f, "x.csv", []string{"b", "id", "date"}); err != nil || l.Name != "new" {
		t.Errorf("reordered header: got %v, %v", l, err)
	}
	_, err := detect(f, "x.csv", []string{"id", "date", "a", "c"})
	if want := `x.csv:1: not a header incq knows (new, old); closest is old (the old one), which it adds "c"`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	_, err = detect(f, "x.csv", []string{"id", "id"})
	if want := `x.csv:1: column "id" appears twice in the header`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestClamp(t *testing.T) {
	late := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	if got := Day(Clamp(late.AddDate(0, 0, 3))); got != "9999-12-31" {
		t.Errorf("three days after 9999-12-31: got %s", got)
	}
	early := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	if got := Day(Clamp(early.AddDate(0, 0, -3))); got != "0001-01-01" {
		t.Errorf("three days before 0001-01-01: got %s", got)
	}
}
