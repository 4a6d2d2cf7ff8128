// Package chart draws a query result as a bar, line or scatter chart in
// PNG, SVG or PDF, sized for a report, with a source line naming the
// query and the dataset. It takes a result as render columns and rows,
// either whole (Draw) or through a render.Writer (NewWriter), so a chart
// is one more way out at the end of a query's road.
//
// The two sides keep their colours across charts: a series or category
// named "armenia" is always orange, "azerbaijan" always blue; any other
// takes the next colour of a fixed palette.
package chart

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/incq/incq/render"
)

// Kind is a kind of chart.
type Kind string

// The kinds of chart. Auto chooses from the columns: a date x column (or
// text of YYYY-MM-DD or YYYY-MM) makes a line chart, a text x column a bar
// chart, a numeric one a scatter chart.
const (
	Auto    Kind = ""
	Bar     Kind = "bar"
	Line    Kind = "line"
	Scatter Kind = "scatter"
)

// Format is an image format.
type Format string

// The image formats.
const (
	PNG Format = "png"
	SVG Format = "svg"
	PDF Format = "pdf"
)

// FormatOf returns the format a file name's extension asks for.
func FormatOf(name string) (Format, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
	switch f := Format(ext); f {
	case PNG, SVG, PDF:
		return f, nil
	}
	return "", fmt.Errorf("chart: cannot tell the image format of %q; name it .png, .svg or .pdf", name)
}

// Options shape a chart. The zero value draws an Auto chart, 16×10 cm,
// PNGs at 150 dpi.
type Options struct {
	Kind   Kind
	X      string   // the x column; empty chooses one (see Kind)
	Y      []string // the y columns; empty means every numeric column but x
	Title  string
	XLabel string // empty means the x column's name
	YLabel string // empty means the y column's name when there is one
	// Source is the line at the bottom, e.g.
	// "incq · query casualties-by-side · dataset 3f2a9c1".
	Source string
	// Width and Height are the chart's size in centimetres; 0 means 16
	// and 10.
	Width, Height float64
	DPI           int // PNG resolution; 0 means 150
	// Note, when set, receives one-line notes on what the chart could not
	// show, such as letters its font has no glyphs for.
	Note func(string)
}

// The text sizes, in points: readable when the chart is printed at its
// size.
const (
	titleSize  = 14
	labelSize  = 11
	textSize   = 10
	sourceSize = 10
)

// Colours for the sides, and a palette (Okabe and Ito's, safe for colour
// blindness) for every other series, in order.
var (
	sideColours = map[string]color.Color{
		"armenia":    rgb(0xE6, 0x9F, 0x00), // orange
		"azerbaijan": rgb(0x00, 0x72, 0xB2), // blue
	}
	palette = []color.Color{
		rgb(0x00, 0x9E, 0x73), // bluish green
		rgb(0xCC, 0x79, 0xA7), // reddish purple
		rgb(0x56, 0xB4, 0xE9), // sky blue
		rgb(0xD5, 0x5E, 0x00), // vermillion
		rgb(0x99, 0x99, 0x99), // grey
		rgb(0xF0, 0xE4, 0x42), // yellow
		rgb(0x00, 0x00, 0x00), // black
	}
)

func rgb(r, g, b uint8) color.Color { return color.RGBA{r, g, b, 0xFF} }

// Colour returns the colour of a series: the side's own for "armenia" and
// "azerbaijan" (in any case), else the palette's i-th, counting only the
// other series.
func Colour(name string, i int) color.Color {
	if c, ok := sideColours[strings.ToLower(strings.TrimSpace(name))]; ok {
		return c
	}
	return palette[i%len(palette)]
}

// colours hands out series colours in order.
type colours struct{ next int }

func (c *colours) of(name string) color.Color {
	if col, ok := sideColours[strings.ToLower(strings.TrimSpace(name))]; ok {
		return col
	}
	col := palette[c.next%len(palette)]
	c.next++
	return col
}

// ErrNoNumbers is returned by Draw when the result has no numeric column.
var ErrNoNumbers = errors.New("chart: no numeric column to plot; select a count or a sum, e.g. count(*) AS incidents")

// Draw draws the result as a chart in format f on w.
func Draw(w io.Writer, f Format, cols []render.Column, rows [][]any, opts Options) error {
	p, err := build(cols, rows, opts)
	if err != nil {
		return err
	}
	if f != SVG && opts.Note != nil {
		if r, ok := unprintable(cols, rows, opts); ok {
			opts.Note(fmt.Sprintf("chart: the %s font has no letters for some text (%q, U+%04X); they are left out: an .svg keeps them", f, string(r), r))
		}
	}
	return write(w, f, p, opts)
}

