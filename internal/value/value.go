// Package value is incq's one parser for typed values, used for query
// parameters and dataset cells alike, so that a value means the same
// wherever it is written and a bad one is refused early with a message in
// the user's terms.
//
// The spellings accepted are deliberately few, one per idea:
//   - Integer: an optional sign and decimal digits, within int64
//     ("-12", "+7", "007"); not "1_000", "0x10", "1e3" or "1.0".
//   - Real: an optional sign, decimal digits with an optional decimal
//     point, and an optional exponent ("2", "-0.5", ".5", "1.", "6.02e23");
//     not hex floats ("0x1p-2"), underscores, Inf or NaN, and not a
//     literal that overflows float64 or that is not zero but rounds to it.
//   - Date: a calendar date written YYYY-MM-DD, years 0000 to 9999.
//   - Boolean: true or false in any case, or 1 or 0.
//   - Text: valid UTF-8 without NUL bytes.
//
// Nothing is trimmed here: a dataset cell is taken as written. Callers
// that trim (query parameters do) trim before parsing.
package value

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Type is the type of a value.
type Type uint8

// The types.
const (
	Text Type = iota
	Integer
	Real
	Date
	Boolean
)

var names = [...]string{Text: "text", Integer: "integer", Real: "real", Date: "date", Boolean: "boolean"}

// String returns the type's name in lower case: "integer".
func (t Type) String() string {
	if int(t) < len(names) {
		return names[t]
	}
	return fmt.Sprintf("Type(%d)", t)
}

// Lookup returns the type called name, in any case ("integer",
// "INTEGER").
func Lookup(name string) (Type, bool) {
	for t, n := range names {
		if strings.EqualFold(n, name) {
			return Type(t), true
		}
	}
	return 0, false
}

// Parse parses s as a value of type t: int64 for Integer, float64 for
// Real, bool for Boolean, and s itself for Date and Text. Its errors read
// `"0x1p-2" is not a number (write decimal digits, e.g. 0.25)`, to be
// prefixed with where the value came from.
func Parse(t Type, s string) (any, error) {
	switch t {
	case Integer:
		return orNil(ParseInteger(s))
	case Real:
		return orNil(ParseReal(s))
	case Date:
		return orNil(s, ParseDate(s))
	case Boolean:
		return orNil(ParseBoolean(s))
	case Text:
		return orNil(s, ParseText(s))
	}
	return nil, fmt.Errorf("unknown type %v", t)
}

// ParseInteger parses s as an Integer. It does not allocate unless it
// fails.
func ParseInteger(s string) (int64, error) {
	digits := s
	neg := false
	if digits != "" && (digits[0] == '-' || digits[0] == '+') {
		neg = digits[0] == '-'
		digits = digits[1:]
	}
	if digits == "" {
		return 0, notInteger(s)
	}
	var n uint64
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, notInteger(s)
		}
		if n > (1<<63)/10 {
			return 0, integerRange(s, neg)
		}
		n = n*10 + uint64(c-'0')
		if n > 1<<63 {
			return 0, integerRange(s, neg)
		}
	}
	switch {
	case neg:
		return -int64(n), nil // -(1<<63) wraps to itself: math.MinInt64
	case n > math.MaxInt64:
		return 0, integerRange(s, neg)
	}
	return int64(n), nil
}

func notInteger(s string) error {
	// Go's other spellings (1_000, 0x10) and a whole number written as a
	// real (1e3, 1.0) get the decimal to write instead.
	if v, err := strconv.ParseInt(s, 0, 64); err == nil {
		return fmt.Errorf("%q is not an integer (write decimal digits, e.g. %d)", s, v)
	}
	if v, err := ParseReal(s); err == nil && v == math.Trunc(v) && math.Abs(v) < 1<<63 {
		return fmt.Errorf("%q is not an integer (write decimal digits, e.g. %d)", s, int64(v))
	}
	return fmt.Errorf("%q is not an integer", s)
}

func integerRange(s string, neg bool) error {
	if neg {
		return fmt.Errorf("%q is too small for an integer (the least is %d)", s, int64(math.MinInt64))
	}
	return fmt.Errorf("%q is too large for an integer (the greatest is %d)", s, int64(math.MaxInt64))
}

// MaxCount is the greatest count ParseCount accepts: more people than any
// incident in the dataset could involve, so a larger figure is a typo.
const MaxCount = 10_000_000

