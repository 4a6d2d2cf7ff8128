package chart

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/incq/incq/render"
)

// Pivot turns a long table of three columns — x, series, value, one row
// per pair, as GROUP BY month, side gives — into a wide one: the x column,
// then one column per series (sorted by name), one row per x value (in
// order of first appearance, or ascending when they are all dates or
// months). A pair without a row is NULL; a pair with several rows sums
// them. A NULL series is named "(none)".
func Pivot(cols []render.Column, rows [][]any) ([]render.Column, [][]any, error) {
	if len(cols) != 3 {
		return nil, nil, fmt.Errorf("chart: pivot needs three columns (x, series, value), and the result has %d", len(cols))
	}
	type key struct{ x, series string }
	sums := map[key]float64{}
	ints := map[key]bool{} // every value summed was an integer
	var xs []any
	seenX := map[string]bool{}
	var series []string
	seenS := map[string]bool{}
	for _, r := range rows {
		x, s := render.Text(r[0]), render.Text(r[1])
		if r[1] == nil {
			s = "(none)"
		}
		if !seenX[x] {
			seenX[x] = true
			xs = append(xs, r[0])
		}
		if !seenS[s] {
			seenS[s] = true
			series = append(series, s)
		}
		v, ok := number(r[2])
		if !ok {
			if r[2] != nil {
				return nil, nil, fmt.Errorf("chart: pivot: column %q: %s is not a number", cols[2].Name, render.Text(r[2]))
			}
			continue
		}
		k := key{x, s}
		if _, had := sums[k]; !had {
			ints[k] = true
		}
		sums[k] += v
		_, isInt := r[2].(int64)
		ints[k] = ints[k] && isInt
	}
	slices.Sort(series)
	if allDates(xs) {
		slices.SortStableFunc(xs, func(a, b any) int {
			ta, _ := xValue(a, axisDate)
			tb, _ := xValue(b, axisDate)
			return cmpFloat(ta, tb)
		})
	}
	wide := []render.Column{cols[0]}
	for _, s := range series {
		wide = append(wide, render.Column{Name: s, Type: render.TypeAny})
	}
	out := make([][]any, len(xs))
	for i, x := range xs {
		row := make([]any, len(wide))
		row[0] = x
		for j, s := range series {
			k := key{render.Text(x), s}
			if v, ok := sums[k]; ok {
				if ints[k] {
					row[j+1] = int64(v)
				} else {
					row[j+1] = v
				}
			}
		}
		out[i] = row
	}
	return wide, out, nil
}

// allDates tells whether every value is a YYYY-MM-DD or YYYY-MM text.
func allDates(vals []any) bool {
	for _, v := range vals {
		if _, ok := xValue(v, axisDate); !ok {
			return false
		}
	}
	return len(vals) > 0
}

// Timeline draws a count per month and series as lines: its input is the
// long table Pivot takes, e.g.
//
//	SELECT substr(date, 1, 7) AS month, side, count(*) AS incidents
//	FROM ... GROUP BY month, side
//
// Months with no row, between the first and the last, count zero, as do
// the series missing in a month: the table counts events, and a month
// without any is a zero, not a gap. For a result that is already wide
// (month, armenia, azerbaijan) call Draw, which draws a line chart of a
// month column by itself.
func Timeline(w io.Writer, f Format, cols []render.Column, rows [][]any, opts Options) error {
	wide, rows, err := Pivot(cols, rows)
	if err != nil {
		return err
	}
	rows = fillMonths(rows, len(wide))
	if opts.Kind == Auto {
		opts.Kind = Line
	}
	if opts.X == "" {
		opts.X = wide[0].Name
	}
	if opts.YLabel == "" {
		opts.YLabel = cols[2].Name
	}
	return Draw(w, f, wide, rows, opts)
}

// fillMonths adds the missing months between the first and the last of
// rows whose x values are all YYYY-MM texts, sorted, and turns NULL counts
// into zeros. Other rows come back as they are.
func fillMonths(rows [][]any, width int) [][]any {
	months := make([]time.Time, len(rows))
	for i, r := range rows {
		s, ok := r[0].(string)
		if !ok {
			return rows
		}
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return rows
		}
		months[i] = t
	}
	if len(rows) == 0 {
		return rows
	}
	var out [][]any
	i := 0
	for m := months[0]; !m.After(months[len(months)-1]); m = m.AddDate(0, 1, 0) {
		row := make([]any, width)
		if i < len(rows) && months[i].Equal(m) {
			copy(row, rows[i])
			i++
		}
		row[0] = m.Format("2006-01")
		for j := 1; j < width; j++ {
			if row[j] == nil {
				row[j] = int64(0)
			}
		}
		out = append(out, row)
	}
	return out
}
