package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// LocateFunc gives the coordinates of a row from the value of one of its
// key columns (e.g. a place_id or incident_id), or ok false when it knows
// no place for that value.
type LocateFunc func(col string, val any) (lat, lon float64, ok bool)

// Locator lets the GeoJSON writer place a result that has no lat/lon
// columns. The writer uses the first of Columns the result has (names
// compared without regard to case) and calls Locate with that column's
// name, as Columns spells it, and each row's value.
type Locator struct {
	Columns []string // e.g. "place_id", "incident_id"
	Locate  LocateFunc
}

// geoJSONMaxSkipped bounds the descriptions of skipped rows a GeoJSON
// writer keeps; it counts them all.
const geoJSONMaxSkipped = 100

// GeoJSONWriter writes an RFC 7946 FeatureCollection: one Point feature
// per row, at the row's lat/lon (or latitude/longitude, lng) columns, or
// where its Locator puts it. The other columns are the feature's
// properties, in column order, NULL as null, as the JSON format writes
// them. A row without coordinates is skipped, not an error: Skipped lists
// them. Features stream out one a line.
type GeoJSONWriter struct {
	w       *bufio.Writer
	loc     *Locator
	lat     int // index of the latitude column, -1 if none
	lon     int // index of the longitude column, -1 if none
	key     int // index of the Locator's column, -1 if none
	keyName string
	props   []int // indexes of the property columns
	cols    []Column
	pvals   []any
	pbuf    bytes.Buffer
	penc    *jsonWriter
	rows    int
	written int
	skipped []string
	nskip   int
	note    func(string)
}

// NewGeoJSON returns a GeoJSON writer on w; loc may be nil.
func NewGeoJSON(w io.Writer, loc *Locator) *GeoJSONWriter {
	return &GeoJSONWriter{w: bufio.NewWriter(w), loc: loc, lat: -1, lon: -1, key: -1}
}

// Header finds the coordinate columns; a result without them (and
// without a column the Locator knows) is an error.
func (g *GeoJSONWriter) Header(cols []Column) error {
	if err := distinctNames(GeoJSON, cols); err != nil {
		return err
	}
	g.cols = cols
	for i, c := range cols {
		switch strings.ToLower(c.Name) {
		case "lat", "latitude":
			if g.lat < 0 {
				g.lat = i
				continue
			}
		case "lon", "lng", "longitude":
			if g.lon < 0 {
				g.lon = i
				continue
			}
		}
		g.props = append(g.props, i)
	}
	switch {
	case g.lat >= 0 && g.lon < 0:
		return fmt.Errorf("geojson: the result has a latitude column (%q) but no longitude column (lon or longitude)", cols[g.lat].Name)
	case g.lon >= 0 && g.lat < 0:
		return fmt.Errorf("geojson: the result has a longitude column (%q) but no latitude column (lat or latitude)", cols[g.lon].Name)
	case g.lat < 0:
		if g.loc != nil && g.loc.Locate != nil {
			for _, k := range g.loc.Columns {
				for i, c := range cols {
					if g.key < 0 && strings.EqualFold(c.Name, k) {
						g.key, g.keyName = i, k
					}
				}
			}
		}
		if g.key < 0 {
			hint := "select them, e.g. JOIN places USING (place_id) and add places.lat, places.lon"
			if g.loc != nil && len(g.loc.Columns) > 0 {
				hint += ", or select a column that places the row (" + strings.Join(g.loc.Columns, ", ") + ")"
			}
			return errors.New("geojson: the result has no lat/lon columns; " + hint)
		}
	}
	propCols := make([]Column, len(g.props))
	for i, p := range g.props {
		propCols[i] = cols[p]
	}
	g.pvals = make([]any, len(g.props))
	g.penc = newJSON(&g.pbuf, true, GeoJSON)
	if err := g.penc.Header(propCols); err != nil {
		return err
	}
	_, err := g.w.WriteString(`{"type":"FeatureCollection","features":[`)
	return err
}

// Row writes the row's feature, or counts it as skipped.
func (g *GeoJSONWriter) Row(vals []any) error {
	g.rows++
	lat, lon, why := g.coordinates(vals)
	if why != "" {
		g.skip(vals, why)
		return nil
	}
	geom, err := json.Marshal(point{Type: "Point", Coordinates: [2]float64{lon, lat}})
	if err != nil {
		return fmt.Errorf("geojson: row %d: %w", g.rows, err)
	}
	for i, p := range g.props {
		g.pvals[i] = vals[p]
	}
	g.pbuf.Reset()
	if err := g.penc.Row(g.pvals); err != nil {
		return fmt.Errorf("geojson: row %d: %w", g.rows, err)
	}
	if err := g.penc.Flush(); err != nil {
		return fmt.Errorf("geojson: row %d: %w", g.rows, err)
	}
	props := bytes.TrimSuffix(g.pbuf.Bytes(), []byte("\n"))
	if len(g.props) == 0 {
		props = []byte("null")
	}
	if g.written > 0 {
		g.w.WriteByte(',')
	}
	g.written++
	g.w.WriteString("\n{\"type\":\"Feature\",\"geometry\":")
	g.w.Write(geom)
	g.w.WriteString(",\"properties\":")
	g.w.Write(props)
	_, err = g.w.WriteString("}")
	return err
}

