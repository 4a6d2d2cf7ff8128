package value

import (
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		typ     Type
		in      string
		want    any
		wantErr string
	}{
		{Integer, "42", int64(42), ""},
		{Integer, "-0", int64(0), ""},
		{Integer, "+7", int64(7), ""},
		{Integer, "007", int64(7), ""},
		{Integer, "9223372036854775807", int64(math.MaxInt64), ""},
		{Integer, "-9223372036854775808", int64(math.MinInt64), ""},
		{Integer, "9223372036854775808", nil, `"9223372036854775808" is too large for an integer (the greatest is 9223372036854775807)`},
		{Integer, "-9223372036854775809", nil, `"-9223372036854775809" is too small for an integer (the least is -9223372036854775808)`},
		{Integer, "99999999999999999999", nil, `"99999999999999999999" is too large for an integer (the greatest is 9223372036854775807)`},
		{Integer, "", nil, `"" is not an integer`},
		{Integer, "-", nil, `"-" is not an integer`},
		{Integer, "ten", nil, `"ten" is not an integer`},
		{Integer, "1.5", nil, `"1.5" is not an integer`},
		{Integer, " 5", nil, `" 5" is not an integer`},
		{Integer, "1_000", nil, `"1_000" is not an integer (write decimal digits, e.g. 1000)`},
		{Integer, "0x10", nil, `"0x10" is not an integer (write decimal digits, e.g. 16)`},
		{Integer, "1e3", nil, `"1e3" is not an integer (write decimal digits, e.g. 1000)`},
		{Integer, "2.0", nil, `"2.0" is not an integer (write decimal digits, e.g. 2)`},

		{Real, "1.5", 1.5, ""},
		{Real, "-2", -2.0, ""},
		{Real, "+.5", 0.5, ""},
		{Real, "1.", 1.0, ""},
		{Real, "6.02E23", 6.02e23, ""},
		{Real, "1e-310", 1e-310, ""},
		{Real, "0e-999", 0.0, ""},
		{Real, "0x1p-2", nil, `"0x1p-2" is not a number (write decimal digits, e.g. 0.25)`},
		{Real, "1_0", nil, `"1_0" is not a number (write decimal digits, e.g. 10)`},
		{Real, "NaN", nil, `"NaN" is not a number`},
		{Real, "Inf", nil, `"Inf" is not a number`},
		{Real, "-infinity", nil, `"-infinity" is not a number`},
		{Real, "", nil, `"" is not a number`},
		{Real, ".", nil, `"." is not a number`},
		{Real, "1e", nil, `"1e" is not a number`},
		{Real, "e5", nil, `"e5" is not a number`},
		{Real, "1.5 ", nil, `"1.5 " is not a number`},
		{Real, "1e309", nil, `"1e309" is too large to store (the limit is about 1.8e308)`},
		{Real, "-1e99999999999999999999", nil, `"-1e99999999999999999999" is too large to store (the limit is about 1.8e308)`},
		{Real, "1e-400", nil, `"1e-400" is too close to 0 to store (the limit is about 4.9e-324)`},

		{Date, "2022-09-21", "2022-09-21", ""},
		{Date, "2024-02-29", "2024-02-29", ""},
		{Date, "2000-02-29", "2000-02-29", ""},
		{Date, "0000-01-01", "0000-01-01", ""},
		{Date, "1900-02-29", nil, `"1900-02-29" is not a calendar date`},
		{Date, "2022-02-29", nil, `"2022-02-29" is not a calendar date`},
		{Date, "2022-13-01", nil, `"2022-13-01" is not a calendar date`},
		{Date, "2022-00-10", nil, `"2022-00-10" is not a calendar date`},
		{Date, "2022-04-31", nil, `"2022-04-31" is not a calendar date`},
		{Date, "2022-2-3", nil, `"2022-2-3" is not a date (want YYYY-MM-DD)`},
		{Date, "20220921", nil, `"20220921" is not a date (want YYYY-MM-DD)`},
		{Date, "2022-09-2x", nil, `"2022-09-2x" is not a date (want YYYY-MM-DD)`},
		{Date, "+022-09-21", nil, `"+022-09-21" is not a date (want YYYY-MM-DD)`},
		{Date, "21/09/2022", nil, `"21/09/2022" is not a date (want YYYY-MM-DD)`},

		{Boolean, "true", true, ""},
		{Boolean, "FALSE", false, ""},
		{Boolean, "1", true, ""},
		{Boolean, "0", false, ""},
		{Boolean, "yes", nil, `"yes" is not a boolean (write true or false)`},
		{Boolean, "", nil, `"" is not a boolean (write true or false)`},

		{Text, "Kəlbəcər", "Kəlbəcər", ""},
		{Text, "", "", ""},
		{Text, " padded ", " padded ", ""},
		{Text, "\xff", nil, "value is not valid UTF-8"},
		{Text, "a\x00b", nil, "value contains a NUL byte"},

		{Type(9), "x", nil, "unknown type Type(9)"},
	}
	for _, tt := range tests {
		t.Run(tt.typ.String()+"/"+tt.in, func(t *testing.T) {
			got, err := Parse(tt.typ, tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got %#v, %v\nwant error %s", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %#v, %v; want %#v", got, err, tt.want)
			}
		})
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr string
	}{
		{"0", 0, ""},
		{"12", 12, ""},
		{"10000000", MaxCount, ""},
		{"10000001", 0, `"10000001" is more than 10000000, too many for a count`},
		{"-1", 0, `"-1" is negative; a count is 0 or more`},
		{"many", 0, `"many" is not an integer`},
		{"1,000", 0, `"1,000" is not an integer`},
	}
	for _, tt := range tests {
		got, err := ParseCount(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseCount(%q) = %d, %v\nwant error %s", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseCount(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	for _, name := range []string{"text", "integer", "REAL", "Date", "boolean"} {
		typ, ok := Lookup(name)
		if !ok || !equalFold(typ.String(), name) {
			t.Errorf("Lookup(%q) = %v, %v", name, typ, ok)
		}
	}
	if typ, ok := Lookup("int"); ok {
		t.Errorf("Lookup(%q) = %v, true", "int", typ)
	}
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i]|0x20 != b[i]|0x20 {
			return false
		}
	}
	return true
}

