package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

var geoSample = result{
	cols: []Column{
		{"place_id", TypeText}, {"Lat", TypeReal}, {"name", TypeText},
		{"LON", TypeReal}, {"incidents", TypeAny}, {"note", TypeText},
	},
	rows: [][]any{
		{"tovuz", 40.99, "Tovuz", 45.63, int64(3), "<b>&</b>"},
		{"nowhere", nil, "Nowhere", nil, int64(1), nil},
		{"sotk", 40.2, "Sotk", 45.8, int64(2), nil},
	},
}

func writeGeoJSON(tb testing.TB, loc *Locator, cols []Column, rows [][]any) (string, *GeoJSONWriter, error) {
	tb.Helper()
	var buf bytes.Buffer
	w := NewGeoJSON(&buf, loc)
	err := writeAll(tb, w, cols, rows)
	return buf.String(), w, err
}

func TestGeoJSON(t *testing.T) {
	got, w, err := writeGeoJSON(t, nil, geoSample.cols, geoSample.rows)
	if err != nil {
		t.Fatal(err)
	}
	// Deterministic, so compared whole: one feature a line, properties in
	// column order, no HTML escaping.
	want := `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[45.63,40.99]},"properties":{"place_id":"tovuz","name":"Tovuz","incidents":3,"note":"<b>&</b>"}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[45.8,40.2]},"properties":{"place_id":"sotk","name":"Sotk","incidents":2,"note":null}}
]}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if want := []string{`row 2 (place_id "nowhere"): no known coordinates`}; !reflect.DeepEqual(w.Skipped(), want) || w.SkippedCount() != 1 {
		t.Errorf("skipped: got %d %q, want 1 %q", w.SkippedCount(), w.Skipped(), want)
	}

	fc, err := geojson.UnmarshalFeatureCollection([]byte(got))
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != 2 {
		t.Fatalf("got %d features, want 2", len(fc.Features))
	}
	f := fc.Features[0]
	if p, ok := f.Geometry.(orb.Point); !ok || p.Lon() != 45.63 || p.Lat() != 40.99 {
		t.Errorf("geometry: got %#v, want Point [45.63 40.99] (lon, lat)", f.Geometry)
	}
	wantProps := geojson.Properties{"place_id": "tovuz", "name": "Tovuz", "incidents": 3.0, "note": "<b>&</b>"}
	if !reflect.DeepEqual(f.Properties, wantProps) {
		t.Errorf("properties: got %v, want %v", f.Properties, wantProps)
	}
	if v, ok := fc.Features[1].Properties["note"]; !ok || v != nil {
		t.Errorf("NULL property: got %v, %v; want present and null", v, ok)
	}
}

func TestGeoJSONEmpty(t *testing.T) {
	got, _, err := writeGeoJSON(t, nil, Columns("latitude", "longitude"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\"type\":\"FeatureCollection\",\"features\":[]}\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := geojson.UnmarshalFeatureCollection([]byte(got)); err != nil {
		t.Error(err)
	}
}

func TestGeoJSONLocator(t *testing.T) {
	places := map[string][2]float64{"I01": {40.99, 45.63}}
	loc := &Locator{
		Columns: []string{"place_id", "incident_id"},
		Locate: func(col string, v any) (float64, float64, bool) {
			if col != "incident_id" {
				t.Errorf("Locate called with column %q, want incident_id", col)
			}
			p, ok := places[v.(string)]
			return p[0], p[1], ok
		},
	}
	rows := [][]any{{"I01", "2020-07-12"}, {"I99", "2020-07-13"}, {nil, "2020-07-14"}}
	got, w, err := writeGeoJSON(t, loc, []Column{{"Incident_ID", TypeText}, {"date", TypeDate}}, rows)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[45.63,40.99]},"properties":{"Incident_ID":"I01","date":"2020-07-12"}}
]}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	wantSkipped := []string{
		`row 2 (Incident_ID "I99"): no known coordinates`,
		`row 3 (Incident_ID NULL): no Incident_ID`,
	}
	if !reflect.DeepEqual(w.Skipped(), wantSkipped) {
		t.Errorf("skipped: got %q, want %q", w.Skipped(), wantSkipped)
	}
}

func TestGeoJSONErrors(t *testing.T) {
	loc := &Locator{Columns: []string{"place_id", "incident_id"}, Locate: func(string, any) (float64, float64, bool) { return 0, 0, false }}
	tests := []struct {
		name string
		loc  *Locator
		cols []string
		want string
	}{
		{"no coordinates", nil, []string{"side", "killed"},
			"geojson: the result has no lat/lon columns; select them, e.g. JOIN places USING (place_id) and add places.lat, places.lon"},
		{"no coordinates nor key", loc, []string{"side", "killed"},
			"geojson: the result has no lat/lon columns; select them, e.g. JOIN places USING (place_id) and add places.lat, places.lon, or select a column that places the row (place_id, incident_id)"},
		{"lat only", nil, []string{"id", "lat"},
			`geojson: the result has a latitude column ("lat") but no longitude column (lon or longitude)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := NewGeoJSON(&bytes.Buffer{}, tt.loc)
			if err := w.Header(Columns(tt.cols...)); err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}

	// Out of range and not numbers: skipped, with the reason; when no
	// row is left, no map: an error.
	_, w, err := writeGeoJSON(t, nil, Columns("id", "lat", "lon"), [][]any{{"a", 91.0, 0.0}, {"b", "x", 1.0}})
	if want := "geojson: none of the 2 rows has coordinates: no map written"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
	want := []string{`row 1 (id "a"): coordinates 91.0, 0.0 are out of range`, `row 2 (id "b"): coordinates "x", 1.0 are not numbers`}
	if !reflect.DeepEqual(w.Skipped(), want) {
		t.Errorf("skipped: got %q, want %q", w.Skipped(), want)
	}
	// One row placed: a map, the others named.
	_, w, err = writeGeoJSON(t, nil, Columns("id", "lat", "lon"), [][]any{{"a", 91.0, 0.0}, {"c", 40.2, 45.9}})
	if err != nil || len(w.Skipped()) != 1 {
		t.Errorf("got %v, skipped %q; want a map with one row left out", err, w.Skipped())
	}
}

