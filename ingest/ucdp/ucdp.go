// Package ucdp reads UCDP Georeferenced Event Dataset (GED) exports: GED
// 19.1, GED 20.1 and later, and HDX's per-country files, their columns and
// the codes of the GED codebook.
package ucdp

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/incq/incq/ingest"
)

const ged191 = "id,year,active_year,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,dyad_name,side_a_new_id,gwnoa,side_a,side_b_new_id,gwnob,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,low,best,high"

// Format is UCDP GED's export.
var Format = &ingest.Format{
	Origin: "ucdp",
	Coder:  ingest.Coder{ID: "ucdp", Name: "UCDP", Note: "Uppsala Conflict Data Program: its Georeferenced Event Dataset (GED) codes one row per event with deaths per side and a best, low and high estimate."},
	Table:  "ucdp_events",
	Key:    "id",
	Layouts: []ingest.Layout{
		{Name: "ged", About: "UCDP GED 20.1 or later", Columns: strings.Split("id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob", ",")},
		{Name: "ged-19.1", About: "UCDP GED 19.1", Columns: strings.Split(ged191, ",")},
		{Name: "ged-hdx", About: "HDX's per-country UCDP GED file", Columns: strings.Split(ged191+",iso3", ","), HXL: true},
		{Name: "ged-hdx-2020", About: "HDX's per-country UCDP GED file of 2020", Columns: strings.Split(ged191+",iso3,start_year,end_year", ","), HXL: true},
	},
	Map: Map,
}

// datePrecision is the codebook's date_prec: 1 the day, 2 a span of two
// to six days, 3 the week, 4 the month (8 to 30 days), 5 the year.
var datePrecision = map[string]string{"1": "day", "2": "days", "3": "week", "4": "month", "5": "year"}

// wherePrecision is the codebook's where_prec: 1 the exact place, 2 within
// 25 km of a known point, 3 a second-order division (adm_2), 4 a
// first-order one (adm_1), 5 a part of the country larger than that, 6
// only the country, 7 international waters or airspace.
var wherePrecision = map[string]string{"1": "settlement", "2": "district", "3": "district", "4": "province", "5": "region", "6": "country", "7": "unknown"}

// violence is the codebook's type_of_violence.
var violence = map[string]string{"1": "state-based", "2": "non-state", "3": "one-sided"}

// Map turns a GED row into an event.
func Map(r ingest.Row) (ingest.Event, error) {
	var ev ingest.Event
	n, err := r.Int("id", false)
	if err != nil {
		return ev, err
	}
	ev.ID = "GED-" + strconv.FormatInt(n, 10)
	ev.SortKey = fmt.Sprintf("%020d", n)
	start, err := r.Date("date_start")
	if err != nil {
		return ev, err
	}
	end, err := r.Date("date_end")
	if err != nil {
		return ev, err
	}
	if end.Before(start) {
		return ev, ingest.Errorf("date_end", "%s is before date_start %s", ingest.Day(end), ingest.Day(start))
	}
	if ev.DatePrec, err = r.Code("date_prec", datePrecision); err != nil {
		return ev, err
	}
	ev.Date, ev.DateStart, ev.DateEnd = ingest.Day(start), ingest.Day(start), ingest.Day(end)
	ev.DateBasis = fmt.Sprintf("UCDP date_start to date_end, date_prec %s; the best date is date_start.", r.Get("date_prec"))
	if ev.Kind, err = r.Code("type_of_violence", violence); err != nil {
		return ev, err
	}
	ev.Country = r.Get("country")
	geo, err := r.Code("where_prec", wherePrecision)
	if err != nil {
		return ev, err
	}
	lat, lon, has, err := r.Coord("latitude", "longitude")
	if err != nil {
		return ev, err
	}
	ev.Place = ingest.Place{Name: r.Get("where_coordinates"), Admin1: r.Get("adm_1"), Lat: lat, Lon: lon, HasCoord: has, Prec: geo}
	if geo == "country" || geo == "unknown" {
		ev.Place.Name = "" // the country, or no place at all
	}
	deaths := map[string]int64{}
	for _, c := range []string{"deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high"} {
		if deaths[c], err = r.Count(c); err != nil {
			return ev, err
		}
	}
	sideA, sideB := r.Get("side_a"), r.Get("side_b")
	ev.Parties = []ingest.Party{{Name: sideA, Role: "side_a"}, {Name: sideB, Role: "side_b"}}
	if sideA == "" {
		return ev, ingest.Errorf("side_a", "empty: every GED event has two sides")
	}
	if sideB == "" {
		return ev, ingest.Errorf("side_b", "empty: every GED event has two sides")
	}
	ev.Figures = []ingest.Figure{
		{Suffix: "a", Party: 0, Category: "combatant", Count: deaths["deaths_a"], Note: fmt.Sprintf("UCDP deaths_a: deaths of side A, %s (best estimate).", sideA)},
		{Suffix: "b", Party: 1, Category: "combatant", Count: deaths["deaths_b"], Note: fmt.Sprintf("UCDP deaths_b: deaths of side B, %s (best estimate).", sideB)},
		{Suffix: "civilians", Party: -1, Category: "civilian", Count: deaths["deaths_civilians"], Note: "UCDP deaths_civilians (best estimate)."},
		{Suffix: "unknown", Party: -1, Category: "any", Count: deaths["deaths_unknown"], Note: "UCDP deaths_unknown: deaths whose side is not known (best estimate)."},
	}
	parts := []string{"a", "b", "civilians", "unknown"}
	ev.Totals = []ingest.Total{
		{Suffix: "best", Count: deaths["best"], Qualifier: "exact", Parts: parts, Note: "UCDP best: its best estimate of all deaths in the event."},
		{Suffix: "low", Count: deaths["low"], Qualifier: "low", Parts: parts, Note: "UCDP low: its lowest reasonable estimate."},
		{Suffix: "high", Count: deaths["high"], Qualifier: "high", Parts: parts, Note: "UCDP high: its highest reasonable estimate."},
	}
	offices, dates, heads := ingest.Split(r.Get("source_office")), splitAll(r.Get("source_date")), splitAll(r.Get("source_headline"))
	for i, o := range offices {
		c := ingest.Citation{Outlet: o}
		if len(offices) == len(dates) {
			c.Date = dates[i]
		}
		if len(offices) == len(heads) {
			c.Headline = heads[i]
		}
		ev.Citations = append(ev.Citations, c)
	}
	dyad := r.Get("dyad_name")
	if dyad == "" {
		dyad = sideA + " - " + sideB
	}
	ev.Summary = fmt.Sprintf("%s: %d dead by UCDP's best estimate (low %d, high %d)", dyad, deaths["best"], deaths["low"], deaths["high"])
	if ev.Place.Name != "" {
		ev.Summary += " at " + ev.Place.Name
	}
	ev.Summary += "."
	ev.Claim = fmt.Sprintf("UCDP codes %s violence: %d dead of side A, %d of side B, %d civilians, %d unknown; best %d, low %d, high %d.",
		ev.Kind, deaths["deaths_a"], deaths["deaths_b"], deaths["deaths_civilians"], deaths["deaths_unknown"], deaths["best"], deaths["low"], deaths["high"])
	return ev, nil
}

// splitAll splits a ';' list keeping empty parts, so that it lines up
// with the list of offices.
func splitAll(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.Split(s, ";")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}
