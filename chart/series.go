package chart

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/incq/incq/render"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// addBars draws grouped bars: the categories along x, one bar a series in
// each group. When the categories are the sides, the chart is turned
// round (the series' names along x, a bar a side), so that the sides keep
// their colours.
func addBars(p *plot.Plot, s spec, cols []render.Column, rows [][]any, opts Options) (legend bool, err error) {
	cats := make([]string, len(rows))
	sides := false
	for i, r := range rows {
		cats[i] = render.Text(r[s.x])
		if _, ok := sideColours[strings.ToLower(cats[i])]; ok && len(s.also) == 0 {
			sides = true
		}
		if len(s.also) > 0 {
			// Every text column that varies names the bar, in column
			// order: ucdp armenia.
			var parts []string
			for _, j := range slices.Sorted(slices.Values(append([]int{s.x}, s.also...))) {
				parts = append(parts, render.Text(r[j]))
			}
			cats[i] = strings.Join(parts, " ")
		}
	}
	var groups, series []string
	var value func(g, si int) float64
	val := func(r, y int) float64 {
		v, _ := number(rows[r][s.ys[y]])
		return v // NULL draws no bar
	}
	if sides {
		for _, y := range s.ys {
			groups = append(groups, cols[y].Name)
		}
		series = cats
		value = func(g, si int) float64 { return val(si, g) }
	} else {
		groups = cats
		for _, y := range s.ys {
			series = append(series, cols[y].Name)
		}
		value = func(g, si int) float64 { return val(g, si) }
	}
	width := vg.Length(opts.width()*vg.Centimeter.Points()) * 0.8
	slot := width / vg.Length(len(groups)) * 0.75 / vg.Length(len(series))
	var c colours
	for si, name := range series {
		vals := make(plotter.Values, len(groups))
		for g := range groups {
			vals[g] = value(g, si)
		}
		b, err := plotter.NewBarChart(vals, slot)
		if err != nil {
			return false, fmt.Errorf("chart: %w", err)
		}
		col := c.of(name)
		b.Color = col
		b.LineStyle.Width = 0
		b.Offset = (vg.Length(si) - vg.Length(len(series)-1)/2) * slot
		p.Add(b)
		if len(series) > 1 || sides {
			p.Legend.Add(name, b)
			legend = true
		}
	}
	p.NominalX(groups...)
	p.X.Min, p.X.Max = -0.5, float64(len(groups))-0.5
	if len(groups) > 8 {
		p.X.Tick.Label.Rotation = math.Pi / 4
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
	}
	if sides && len(s.ys) > 1 {
		p.X.Label.Text = ""
	}
	return legend, nil
}

// addXY draws a line or scatter series for each y column; a NULL leaves
// the point out, and breaks a line there.
func addXY(p *plot.Plot, s spec, cols []render.Column, rows [][]any) (legend bool, err error) {
	var c colours
	for k, y := range s.ys {
		var xys plotter.XYs
		for _, r := range rows {
			x, okx := xValue(r[s.x], s.xKind)
			v, oky := number(r[y])
			switch {
			case okx && oky:
				xys = append(xys, plotter.XY{X: x, Y: v})
			case okx && s.kind == Line && r[y] == nil:
				// A gap: the line breaks here rather than draw through
				// a value the result does not hold.
				xys = append(xys, plotter.XY{X: x, Y: math.NaN()})
			}
		}
		if !slices.ContainsFunc(xys, func(xy plotter.XY) bool { return !math.IsNaN(xy.Y) }) {
			continue
		}
		col := c.of(cols[y].Name)
		var thumb plot.Thumbnailer
		if s.kind == Line {
			slices.SortStableFunc(xys, func(a, b plotter.XY) int { return cmpFloat(a.X, b.X) })
			for _, seg := range segments(xys) {
				if len(seg) == 1 {
					// A point between gaps: a dot, as a line needs two.
					sc, err := plotter.NewScatter(seg)
					if err != nil {
						return false, fmt.Errorf("chart: %w", err)
					}
					sc.Color, sc.Shape, sc.Radius = col, draw.CircleGlyph{}, dotRadius(2.5, k, len(s.ys))
					p.Add(sc)
					continue
				}
				l, err := plotter.NewLine(seg)
				if err != nil {
					return false, fmt.Errorf("chart: %w", err)
				}
				l.Color = col
				l.Width = lineWidth(k, len(s.ys))
				p.Add(l)
				if thumb == nil {
					thumb = l
				}
			}
			if thumb == nil {
				l, _ := plotter.NewLine(plotter.XYs{})
				l.Color, l.Width = col, lineWidth(k, len(s.ys))
				thumb = l
			}
		} else {
			sc, err := plotter.NewScatter(xys)
			if err != nil {
				return false, fmt.Errorf("chart: %w", err)
			}
			sc.Color = col
			sc.Shape = draw.CircleGlyph{}
			sc.Radius = dotRadius(3, k, len(s.ys))
			p.Add(sc)
			thumb = sc
		}
		if len(s.ys) > 1 {
			p.Legend.Add(cols[y].Name, thumb)
			legend = true
		}
	}
	return legend, nil
}

// dotRadius is the radius of the k-th of n series' dots: the series
// drawn first have the larger dots, so that where two series have the
// same point (both sides one incident in a month) each shows, a ring of
// one colour round a dot of the other.
func dotRadius(base float64, k, n int) vg.Length {
	return vg.Points(base + 2*float64(min(n-1-k, 4)))
}

// lineWidth is the width of the k-th of n series' lines: wider for the
// series drawn first, so that where two lines run together (both sides
// one incident a month) the first shows either side of the second.
func lineWidth(k, n int) vg.Length {
	return vg.Points(1.5 + float64(min(n-1-k, 4)))
}

// segments splits points at the gaps (NaN values) between them.
func segments(xys plotter.XYs) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	for _, xy := range xys {
		if math.IsNaN(xy.Y) {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, xy)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