// TestGeoJSONOgrinfo has GDAL read the file, when ogrinfo is installed
// (Debian: apt-get install gdal-bin).
func TestGeoJSONOgrinfo(t *testing.T) {
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo is not installed; apt-get install gdal-bin to check GeoJSON output with GDAL")
	}
	got, _, err := writeGeoJSON(t, nil, geoSample.cols, geoSample.rows)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "sample.geojson")
	if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(ogrinfo, "-ro", "-al", "-q", file).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	for _, want := range []string{
		"place_id (String) = tovuz",
		"incidents (Integer) = 3",
		"note (String) = <b>&</b>",
		"POINT (45.63 40.99)",
		"POINT (45.8 40.2)",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("ogrinfo output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(string(out), "OGRFeature("); n != 2 {
		t.Errorf("ogrinfo read %d features, want 2:\n%s", n, out)
	}
	// The output is valid JSON too.
	if !json.Valid([]byte(got)) {
		t.Error("not valid JSON")
	}
}

// Through New, the rows left out are named in notes: the first ten, a
// count of the rest, and a summary.
func TestGeoJSONNotesSkipped(t *testing.T) {
	var notes []string
	w, err := New(GeoJSON, &bytes.Buffer{}, Options{Note: func(s string) { notes = append(notes, s) }})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{{"ok", 40.0, 45.0}}
	for i := range 12 {
		rows = append(rows, []any{fmt.Sprintf("p%d", i), nil, nil})
	}
	if err := writeAll(t, w, Columns("id", "lat", "lon"), rows); err != nil {
		t.Fatal(err)
	}
	if len(notes) != 12 {
		t.Fatalf("got %d notes, want 12: %q", len(notes), notes)
	}
	for i, want := range map[int]string{
		0:  `geojson: left out row 2 (id "p0"): no known coordinates`,
		9:  `geojson: left out row 11 (id "p9"): no known coordinates`,
		10: `geojson: ... and 2 more rows left out`,
		11: `geojson: 12 of 13 rows left out for want of coordinates`,
	} {
		if notes[i] != want {
			t.Errorf("note %d: got %q, want %q", i, notes[i], want)
		}
	}
}
