package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/incq/incq/render"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// casualties is casualties-by-side's shape.
var casualties = struct {
	cols []render.Column
	rows [][]any
}{
	cols: []render.Column{col("side", render.TypeText), col("incidents", render.TypeAny), col("killed", render.TypeAny), col("wounded", render.TypeAny), col("captured", render.TypeAny)},
	rows: [][]any{
		{"armenia", int64(40), int64(120), int64(80), int64(10)},
		{"azerbaijan", int64(35), int64(90), int64(60), int64(4)},
	},
}

func col(name string, typ render.Type) render.Column { return render.Column{Name: name, Type: typ} }

const source = "incq · query casualties-by-side · dataset 3f2a9c1"

func drawChart(tb testing.TB, f Format, cols []render.Column, rows [][]any, opts Options) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := Draw(&buf, f, cols, rows, opts); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// countColour counts the pixels of exactly colour c.
func countColour(img image.Image, c color.Color) int {
	r0, g0, b0, _ := c.RGBA()
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r == r0 && g == g0 && b == b0 {
				n++
			}
		}
	}
	return n
}

func TestDrawPNG(t *testing.T) {
	b := drawChart(t, PNG, casualties.cols, casualties.rows, Options{Title: "Casualties by side", Source: source})
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// 16 × 10 cm at 150 dpi.
	if got, want := img.Bounds().Size(), image.Pt(945, 591); got != want {
		t.Errorf("size: got %v, want %v", got, want)
	}
	// The sides are the series, in their own colours, whatever the order.
	armenia, azerbaijan := countColour(img, Colour("armenia", 0)), countColour(img, Colour("azerbaijan", 0))
	if armenia < 10000 || azerbaijan < 10000 {
		t.Errorf("pixels of armenia's colour %d, of azerbaijan's %d; want bars of both", armenia, azerbaijan)
	}
	if n := countColour(img, palette[0]); n != 0 {
		t.Errorf("%d pixels of the palette's first colour; the sides should take theirs", n)
	}

	// Size and resolution are options.
	b = drawChart(t, PNG, casualties.cols, casualties.rows, Options{Width: 8, Height: 5, DPI: 254})
	if cfg, err := png.DecodeConfig(bytes.NewReader(b)); err != nil || cfg.Width != 800 || cfg.Height != 500 {
		t.Errorf("8 × 5 cm at 254 dpi: got %d × %d (%v), want 800 × 500", cfg.Width, cfg.Height, err)
	}
}

func TestDrawSVG(t *testing.T) {
	b := drawChart(t, SVG, casualties.cols, casualties.rows, Options{Title: "Casualties & losses", Source: source})
	dec := xml.NewDecoder(bytes.NewReader(b))
	var texts []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not XML: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok && strings.TrimSpace(string(cd)) != "" {
			texts = append(texts, string(cd))
		}
	}
	for _, want := range []string{"Casualties & losses", source, "armenia", "azerbaijan", "killed"} {
		found := false
		for _, s := range texts {
			found = found || s == want
		}
		if !found {
			t.Errorf("SVG has no text %q; it has %q", want, texts)
		}
	}
}

func TestDrawPDF(t *testing.T) {
	b := drawChart(t, PDF, casualties.cols, casualties.rows, Options{Title: "Casualties", Source: source})
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("%%EOF")) {
		t.Errorf("not a PDF: %.40q", b)
	}
}