// ParseCount parses s as a count, such as a number of casualties: an
// Integer from 0 to MaxCount.
func ParseCount(s string) (int64, error) {
	v, err := ParseInteger(s)
	switch {
	case err != nil:
		return 0, err
	case v < 0:
		return 0, fmt.Errorf("%q is negative; a count is 0 or more", s)
	case v > MaxCount:
		return 0, fmt.Errorf("%q is more than %d, too many for a count", s, MaxCount)
	}
	return v, nil
}

// ParseReal parses s as a Real. It does not allocate unless it fails.
func ParseReal(s string) (float64, error) {
	if !decimal(s) {
		return 0, notReal(s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil { // the syntax is right, so the value is out of range
		return 0, fmt.Errorf("%q is too large to store (the limit is about 1.8e308)", s)
	}
	if v == 0 && nonZeroMantissa(s) {
		return 0, fmt.Errorf("%q is too close to 0 to store (the limit is about 4.9e-324)", s)
	}
	return v, nil
}

// decimal reports whether s is [+-]?(D+(.D*)?|.D+)([eE][+-]?D+)?.
func decimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	n := digitRun(s[i:])
	i += n
	if i < len(s) && s[i] == '.' {
		i++
		m := digitRun(s[i:])
		i += m
		n += m
	}
	if n == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		m := digitRun(s[i:])
		if m == 0 {
			return false
		}
		i += m
	}
	return i == len(s)
}

func digitRun(s string) int {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

// nonZeroMantissa reports whether a decimal literal has a non-zero digit
// before its exponent.
func nonZeroMantissa(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 'e' || c == 'E':
			return false
		case '1' <= c && c <= '9':
			return true
		}
	}
	return false
}

func notReal(s string) error {
	// Go's other spellings (0x1p-2, 1_000.5) get the decimal to write
	// instead; Inf and NaN have none.
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) && strings.ContainsAny(s, "0123456789") {
		return fmt.Errorf("%q is not a number (write decimal digits, e.g. %s)", s, strconv.FormatFloat(v, 'g', -1, 64))
	}
	return fmt.Errorf("%q is not a number", s)
}

// ParseDate checks that s is a Date, a calendar date written YYYY-MM-DD.
// It runs for every date cell of a large load, so it works by hand and
// does not allocate unless it fails.
func ParseDate(s string) error {
	if _, _, _, ok := dateParts(s); !ok {
		return notDate(s)
	}
	if !IsDate(s) {
		return fmt.Errorf("%q is not a calendar date", s)
	}
	return nil
}

// dateParts splits s, written YYYY-MM-DD, into numbers.
func dateParts(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	return y, m, d, ok1 && ok2 && ok3
}

// IsDate reports whether s is a calendar date written YYYY-MM-DD. It does
// not allocate.
func IsDate(s string) bool {
	y, m, d, ok := dateParts(s)
	return ok && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// IsMonth reports whether s is a month written YYYY-MM.
func IsMonth(s string) bool {
	if len(s) != 7 || s[4] != '-' {
		return false
	}
	_, ok1 := num(s[:4])
	m, ok2 := num(s[5:])
	return ok1 && ok2 && m >= 1 && m <= 12
}

func notDate(s string) error { return fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s) }

func num(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// ParseBoolean parses s as a Boolean: true or false in any case, 1 or 0.
func ParseBoolean(s string) (bool, error) {
	switch {
	case s == "1" || strings.EqualFold(s, "true"):
		return true, nil
	case s == "0" || strings.EqualFold(s, "false"):
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean (write true or false)", s)
}

// ErrNotUTF8 and ErrNUL are returned by ParseText (and Parse, for Text).
var (
	ErrNotUTF8 = errors.New("value is not valid UTF-8")
	ErrNUL     = errors.New("value contains a NUL byte")
)

// ParseText checks that s is Text: valid UTF-8 without NUL bytes, which
// SQLite's text functions would cut short.
func ParseText(s string) error {
	if !utf8.ValidString(s) {
		return ErrNotUTF8
	}
	if strings.IndexByte(s, 0) >= 0 {
		return ErrNUL
	}
	return nil
}

// orNil returns v, or a nil value (not a typed zero) with err.
func orNil[T any](v T, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return v, nil
}