// coordinates returns the row's position, or why it has none.
func (g *GeoJSONWriter) coordinates(vals []any) (lat, lon float64, why string) {
	if g.lat < 0 {
		v := vals[g.key]
		if v == nil {
			return 0, 0, fmt.Sprintf("no %s", g.cols[g.key].Name)
		}
		lat, lon, ok := g.loc.Locate(g.keyName, v)
		if !ok {
			if g.props[0] == g.key {
				return 0, 0, "no known coordinates" // skip names the key
			}
			return 0, 0, fmt.Sprintf("%s %s has no known coordinates", g.cols[g.key].Name, quoteValue(v))
		}
		return lat, lon, checkLatLon(lat, lon)
	}
	if vals[g.lat] == nil || vals[g.lon] == nil {
		return 0, 0, "no known coordinates" // the words the Locator's rows get: one fact, one wording
	}
	lat, okLat := toFloat(vals[g.lat])
	lon, okLon := toFloat(vals[g.lon])
	if !okLat || !okLon {
		return 0, 0, fmt.Sprintf("coordinates %s, %s are not numbers", quoteValue(vals[g.lat]), quoteValue(vals[g.lon]))
	}
	return lat, lon, checkLatLon(lat, lon)
}

func checkLatLon(lat, lon float64) string {
	if !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
		return fmt.Sprintf("coordinates %s, %s are out of range", formatFloat(lat), formatFloat(lon))
	}
	return ""
}

func toFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, !math.IsNaN(v)
	case int64:
		return float64(v), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil && !math.IsNaN(f)
	case []byte:
		return toFloat(string(v))
	}
	return 0, false
}

// quoteValue shows a value in a message: text quoted, NULL as NULL.
func quoteValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case string:
		return strconv.Quote(v)
	}
	return Text(v)
}

// skip records a row without coordinates, named by its row number and its
// first property (usually its id).
func (g *GeoJSONWriter) skip(vals []any, why string) {
	g.nskip++
	if len(g.skipped) >= geoJSONMaxSkipped {
		return
	}
	name := fmt.Sprintf("row %d", g.rows)
	if len(g.props) > 0 {
		p := g.props[0]
		name += fmt.Sprintf(" (%s %s)", g.cols[p].Name, quoteValue(vals[p]))
	}
	g.skipped = append(g.skipped, name+": "+why)
}

// Skipped describes the rows left out for want of coordinates, e.g.
// `row 4 (incident_id "I07"): no known coordinates`: the first 100 of them;
// SkippedCount counts them all.
func (g *GeoJSONWriter) Skipped() []string { return g.skipped }

// SkippedCount is the number of rows left out for want of coordinates.
func (g *GeoJSONWriter) SkippedCount() int { return g.nskip }

// geoJSONNoteSkipped is how many skipped rows Flush names in its notes;
// it counts the rest.
const geoJSONNoteSkipped = 10

// Flush closes the collection. With Options.Note set (render.New), it
// then names the rows left out, one note each (the first 10), and counts
// them.
func (g *GeoJSONWriter) Flush() error {
	if g.penc == nil {
		return errors.New("geojson: no header")
	}
	if g.written > 0 {
		g.w.WriteByte('\n')
	}
	g.w.WriteString("]}\n")
	if err := g.w.Flush(); err != nil {
		return err
	}
	if g.note != nil && g.nskip > 0 {
		for i, s := range g.skipped {
			if i == geoJSONNoteSkipped {
				break
			}
			g.note("geojson: left out " + s)
		}
		if more := g.nskip - min(len(g.skipped), geoJSONNoteSkipped); more > 0 {
			g.note(fmt.Sprintf("geojson: ... and %d more rows left out", more))
		}
		if g.written > 0 {
			g.note(fmt.Sprintf("geojson: %d of %d rows left out for want of coordinates", g.nskip, g.rows))
		}
	}
	if g.written == 0 && g.rows > 0 {
		// A map without a point is no answer: an error, so that a file
		// written with -o is not left behind.
		return fmt.Errorf("geojson: none of the %d rows has coordinates: no map written", g.rows)
	}
	return nil
}

// point is a GeoJSON Point geometry (RFC 7946, section 3.1.2): longitude
// first. Written by hand rather than with a GeoJSON library, whose
// package initialisation every start of incq would pay.
type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}
