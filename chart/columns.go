package chart

// Choosing the chart from the result's columns: which is x, which are the
// y series, and what kind of axis each makes.

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/incq/incq/render"
)

// spec is a chart resolved from the result and the options.
type spec struct {
	kind  Kind
	x     int
	xKind axisKind
	ys    []int
	month bool  // the x dates are YYYY-MM buckets
	also  []int // other text columns whose values differ from row to row: their values name a bar with x's
}

type axisKind int

const (
	axisText axisKind = iota
	axisDate
	axisNumber
)

// classify tells what a column holds: numbers, dates (or months) or text.
func classify(col render.Column, rows [][]any, i int) (k axisKind, month bool) {
	switch col.Type {
	case render.TypeInteger, render.TypeReal:
		return axisNumber, false
	case render.TypeDate:
		return axisDate, false
	}
	c := render.CensusOf(rows, i)
	numbers, dates, months := c.Ints+c.Reals, c.Dates, c.Months
	texts := c.Texts + c.Bools + c.Bytes + c.Binary + c.Others
	declaredText := col.Type == render.TypeText || col.Type == render.TypeBlob
	switch {
	case texts > 0 || (numbers > 0 && dates+months > 0) || (declaredText && dates+months == 0):
		return axisText, false
	case numbers > 0, dates+months == 0:
		// Only numbers, or no value at all (an expression that is NULL
		// throughout still counts as a y column).
		return axisNumber, false
	case months > 0 && dates == 0:
		return axisDate, true
	case months == 0:
		return axisDate, false
	}
	return axisText, false
}

func resolve(cols []render.Column, rows [][]any, opts Options) (spec, error) {
	s := spec{kind: opts.Kind, x: -1}
	kinds := make([]axisKind, len(cols))
	months := make([]bool, len(cols))
	for i, c := range cols {
		kinds[i], months[i] = classify(c, rows, i)
	}
	index := func(name string) (int, error) {
		for i, c := range cols {
			if strings.EqualFold(c.Name, name) {
				return i, nil
			}
		}
		return -1, fmt.Errorf("chart: no column %q in the result (it has %s)", name, strings.Join(render.Names(cols), ", "))
	}
	if opts.X != "" {
		i, err := index(opts.X)
		if err != nil {
			return s, err
		}
		s.x = i
	} else {
		// The first date column, else the first text column whose
		// values differ from row to row (casualties-by-side's side, not
		// an origin that is curated throughout), else the first text
		// column, else the first column.
		for i := range cols {
			if s.x < 0 && kinds[i] == axisDate {
				s.x = i
			}
		}
		for i := range cols {
			if s.x < 0 && kinds[i] == axisText && varies(rows, i) {
				s.x = i
			}
		}
		for i := range cols {
			if s.x < 0 && kinds[i] == axisText {
				s.x = i
			}
		}
		if kinds[max(s.x, 0)] == axisText {
			for i := range cols {
				if i != s.x && kinds[i] == axisText && varies(rows, i) {
					s.also = append(s.also, i)
				}
			}
		}
		if s.x < 0 && len(cols) > 0 {
			s.x = 0
		}
	}
	if s.x < 0 {
		return s, errors.New("chart: the result has no columns")
	}
	s.xKind, s.month = kinds[s.x], months[s.x]
	if len(opts.Y) > 0 {
		for _, name := range opts.Y {
			i, err := index(name)
			if err != nil {
				return s, err
			}
			if kinds[i] != axisNumber {
				return s, fmt.Errorf("chart: column %q is not numeric; a y column must be", cols[i].Name)
			}
			s.ys = append(s.ys, i)
		}
	} else {
		for i := range cols {
			if i != s.x && kinds[i] == axisNumber {
				s.ys = append(s.ys, i)
			}
		}
	}
	if len(s.ys) == 0 {
		return s, ErrNoNumbers
	}
	if s.kind == Auto {
		switch s.xKind {
		case axisDate:
			s.kind = Line
		case axisText:
			s.kind = Bar
		default:
			s.kind = Scatter
		}
	}
	switch s.kind {
	case Bar:
	case Line, Scatter:
		if s.xKind == axisText {
			return s, fmt.Errorf("chart: a %s chart needs a date or numeric x column, and %q is text; use --kind bar", s.kind, cols[s.x].Name)
		}
	default:
		return s, fmt.Errorf("chart: unknown kind %q (want bar, line or scatter)", s.kind)
	}
	return s, nil
}

// varies reports whether column i holds more than one value.
func varies(rows [][]any, i int) bool {
	for _, r := range rows[min(1, len(rows)):] {
		if render.Text(r[i]) != render.Text(rows[0][i]) {
			return true
		}
	}
	return false
}

// number returns a numeric value; NULL and anything else is not one.
func number(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	return 0, false
}

// xValue returns the position of an x value: a number, or a date as Unix
// seconds.
func xValue(v any, k axisKind) (float64, bool) {
	if k != axisDate {
		return number(v)
	}
	switch v := v.(type) {
	case string:
		for _, layout := range []string{time.DateOnly, "2006-01"} {
			if t, err := time.Parse(layout, v); err == nil {
				return float64(t.Unix()), true
			}
		}
	case time.Time:
		return float64(v.Unix()), true
	}
	return 0, false
}