func TestResolve(t *testing.T) {
	cols := func(specs ...string) []render.Column {
		var cs []render.Column
		for _, s := range specs {
			name, typ, _ := strings.Cut(s, ":")
			cs = append(cs, render.Column{Name: name, Type: render.Type(typ)})
		}
		return cs
	}
	tests := []struct {
		name  string
		cols  []render.Column
		rows  [][]any
		opts  Options
		kind  Kind
		x     int
		ys    []int
		month bool
	}{
		{"a date and numbers make a line", cols("id:TEXT", "date:DATE", "killed", "wounded"),
			[][]any{{"I1", "2020-07-12", int64(1), nil}}, Options{}, Line, 1, []int{2, 3}, false},
		{"month buckets make a line", cols("month", "n"),
			[][]any{{"2020-07", int64(3)}, {"2020-08", int64(1)}}, Options{}, Line, 0, []int{1}, true},
		{"text and numbers make bars", casualties.cols, casualties.rows, Options{}, Bar, 0, []int{1, 2, 3, 4}, false},
		{"numbers only make a scatter", cols("lat:REAL", "lon:REAL"),
			[][]any{{40.1, 45.2}}, Options{}, Scatter, 0, []int{1}, false},
		{"overrides", casualties.cols, casualties.rows,
			Options{Kind: Bar, X: "SIDE", Y: []string{"killed"}}, Bar, 0, []int{2}, false},
		{"dates as bars", cols("date:DATE", "n"),
			[][]any{{"2020-07-12", int64(3)}}, Options{Kind: Bar}, Bar, 0, []int{1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := resolve(tt.cols, tt.rows, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if s.kind != tt.kind || s.x != tt.x || !reflect.DeepEqual(s.ys, tt.ys) || s.month != tt.month {
				t.Errorf("got kind %q, x %d, ys %v, month %v; want %q, %d, %v, %v", s.kind, s.x, s.ys, s.month, tt.kind, tt.x, tt.ys, tt.month)
			}
		})
	}
}

func TestDrawErrors(t *testing.T) {
	text := []render.Column{col("side", render.TypeText), col("note", render.TypeText)}
	tests := []struct {
		name string
		cols []render.Column
		rows [][]any
		opts Options
		f    Format
		want string
	}{
		{"no numbers", text, [][]any{{"armenia", "x"}}, Options{}, PNG,
			"chart: no numeric column to plot; select a count or a sum, e.g. count(*) AS incidents"},
		{"line of text", casualties.cols, casualties.rows, Options{Kind: Line}, PNG,
			`chart: a line chart needs a date or numeric x column, and "side" is text; use --kind bar`},
		{"no such column", casualties.cols, casualties.rows, Options{X: "month"}, PNG,
			`chart: no column "month" in the result (it has side, incidents, killed, wounded, captured)`},
		{"y not numeric", casualties.cols, casualties.rows, Options{Y: []string{"side"}}, PNG,
			`chart: column "side" is not numeric; a y column must be`},
		{"unknown kind", casualties.cols, casualties.rows, Options{Kind: "pie"}, PNG,
			`chart: unknown kind "pie" (want bar, line or scatter)`},
		{"no rows", casualties.cols, nil, Options{}, PNG, "chart: the result has no rows"},
		{"span overflows", []render.Column{col("side", render.TypeText), col("n", render.TypeReal)},
			[][]any{{"a", 1e308}, {"b", -1e308}}, Options{}, PNG,
			`chart: column "n" spans -1e+308 to 1e+308, more than an axis can hold`},
		{"unknown format", casualties.cols, casualties.rows, Options{}, "gif",
			`chart: unknown image format "gif" (want png, svg or pdf)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Draw(io.Discard, tt.f, tt.cols, tt.rows, tt.opts)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
	// No rows is said as such, even when the columns have no number (as
	// a pivot of no rows has none).
	if err := Draw(io.Discard, PNG, text, nil, Options{}); err == nil || err.Error() != "chart: the result has no rows" {
		t.Errorf("got %v, want no rows", err)
	}
	if err := Draw(io.Discard, PNG, text, [][]any{{"armenia", "x"}}, Options{}); !errors.Is(err, ErrNoNumbers) {
		t.Errorf("got %v, want ErrNoNumbers", err)
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]Format{"a.png": PNG, "b/c.SVG": SVG, "d.pdf": PDF, "e.gif": "", "f": ""} {
		got, err := FormatOf(name)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("FormatOf(%q): got %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestColour(t *testing.T) {
	if Colour("Armenia", 3) != Colour("armenia", 0) || Colour(" azerbaijan", 1) != Colour("azerbaijan", 0) {
		t.Error("a side's colour depends on its spelling or position")
	}
	if Colour("armenia", 0) == Colour("azerbaijan", 0) || Colour("killed", 0) != palette[0] || Colour("other", 8) != palette[1] {
		t.Error("wrong palette")
	}
}

func TestPivot(t *testing.T) {
	cols := []render.Column{col("month", render.TypeAny), col("side", render.TypeText), col("incidents", render.TypeAny)}
	rows := [][]any{
		{"2020-09", "azerbaijan", int64(12)},
		{"2020-07", "armenia", int64(5)},
		{"2020-07", "azerbaijan", int64(7)},
		{"2020-07", "armenia", int64(1)},
		{"2020-09", nil, 1.5},
	}
	gotCols, gotRows, err := Pivot(cols, rows)
	if err != nil {
		t.Fatal(err)
	}
	wantCols := []render.Column{col("month", render.TypeAny), col("(none)", render.TypeAny), col("armenia", render.TypeAny), col("azerbaijan", render.TypeAny)}
	wantRows := [][]any{
		{"2020-07", nil, int64(6), int64(7)},
		{"2020-09", 1.5, nil, int64(12)},
	}
	if !reflect.DeepEqual(gotCols, wantCols) || !reflect.DeepEqual(gotRows, wantRows) {
		t.Errorf("got %v %v, want %v %v", gotCols, gotRows, wantCols, wantRows)
	}
	if _, _, err := Pivot(cols[:2], nil); err == nil || err.Error() != "chart: pivot needs three columns (x, series, value), and the result has 2" {
		t.Errorf("two columns: got %v", err)
	}

	filled := fillMonths(gotRows, 4)
	want := [][]any{
		{"2020-07", int64(0), int64(6), int64(7)},
		{"2020-08", int64(0), int64(0), int64(0)},
		{"2020-09", 1.5, int64(0), int64(12)},
	}
	if !reflect.DeepEqual(filled, want) {
		t.Errorf("fillMonths: got %v, want %v", filled, want)
	}
}

func TestTimelineWriter(t *testing.T) {
	var buf bytes.Buffer
	w := NewTimelineWriter(&buf, SVG, Options{Title: "Incidents per month by side", Source: "incq · timeline"})
	var _ render.Writer = w
	w.Header([]render.Column{col("month", render.TypeAny), col("side", render.TypeText), col("incidents", render.TypeAny)})
	for _, r := range [][]any{{"2020-07", "armenia", int64(5)}, {"2021-01", "azerbaijan", int64(2)}} {
		if err := w.Row(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">Incidents per month by side<", ">incq · timeline<", ">2020-07<", ">incidents<"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("SVG lacks %q", want)
		}
	}

	c := NewWriter(io.Discard, PNG, Options{})
	c.Header(casualties.cols)
	for range MaxRows {
		c.Row(casualties.rows[0])
	}
	want := "chart: the result has more than 10000 rows, too many to chart; aggregate it (GROUP BY)"
	if err := c.Row(casualties.rows[0]); err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

// A NULL breaks a line: the points either side are separate segments, and
// nothing is drawn through the gap.
func TestSegments(t *testing.T) {
	nan := math.NaN()
	got := segments(plotter.XYs{{X: 1, Y: 5}, {X: 2, Y: nan}, {X: 3, Y: 3}, {X: 4, Y: 4}, {X: 5, Y: nan}, {X: 6, Y: nan}, {X: 7, Y: 1}})
	want := []plotter.XYs{{{X: 1, Y: 5}}, {{X: 3, Y: 3}, {X: 4, Y: 4}}, {{X: 7, Y: 1}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// Month ticks stand on the months' first days, labelled so that at most
// eight labels show.
func TestMonthTicks(t *testing.T) {
	day := func(y int, m time.Month, d int) float64 {
		return float64(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix())
	}
	ticks := monthTicks{}.Ticks(day(2023, 1, 1), day(2023, 4, 1))
	var got []string
	for _, tk := range ticks {
		got = append(got, time.Unix(int64(tk.Value), 0).UTC().Format(time.DateOnly)+"="+tk.Label)
	}
	want := []string{"2023-01-01=2023-01", "2023-02-01=2023-02", "2023-03-01=2023-03", "2023-04-01=2023-04"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	labels := 0
	for _, tk := range (monthTicks{}).Ticks(day(2021, 5, 1), day(2023, 9, 1)) {
		if tk.Label != "" {
			labels++
			if !strings.HasSuffix(tk.Label, "-01") && !strings.HasSuffix(tk.Label, "-07") {
				t.Errorf("label %s is not on a half-year", tk.Label)
			}
		}
	}
	if labels == 0 || labels > 8 {
		t.Errorf("%d labels, want 1 to 8", labels)
	}
}

// A text column that is the same throughout (casualties-by-side's origin
// on the curated data) does not name the bars; one that varies names them
// with the x column, in column order.
func TestBarLabelsFromVaryingText(t *testing.T) {
	cols := []render.Column{{Name: "origin", Type: render.TypeText}, {Name: "side", Type: render.TypeText}, {Name: "killed", Type: render.TypeInteger}}
	one := [][]any{{"curated", "armenia", int64(6)}, {"curated", "azerbaijan", int64(1)}}
	s, err := resolve(cols, one, Options{})
	if err != nil || s.x != 1 || len(s.also) != 0 {
		t.Errorf("one origin: got x %d, also %v, err %v; want x 1 and no other label", s.x, s.also, err)
	}
	two := [][]any{{"curated", "armenia", int64(6)}, {"ucdp", "artsakh", int64(3)}}
	s, err = resolve(cols, two, Options{})
	if err != nil || s.x != 0 || !reflect.DeepEqual(s.also, []int{1}) {
		t.Errorf("two origins: got x %d, also %v, err %v; want x 0 and side as well", s.x, s.also, err)
	}
}

// Months far apart (a typo dated 2203, or 0001 and 9999) get a few year
// or decade labels and a bounded number of ticks, not one a month.
func TestMonthTicksFarApart(t *testing.T) {
	day := func(y int, m time.Month) float64 {
		return float64(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Unix())
	}
	for _, tc := range []struct {
		name     string
		from, to float64
	}{
		{"2021 to 2203", day(2021, 5), day(2203, 9)},
		{"0001 to 9999", day(1, 1), day(9999, 12)},
		{"ten years", day(2014, 1), day(2023, 12)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ticks := monthTicks{}.Ticks(tc.from, tc.to)
			var labels []string
			for _, tk := range ticks {
				if tk.Label != "" {
					labels = append(labels, tk.Label)
				}
			}
			if len(labels) == 0 || len(labels) > 8 {
				t.Errorf("got labels %q, want 1 to 8", labels)
			}
			if len(ticks) > 130 {
				t.Errorf("got %d ticks, want at most 130", len(ticks))
			}
			for _, l := range labels {
				if strings.Contains(l, "-") {
					t.Errorf("label %q over a span of years, want a year", l)
				}
			}
		})
	}
}

// A count axis is labelled with whole numbers: 0 1 2, never 0.5, 2.50 or
// 5000.00.
func TestCountTicks(t *testing.T) {
	for _, tc := range []struct {
		min, max float64
		want     []string
	}{
		{0, 1.15, []string{"0", "1"}},
		{0, 2.3, []string{"0", "1", "2"}},
		{0, 13, []string{"0", "5", "10"}},
		{0, 5750, []string{"0", "1000", "2000", "3000", "4000", "5000"}},
	} {
		var got []string
		for _, tk := range (countTicks{}).Ticks(tc.min, tc.max) {
			got = append(got, tk.Label)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Ticks(%g, %g): got %q, want %q", tc.min, tc.max, got, tc.want)
		}
	}
	cols := []render.Column{col("month", render.TypeAny), col("armenia", render.TypeInteger), col("azerbaijan", render.TypeInteger)}
	p, err := build(cols, [][]any{{"2023-05", int64(1), int64(1)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.Y.Tick.Marker.(countTicks); !ok {
		t.Errorf("counts: got y ticks %T, want countTicks", p.Y.Tick.Marker)
	}
	p, err = build(cols, [][]any{{"2023-05", 1.5, int64(1)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.Y.Tick.Marker.(countTicks); ok {
		t.Errorf("fractions: got countTicks, want the default ticks")
	}
}

// Two series with the same single point (both sides one incident in a
// one-month timeline) both show: the first's dot is larger, a ring round
// the second's; so do three or more, up to five sizes.
func TestOverlappingDotsShow(t *testing.T) {
	for n := 2; n <= 7; n++ {
		for k := 0; k+1 < n; k++ {
			if a, b := dotRadius(2.5, k, n), dotRadius(2.5, k+1, n); a <= b && n-1-k <= 4 {
				t.Errorf("%d series: dot %d has radius %v, dot %d %v; want the earlier larger", n, k, a, k+1, b)
			}
		}
	}
	if a, b := lineWidth(0, 2), lineWidth(1, 2); a <= b {
		t.Errorf("2 series: line widths %v and %v, want the first wider", a, b)
	}
	if got := dotRadius(3, 0, 1); got != vg.Points(3) {
		t.Errorf("one series: got radius %v, want 3pt", got)
	}
}
