package ingest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/incq/incq/internal/value"
)

// Format is one kind of export (ACLED, UCDP GED): its layouts, told apart
// by their headers, and how a row of it becomes an Event.
type Format struct {
	Origin  string // incidents.origin: acled or ucdp
	Coder   Coder  // who codes the events
	Table   string // the table keeping every column of a row, e.g. acled_events
	Key     string // the column of that table holding the source's own id
	Layouts []Layout
	// Map turns a row into an event, or says which column is wrong.
	Map func(Row) (Event, error)
}

// Coder is the organisation whose coding an imported figure is.
type Coder struct {
	ID, Name, Note string
}

// Layout is one version of a format's export.
type Layout struct {
	Name    string   // e.g. acled, acled-2022, ged-19.1
	About   string   // for messages, e.g. "ACLED export since March 2023"
	Columns []string // the header, in any order
	HXL     bool     // a second line of HXL hashtags follows the header
}

// Row is one record of an export, read by column name.
type Row struct {
	Layout *Layout
	File   string
	Line   int
	index  map[string]int
	fields []string
}

// Get returns the value of column name, trimmed; "" for a column the
// layout lacks.
func (r Row) Get(name string) string {
	i, ok := r.index[name]
	if !ok {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// Raw returns the value of column name exactly as written, or nil when
// the layout lacks the column.
func (r Row) Raw(name string) any {
	i, ok := r.index[name]
	if !ok {
		return nil
	}
	return r.fields[i]
}

// Event is one imported event in incq's terms.
type Event struct {
	ID        string // the incident id: the source's own (AZE14242, GED-12345)
	SortKey   string // orders events in the written dataset
	Kind      string // incident_kinds
	Date      string // best date, YYYY-MM-DD
	DateStart string
	DateEnd   string
	DatePrec  string // date_precisions
	DateBasis string
	Country   string // as the export spells it
	Place     Place
	Summary   string
	Claim     string // the coder's claim, in a line
	Parties   []Party
	Figures   []Figure
	Totals    []Total
	Citations []Citation
	Stamp     string // the row's last change, YYYY-MM-DD, when the export says
}

// Place is where an event happened, as the export gives it.
type Place struct {
	Name     string // location; empty when the export names none
	Admin1   string
	Lat, Lon float64
	HasCoord bool
	Prec     string // geo_precisions
}

// Party is an actor an event names, in a role (actor1, side_a, ...).
type Party struct {
	Name, Role string
}

// Figure is one number of the coder's: the losses of one party (Party is
// its index in Event.Parties), or of no one side (Party < 0).
type Figure struct {
	Suffix   string // makes the figure id: F-<event id>-<suffix>
	Party    int
	Status   string
	Category string
	Count    int64
	Note     string
}

// Total is a total the coder gives that adds up figures (UCDP best, low,
// high).
type Total struct {
	Suffix    string
	Count     int64
	Qualifier string
	Parts     []string // figure suffixes
	Note      string
}

// Citation is one source the coder names.
type Citation struct {
	Outlet, Date, Headline string
}

// ColumnError is a value that does not fit its column.
type ColumnError struct {
	Column, Msg string
}

func (e *ColumnError) Error() string { return fmt.Sprintf("column %q: %s", e.Column, e.Msg) }

// Errorf returns a *ColumnError for column.
func Errorf(column, format string, args ...any) error {
	return &ColumnError{Column: column, Msg: fmt.Sprintf(format, args...)}
}

// Int reads column as a whole number of at least 0, written in digits
// (3, or 3.0 as some exports write counts); "" is an error unless
// optional, when it gives -1.
func (r Row) Int(column string, optional bool) (int64, error) {
	s := r.Get(column)
	if s == "" {
		if optional {
			return -1, nil
		}
		return 0, Errorf(column, "empty: want a whole number")
	}
	digits := s
	if i := strings.IndexByte(s, '.'); i > 0 && strings.Trim(s[i+1:], "0") == "" {
		digits = s[:i] // 3.0
	}
	if strings.HasPrefix(s, "-") && len(s) > 1 && strings.Trim(s[1:], "0123456789.") == "" {
		return 0, Errorf(column, "%s is negative", s)
	}
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, Errorf(column, "%q is not a whole number", s)
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, Errorf(column, "%s is out of range", s)
	}
	return n, nil
}

// Count reads column as a number of people, 0 to value.MaxCount, the
// most a dataset holds.
func (r Row) Count(column string) (int64, error) {
	n, err := r.Int(column, false)
	if err == nil && n > value.MaxCount {
		return 0, Errorf(column, "%d is more than %d, too many for a count of people", n, value.MaxCount)
	}
	return n, err
}

// Code reads column as one of the codes in names (code → incq's value).
func (r Row) Code(column string, names map[string]string) (string, error) {
	s := r.Get(column)
	if v, ok := names[s]; ok {
		return v, nil
	}
	if s == "" {
		return "", Errorf(column, "empty: want a precision code (%s)", codeList(names))
	}
	return "", Errorf(column, "unknown code %q (want %s)", s, codeList(names))
}

func codeList(names map[string]string) string {
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return strings.Join(keys, ", ")
}

// Coord reads the latitude and longitude columns; both empty is no
// coordinate.
func (r Row) Coord(latCol, lonCol string) (lat, lon float64, ok bool, err error) {
	ls, os := r.Get(latCol), r.Get(lonCol)
	if ls == "" && os == "" {
		return 0, 0, false, nil
	}
	lat, err = strconv.ParseFloat(ls, 64)
	if err != nil || math.IsNaN(lat) {
		return 0, 0, false, Errorf(latCol, "%q is not a number", ls)
	}
	if lat < -90 || lat > 90 {
		return 0, 0, false, Errorf(latCol, "%s is out of range (-90 to 90)", ls)
	}
	lon, err = strconv.ParseFloat(os, 64)
	if err != nil || math.IsNaN(lon) {
		return 0, 0, false, Errorf(lonCol, "%q is not a number", os)
	}
	if lon < -180 || lon > 180 {
		return 0, 0, false, Errorf(lonCol, "%s is out of range (-180 to 180)", os)
	}
	return lat, lon, true, nil
}

// dateLayouts are the ways exports write a day: ISO, and ACLED's older
// 9-May-20 and 16 May 2020.
var dateLayouts = []string{"2006-01-02", "2-Jan-06", "2-Jan-2006", "2 January 2006", "2 Jan 2006", "2-January-2006", "January 2, 2006"}

// Date reads column as a day and returns it as YYYY-MM-DD.
func (r Row) Date(column string) (time.Time, error) {
	s := r.Get(column)
	if s == "" {
		return time.Time{}, Errorf(column, "empty: want a date")
	}
	v := s
	if len(v) > 10 && v[4] == '-' && (v[10] == ' ' || v[10] == 'T') {
		v = v[:10] // 2020-09-27 00:00:00.000: the day is what counts
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, Errorf(column, "%q is not a date (want YYYY-MM-DD, 9-May-20 or 16 May 2020)", s)
}

// Clamp keeps a day within the years a date column holds, 0001 to 9999:
// a week around 31 December 9999 ends there.
func Clamp(t time.Time) time.Time {
	first, last := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	if t.Before(first) {
		return first
	}
	if t.After(last) {
		return last
	}
	return t
}

// Day formats t as YYYY-MM-DD.
func Day(t time.Time) string { return t.Format("2006-01-02") }

// Split splits a ';'-separated list, trimming each part and dropping
// empty ones.
func Split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// SortKey orders ids made of letters and a number by the letters, then
// the number: AZE9 before AZE10.
func SortKey(id string) string {
	i := len(id)
	for i > 0 && id[i-1] >= '0' && id[i-1] <= '9' {
		i--
	}
	if i == len(id) || len(id)-i > 18 {
		return id
	}
	return fmt.Sprintf("%s%018s", id[:i], id[i:])
}