// unprintable returns the first letter of the chart's text that its font
// (Liberation Sans: Latin, Greek, Cyrillic and Hebrew) cannot draw in a
// PNG or PDF. An SVG names the text and leaves the font to the viewer.
func unprintable(cols []render.Column, rows [][]any, opts Options) (rune, bool) {
	texts := []string{opts.Title, opts.XLabel, opts.YLabel, opts.Source}
	for _, c := range cols {
		texts = append(texts, c.Name)
	}
	for _, r := range rows {
		for _, v := range r {
			if s, ok := v.(string); ok {
				texts = append(texts, s)
			}
		}
	}
	for _, t := range texts {
		for _, r := range t {
			if !drawable(r) {
				return r, true
			}
		}
	}
	return 0, false
}

func drawable(r rune) bool {
	switch {
	case r < 0x0250, // Latin, Latin-1, Latin Extended-A and -B
		0x0370 <= r && r < 0x0530, // Greek, Cyrillic
		0x0590 <= r && r < 0x0600, // Hebrew
		0x1E00 <= r && r < 0x2070, // Latin Extended Additional, Greek Extended, punctuation
		0x20A0 <= r && r < 0x20D0, // currency
		0x2100 <= r && r < 0x2200: // letterlike symbols, number forms, arrows
		return true
	}
	return false
}

func sans(size float64) font.Font {
	return font.From(font.Font{Typeface: "Liberation", Variant: "Sans"}, vg.Points(size))
}

func newPlot(opts Options) *plot.Plot {
	p := plot.New()
	p.Title.Text = opts.Title
	p.Title.TextStyle.Font = sans(titleSize)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(labelSize)
		a.Tick.Label.Font = sans(textSize)
	}
	p.Legend.TextStyle.Font = sans(textSize)
	p.Legend.Top = true
	p.Y.Min = 0
	return p
}

func build(cols []render.Column, rows [][]any, opts Options) (*plot.Plot, error) {
	if len(rows) == 0 {
		return nil, errors.New("chart: the result has no rows")
	}
	s, err := resolve(cols, rows, opts)
	if err != nil {
		return nil, err
	}
	if err := drawableRange(s, cols, rows); err != nil {
		return nil, err
	}
	p := newPlot(opts)
	p.X.Label.Text = cols[s.x].Name
	if len(s.also) > 0 {
		var names []string
		for _, j := range slices.Sorted(slices.Values(append([]int{s.x}, s.also...))) {
			names = append(names, cols[j].Name)
		}
		p.X.Label.Text = strings.Join(names, ", ")
	}
	if opts.XLabel != "" {
		p.X.Label.Text = opts.XLabel
	}
	if len(s.ys) == 1 {
		p.Y.Label.Text = cols[s.ys[0]].Name
	}
	if opts.YLabel != "" {
		p.Y.Label.Text = opts.YLabel
	}
	var legend bool
	grid := plotter.NewGrid()
	p.Add(grid)
	switch s.kind {
	case Bar:
		grid.Vertical.Color = nil // the categories need no vertical lines
		legend, err = addBars(p, s, cols, rows, opts)
	default:
		legend, err = addXY(p, s, cols, rows)
	}
	if err != nil {
		return nil, err
	}
	if s.xKind == axisDate {
		format := time.DateOnly
		if s.month {
			format = "2006-01"
		}
		p.X.Tick.Marker = plot.TimeTicks{Format: format}
		if s.month {
			// Labels at the months' first days, where the points stand.
			p.X.Tick.Marker = monthTicks{}
		}
	}
	// Room above the highest value for the legend, drawn top right.
	if legend && p.Y.Max > 0 {
		p.Y.Max *= 1.15
	}
	if wholeNumbers(s.ys, rows) {
		p.Y.Tick.Marker = countTicks{}
	}
	return p, nil
}

// wholeNumbers reports whether every value of the columns is a whole
// number (counts, sums of counts), so their axis is labelled 0, 1, 2 and
// never 0.5 or 5000.00.
func wholeNumbers(cols []int, rows [][]any) bool {
	for _, i := range cols {
		for _, r := range rows {
			if v, ok := number(r[i]); ok && (v != math.Trunc(v) || math.Abs(v) > 1<<53) {
				return false
			}
		}
	}
	return true
}

// countTicks marks a count axis at whole numbers only: every 1, 2 or 5
// times a power of ten, the smallest step that gives at most six labels,
// written without decimals.
type countTicks struct{}

