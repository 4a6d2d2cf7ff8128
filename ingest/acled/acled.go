// Package acled reads ACLED exports: the layout since March 2023 and the
// one before, their columns and the codes of ACLED's codebook.
package acled

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/incq/incq/ingest"
)

// Format is ACLED's export.
var Format = &ingest.Format{
	Origin: "acled",
	Coder:  ingest.Coder{ID: "acled", Name: "ACLED", Note: "Armed Conflict Location & Event Data: its coders record one row per event and day, with one fatality total, the lowest its sources give."},
	Table:  "acled_events",
	Key:    "event_id_cnty",
	Layouts: []ingest.Layout{
		{Name: "acled", About: "ACLED export since March 2023", Columns: strings.Split("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp", ",")},
		{Name: "acled-2022", About: "ACLED export before March 2023", Columns: strings.Split("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3", ",")},
	},
	Map: Map,
}

// timePrecision is the codebook's time_precision.
var timePrecision = map[string]string{"1": "day", "2": "week", "3": "month"}

// geoPrecision is the codebook's geo_precision: 1 the town itself, 2 near
// a town or a part of a region, 3 only a larger region (its capital's
// coordinates).
var geoPrecision = map[string]string{"1": "settlement", "2": "district", "3": "province"}

// kinds maps event types to incident kinds; two sub-event types have
// incq kinds of their own.
var kinds = map[string]string{
	"Battles":                    "battle",
	"Explosions/Remote violence": "remote-violence",
	"Violence against civilians": "violence-against-civilians",
	"Protests":                   "protest",
	"Riots":                      "riot",
	"Strategic developments":     "strategic-development",
}

var subKinds = map[string]string{
	"Armed clash":                       "clash",
	"Shelling/artillery/missile attack": "shelling",
}

// Map turns an ACLED row into an event.
func Map(r ingest.Row) (ingest.Event, error) {
	var ev ingest.Event
	id := r.Get("event_id_cnty")
	if id == "" {
		return ev, ingest.Errorf("event_id_cnty", "empty: every event needs its id")
	}
	if strings.ContainsAny(id, " ;,\"") {
		return ev, ingest.Errorf("event_id_cnty", "%q is not an ACLED event id (e.g. AZE14242)", id)
	}
	ev.ID, ev.SortKey = id, ingest.SortKey(id)
	day, err := r.Date("event_date")
	if err != nil {
		return ev, err
	}
	prec, err := r.Code("time_precision", timePrecision)
	if err != nil {
		return ev, err
	}
	ev.Date, ev.DatePrec = ingest.Day(day), prec
	switch prec {
	case "day":
		ev.DateStart, ev.DateEnd = ev.Date, ev.Date
		ev.DateBasis = "ACLED event_date, known to the day (time_precision 1)."
	case "week":
		ev.DateStart, ev.DateEnd = ingest.Day(ingest.Clamp(day.AddDate(0, 0, -3))), ingest.Day(ingest.Clamp(day.AddDate(0, 0, 3)))
		ev.DateBasis = "ACLED event_date, known to the week (time_precision 2): the range is three days either side of it."
	case "month":
		first := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
		ev.DateStart, ev.DateEnd = ingest.Day(first), ingest.Day(first.AddDate(0, 1, -1))
		ev.DateBasis = "ACLED event_date, known to the month (time_precision 3): the range is that calendar month."
	}
	et, sub := r.Get("event_type"), r.Get("sub_event_type")
	kind, ok := subKinds[sub]
	if !ok {
		if kind, ok = kinds[et]; !ok {
			return ev, ingest.Errorf("event_type", "unknown event type %q", et)
		}
	}
	ev.Kind = kind
	ev.Country = r.Get("country")
	if ev.Country == "" {
		return ev, ingest.Errorf("country", "empty: every ACLED event has a country")
	}
	geo, err := r.Code("geo_precision", geoPrecision)
	if err != nil {
		return ev, err
	}
	lat, lon, has, err := r.Coord("latitude", "longitude")
	if err != nil {
		return ev, err
	}
	ev.Place = ingest.Place{Name: r.Get("location"), Admin1: r.Get("admin1"), Lat: lat, Lon: lon, HasCoord: has, Prec: geo}
	dead, err := r.Count("fatalities")
	if err != nil {
		return ev, err
	}
	for _, role := range []string{"actor1", "assoc_actor_1", "actor2", "assoc_actor_2"} {
		names := []string{r.Get(role)}
		if strings.HasPrefix(role, "assoc") {
			names = ingest.Split(r.Get(role))
		}
		for _, n := range names {
			if n != "" {
				ev.Parties = append(ev.Parties, ingest.Party{Name: n, Role: role})
			}
		}
	}
	note := "ACLED's fatalities: one total for the event, whichever side, the lowest figure its sources give."
	told := fmt.Sprintf("%d fatalities", dead)
	if dead == 0 {
		note = "ACLED's 0: no fatalities reported."
		told = "no fatalities reported"
	}
	ev.Figures = []ingest.Figure{{Suffix: "all", Party: -1, Category: "any", Count: dead, Note: note}}
	for _, s := range ingest.Split(r.Get("source")) {
		ev.Citations = append(ev.Citations, ingest.Citation{Outlet: s})
	}
	what := et
	if sub != "" {
		what += " (" + sub + ")"
	}
	ev.Claim = fmt.Sprintf("ACLED codes %s, %s.", what, told)
	ev.Summary = r.Get("notes")
	if ev.Summary == "" {
		ev.Summary = fmt.Sprintf("%s: %s", what, partyList(ev.Parties))
	}
	if ts := r.Get("timestamp"); ts != "" {
		n, err := strconv.ParseInt(ts, 10, 64)
		if err != nil || n < 0 {
			return ev, ingest.Errorf("timestamp", "%q is not a Unix time", ts)
		}
		ev.Stamp = ingest.Day(time.Unix(n, 0).UTC())
	}
	return ev, nil
}

func partyList(ps []ingest.Party) string {
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	if len(names) == 0 {
		return "no actor named"
	}
	return strings.Join(names, "; ")
}
