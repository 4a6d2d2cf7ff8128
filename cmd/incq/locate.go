package main

import (
	"context"
	"fmt"

	"github.com/incq/incq"
	"github.com/incq/incq/queries"
	"github.com/incq/incq/render"
)

// locatorFor places the rows of a result without lat/lon columns for
// --format geojson: by place_id at the place's coordinates, by
// incident_id at its place's (queries/export/locations.sql). It loads the
// coordinates from the result's own database; a result not from one (a
// listing) gets no locator.
func locatorFor(ctx context.Context, results []result) (*render.Locator, error) {
	var db *incq.DB
	for _, r := range results {
		if r.db != nil {
			db = r.db
		}
	}
	if db == nil {
		return nil, nil
	}
	q, err := queries.Internal("export/locations.sql")
	if err != nil {
		return nil, err
	}
	rows, err := db.Query(ctx, q.SQL)
	if err != nil {
		return nil, fmt.Errorf("geojson: load coordinates: %w", err)
	}
	defer rows.Close()
	type point struct{ lat, lon float64 }
	at := map[string]map[string]point{"place_id": {}, "incident_id": {}}
	for rows.Next() {
		v := rows.Values()
		col, _ := v[0].(string)
		key, _ := v[1].(string)
		lat, okLat := float(v[2])
		lon, okLon := float(v[3])
		if m := at[col]; m != nil && okLat && okLon {
			m[key] = point{lat, lon}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("geojson: load coordinates: %w", err)
	}
	return &render.Locator{
		Columns: []string{"place_id", "incident_id"},
		Locate: func(col string, val any) (float64, float64, bool) {
			key, ok := val.(string)
			if !ok {
				return 0, 0, false
			}
			p, ok := at[col][key]
			return p.lat, p.lon, ok
		},
	}, nil
}

// float reads a coordinate: a REAL, or an INTEGER a CSV gave as 46.
func float(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case int64:
		return float64(v), true
	}
	return 0, false
}