// The fast paths that a large load calls per cell do not allocate.
func TestNoAllocs(t *testing.T) {
	for name, f := range map[string]func(){
		"ParseDate":    func() { ParseDate("2022-09-21") },
		"ParseInteger": func() { ParseInteger("-1234567") },
		"ParseReal":    func() { ParseReal("40.1234567") },
		"ParseCount":   func() { ParseCount("120") },
		"ParseBoolean": func() { ParseBoolean("TRUE") },
		"ParseText":    func() { ParseText("Kəlbəcər district") },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations, want 0", name, n)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	for _, bm := range []struct {
		typ Type
		in  string
	}{
		{Integer, "-1234567"},
		{Real, "40.1234567"},
		{Date, "2022-09-21"},
		{Boolean, "true"},
		{Text, "Kəlbəcər district, near the border"},
	} {
		b.Run(bm.typ.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(bm.typ, bm.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseDate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := ParseDate("2022-09-21"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestIsDateIsMonth(t *testing.T) {
	for s, want := range map[string]bool{
		"2022-09-13": true, "2024-02-29": true, "2023-02-29": false, "2022-13-01": false,
		"2022-9-13": false, "2022-09": false, "22-09-13": false, "2022-09-1x": false,
	} {
		if got := IsDate(s); got != want {
			t.Errorf("IsDate(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{
		"2022-09": true, "2022-12": true, "2022-00": false, "2022-13": false,
		"2022-9": false, "2022-09-13": false, "202a-09": false,
	} {
		if got := IsMonth(s); got != want {
			t.Errorf("IsMonth(%q) = %v, want %v", s, got, want)
		}
	}
}
