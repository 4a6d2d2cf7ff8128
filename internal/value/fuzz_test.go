package value

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzInteger: ParseInteger accepts exactly what strconv.ParseInt accepts
// in base 10, with the same value.
func FuzzInteger(f *testing.F) {
	for _, s := range []string{"0", "-0", "+12", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1_0", "0x1", "", "-", "1e3", " 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseInteger(s)
		want, werr := strconv.ParseInt(s, 10, 64)
		if (err == nil) != (werr == nil) || got != want && err == nil {
			t.Fatalf("ParseInteger(%q) = %d, %v; strconv: %d, %v", s, got, err, want, werr)
		}
		checkMessage(t, s, err)
	})
}

// FuzzReal: what ParseReal accepts, strconv.ParseFloat reads as the same
// finite number; what strconv reads as a finite number from decimal
// notation, and not as 0 from a non-zero literal, ParseReal accepts.
func FuzzReal(f *testing.F) {
	for _, s := range []string{"0", "1.5", "-.5", "1.", "1e308", "1e309", "1e-400", "4.9e-324", "0x1p-2", "1_0", "NaN", "Inf", "infinity", ".", "1e", "+1E+1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseReal(s)
		want, werr := strconv.ParseFloat(s, 64)
		if err == nil {
			if werr != nil || math.Float64bits(got) != math.Float64bits(want) || math.IsInf(got, 0) || math.IsNaN(got) {
				t.Fatalf("ParseReal(%q) = %v; strconv: %v, %v", s, got, want, werr)
			}
		}
		plain := strings.Trim(s, "0123456789+-.eE") == "" && !strings.ContainsAny(strings.ToLower(s), "x_pinf")
		if werr == nil && plain && !math.IsInf(want, 0) && (want != 0 || strings.Trim(mantissa(s), "0+-.") == "") && err != nil {
			t.Fatalf("ParseReal(%q) refused %v: %v", s, want, err)
		}
		checkMessage(t, s, err)
	})
}

func mantissa(s string) string {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		return s[:i]
	}
	return s
}

// FuzzDate: ParseDate accepts exactly the 10-byte strings time.Parse
// reads as a DateOnly date.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"2022-09-21", "2022-02-29", "2024-02-29", "1900-02-29", "2022-13-01", "2022-1-01", "0000-01-01", "99999-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := ParseDate(s)
		_, terr := time.Parse(time.DateOnly, s)
		if want := terr == nil && len(s) == 10; (err == nil) != want {
			t.Fatalf("ParseDate(%q) = %v; time.Parse: %v", s, err, terr)
		}
		checkMessage(t, s, err)
	})
}

// checkMessage: an error quotes the value first and is one line.
func checkMessage(t *testing.T, s string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if msg := err.Error(); !strings.HasPrefix(msg, strconv.Quote(s)+" ") || strings.Contains(msg, "\n") {
		t.Fatalf("message %q for %q", msg, s)
	}
}