func (countTicks) Ticks(min, max float64) []plot.Tick {
	if !(max >= min) || math.IsInf(max-min, 0) {
		return nil
	}
	step := 1.0
	for k := 0; (max-min)/step > 6 && k < 400; k++ {
		switch m := step / math.Pow(10, math.Floor(math.Log10(step)+1e-9)); {
		case m < 1.5:
			step *= 2
		case m < 3:
			step = step / 2 * 5
		default:
			step *= 2
		}
	}
	var ticks []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
	}
	return ticks
}

func (o Options) width() float64 {
	if o.Width > 0 {
		return o.Width
	}
	return 16
}

func (o Options) height() float64 {
	if o.Height > 0 {
		return o.Height
	}
	return 10
}

// write draws the plot and the source line under it on a canvas of the
// format and writes it to w.
func write(w io.Writer, f Format, p *plot.Plot, opts Options) error {
	width := vg.Length(opts.width()) * vg.Centimeter
	height := vg.Length(opts.height()) * vg.Centimeter
	var c vg.CanvasWriterTo
	switch f {
	case PNG:
		dpi := opts.DPI
		if dpi <= 0 {
			dpi = 150
		}
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))}
	case SVG:
		c = vgsvg.New(width, height)
	case PDF:
		c = vgpdf.New(width, height)
	default:
		return fmt.Errorf("chart: unknown image format %q (want png, svg or pdf)", f)
	}
	dc := draw.New(c)
	pad := vg.Points(6)
	bottom := vg.Length(0)
	if opts.Source != "" {
		sty := draw.TextStyle{
			Color:   color.Gray{0x55},
			Font:    sans(sourceSize),
			XAlign:  draw.XLeft,
			YAlign:  draw.YBottom,
			Handler: p.TextHandler,
		}
		dc.FillText(sty, vg.Point{X: dc.Min.X + pad, Y: dc.Min.Y + pad}, opts.Source)
		bottom = sty.Height(opts.Source) + 2*pad
	}
	p.Draw(draw.Crop(dc, pad, -pad, bottom, -pad))
	if _, err := c.WriteTo(w); err != nil {
		return fmt.Errorf("chart: write %s: %w", f, err)
	}
	return nil
}

// monthTicks marks months on a time axis (in Unix seconds), where the
// points of YYYY-MM buckets stand: labels on every first, second, third
// or sixth month, or on every year, 2, 5, 10, 20, 50 … 5000 years, the
// smallest step that shows at most eight; unlabelled ticks on the months
// or years between when there are no more than a hundred and twenty of
// them. However far apart the dates (0001 and 9999), the ticks stay
// few.
type monthTicks struct{}

// monthSteps are the label steps monthTicks chooses from, in months.
var monthSteps = []int{1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 24000, 60000}

func (monthTicks) Ticks(min, max float64) []plot.Tick {
	index := func(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }
	start, end := time.Unix(int64(math.Ceil(min)), 0).UTC(), time.Unix(int64(math.Floor(max)), 0).UTC()
	first, last := index(start), index(end)
	if start.Day() != 1 || start.Hour()+start.Minute()+start.Second() != 0 {
		first++ // the first month whose first day is on the axis
	}
	if first > last {
		return nil
	}
	step := monthSteps[len(monthSteps)-1]
	for _, s := range monthSteps {
		if floorDiv(last, s)-floorDiv(first+s-1, s)+1 <= 8 {
			step = s
			break
		}
	}
	minor := step
	for _, m := range []int{1, 12, 120, 1200} {
		if step%m == 0 && (last-first)/m <= 120 {
			minor = m
			break
		}
	}
	layout := "2006"
	if step < 12 {
		layout = "2006-01"
	}
	var ticks []plot.Tick
	for k := floorDiv(first+minor-1, minor) * minor; k <= last; k += minor {
		t := time.Date(k/12, time.Month(k%12+1), 1, 0, 0, 0, 0, time.UTC)
		tk := plot.Tick{Value: float64(t.Unix())}
		if k%step == 0 {
			tk.Label = t.Format(layout)
		}
		ticks = append(ticks, tk)
	}
	return ticks
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// drawableRange refuses numbers whose spread no axis can hold: the span
// from the least to the greatest overflows (1e308 and -1e308), and the
// plotting library would loop for ever choosing its ticks.
func drawableRange(s spec, cols []render.Column, rows [][]any) error {
	check := append([]int(nil), s.ys...)
	if s.xKind == axisNumber {
		check = append(check, s.x)
	}
	for _, i := range check {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, r := range rows {
			if v, ok := number(r[i]); ok {
				lo, hi = min(lo, v, 0), max(hi, v, 0)
			}
		}
		if math.IsInf(hi-lo, 0) {
			return fmt.Errorf("chart: column %q spans %g to %g, more than an axis can hold", cols[i].Name, lo, hi)
		}
	}
	return nil
}
