package ingest

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/incq/incq/internal/fold"
	"github.com/incq/incq/schema"
)

// writer puts mapped events into the dataset's tables: the one place that
// knows them. Places and parties are made once, the first time an event
// names them; places the gazetteer knows by any of their names are joined.
type writer struct {
	f     *Format
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
	// batches gathers the rows of the statements run once or more per
	// event, inserted batchRows at a time: several times faster than a
	// statement a row.
	batches map[string]*batch
	cols    []string          // the raw table's export columns, in its order
	types   map[string]string // its numeric columns

	gazetteer map[string][]knownPlace // folded name → places of that name
	countries map[string]string       // folded country name → its place
	placeIDs  map[string]bool         // every place id in use
	newPlaces map[string]string       // country|admin1|name → its place
	actorIDs  map[string]bool
	parties   map[string]string // party name → its actor
	known     map[string]string // the base dataset's incidents, with their origin
	mapped    map[string]bool   // the parties actor_sides lists
	events    map[string]int64  // per party name, the events naming it
	lastEvent map[string]string // per party name, the last event counted
	sourceIDs []string          // per input file
	// sourceTaken and filesTaken are the base dataset's source ids and
	// file names, and those given out since.
	sourceTaken, filesTaken map[string]bool
}

type knownPlace struct {
	id, country string
	lat, lon    float64
	hasCoord    bool
	prec        string
}

func newWriter(ctx context.Context, conn *sql.Conn, f *Format) (*writer, error) {
	w := &writer{f: f, conn: conn, stmts: map[string]*sql.Stmt{}, batches: map[string]*batch{},
		gazetteer: map[string][]knownPlace{}, countries: map[string]string{}, placeIDs: map[string]bool{},
		newPlaces: map[string]string{}, actorIDs: map[string]bool{}, parties: map[string]string{},
		sourceTaken: map[string]bool{}, filesTaken: map[string]bool{}}
	w.known, w.mapped, w.events, w.lastEvent = map[string]string{}, map[string]bool{}, map[string]int64{}, map[string]string{}
	// What the base dataset holds already: source ids and files, places
	// and their names, actors, incidents, the parties actor_sides maps,
	// and the columns of the raw table.
	err := scanEach(ctx, conn, `SELECT source_id, file FROM sources`, nil, func(rows *sql.Rows) error {
		var id, file string
		err := rows.Scan(&id, &file)
		w.sourceTaken[id], w.filesTaken[file] = true, true
		return err
	})
	if err == nil {
		err = scanEach(ctx, conn, `
		SELECT p.place_id, p.name, coalesce(p.country, ''), p.kind, p.lat, p.lon, coalesce(p.coord_precision, '') FROM places AS p
		UNION ALL
		SELECT p.place_id, a.alias, coalesce(p.country, ''), p.kind, p.lat, p.lon, coalesce(p.coord_precision, '') FROM place_aliases AS a JOIN places AS p USING (place_id)`, nil, func(rows *sql.Rows) error {
			var id, name, country, kind, prec string
			var lat, lon sql.NullFloat64
			if err := rows.Scan(&id, &name, &country, &kind, &lat, &lon, &prec); err != nil {
				return err
			}
			w.placeIDs[id] = true
			k := fold.Name(name)
			if kind == "country" {
				w.countries[k] = id
			} else if !containsPlace(w.gazetteer[k], id) {
				w.gazetteer[k] = append(w.gazetteer[k], knownPlace{id: id, country: fold.Name(country), lat: lat.Float64, lon: lon.Float64, hasCoord: lat.Valid && lon.Valid, prec: prec})
			}
			return nil
		})
	}
	if err == nil {
		err = scanEach(ctx, conn, `SELECT actor_id, name, kind FROM actors`, nil, func(rows *sql.Rows) error {
			var id, name, kind string
			err := rows.Scan(&id, &name, &kind)
			w.actorIDs[id] = true
			if kind == "party" {
				w.parties[name] = id // an earlier import's party: the same actor
			}
			return err
		})
	}
	if err == nil {
		err = scanEach(ctx, conn, `SELECT incident_id, origin FROM incidents`, nil, func(rows *sql.Rows) error {
			var id, origin string
			err := rows.Scan(&id, &origin)
			w.known[id] = origin
			return err
		})
	}
	if err == nil {
		err = scanEach(ctx, conn, `SELECT actor FROM actor_sides`, nil, func(rows *sql.Rows) error {
			var name string
			err := rows.Scan(&name)
			w.mapped[name] = true
			return err
		})
	}
	if err == nil {
		w.types, err = columnTypes(ctx, conn, f.Table)
	}
	if err == nil {
		err = scanEach(ctx, conn, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, []any{f.Table}, func(rows *sql.Rows) error {
			var c string
			err := rows.Scan(&c)
			w.cols = append(w.cols, c)
			return err
		})
	}
	if err != nil {
		return nil, err
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(w.cols)), ", ")
	for name, q := range map[string]string{
		"incident": `INSERT INTO incidents (incident_id, kind, date, date_start, date_end, date_precision, date_basis, place_id, geo_precision, summary, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		"claim":    `INSERT INTO claims (claim_id, incident_id, source_id, paragraph, claimant_id, kind, summary) VALUES (?, ?, ?, ?, ?, 'coding', ?)`,
		"figure":   `INSERT INTO casualties (figure_id, claim_id, status, category, count, qualifier, paragraph, note, party_id) VALUES (?, ?, ?, ?, ?, 'exact', ?, ?, ?)`,
		"total":    `INSERT INTO casualty_totals (total_id, claim_id, status, count, qualifier, paragraph, parts, note) VALUES (?, ?, 'killed', ?, ?, ?, ?, ?)`,
		"cite":     `INSERT INTO claim_citations (claim_id, n, outlet, date, headline) VALUES (?, ?, ?, ?, ?)`,
		"party":    `INSERT OR IGNORE INTO incident_parties (incident_id, actor_id, role) VALUES (?, ?, ?)`,
		"actor":    `INSERT INTO actors (actor_id, name, kind, note) VALUES (?, ?, 'party', ?)`,
		"place":    `INSERT INTO places (place_id, name, kind, country, province, parent_id, lat, lon, coord_precision, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		"raw":      fmt.Sprintf(`INSERT INTO "%s" VALUES (%s)`, f.Table, marks),
		"source":   `INSERT INTO sources (source_id, file, outlet, outlet_basis, published, published_start, published_end, published_precision, published_basis, covers, note) VALUES (?, ?, ?, 'stated', ?, ?, ?, ?, ?, ?, ?)`,
	} {
		st, err := conn.PrepareContext(ctx, q)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("import: %s: %w", name, err)
		}
		w.stmts[name] = st
		if name != "place" && name != "actor" && name != "source" {
			i := strings.LastIndex(q, "VALUES ")
			w.batches[name] = &batch{prefix: q[:i+len("VALUES ")], tuple: q[i+len("VALUES "):]}
		}
	}
	if !w.actorIDs[f.Coder.ID] {
		if _, err := conn.ExecContext(ctx, `INSERT INTO actors (actor_id, name, kind, note) VALUES (?, ?, 'coder', ?)`, f.Coder.ID, f.Coder.Name, f.Coder.Note); err != nil {
			w.close()
			return nil, err
		}
		w.actorIDs[f.Coder.ID] = true
	}
	return w, nil
}

// scanEach runs query on conn and hands each row to fn.
func scanEach(ctx context.Context, conn *sql.Conn, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func containsPlace(ps []knownPlace, id string) bool {
	for _, p := range ps {
		if p.id == id {
			return true
		}
	}
	return false
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
	for _, b := range w.batches {
		if b.full != nil {
			b.full.Close()
		}
	}
}

func (w *writer) exec(ctx context.Context, stmt string, args ...any) error {
	if b := w.batches[stmt]; b != nil {
		b.args = append(b.args, args...)
		if b.rows++; b.rows == batchRows {
			return w.flush(ctx, stmt)
		}
		return nil
	}
	if _, err := w.stmts[stmt].ExecContext(ctx, args...); err != nil {
		return fmt.Errorf("import %s: %w", stmt, err)
	}
	return nil
}

// batchRows is how many rows one batched INSERT carries.
const batchRows = 64

// batch is the pending rows of one statement.
type batch struct {
	prefix, tuple string    // INSERT ... VALUES and (?, ?, ...)
	full          *sql.Stmt // the statement for batchRows rows
	args          []any
	rows          int
}

// flush inserts the pending rows of stmt.
func (w *writer) flush(ctx context.Context, stmt string) error {
	b := w.batches[stmt]
	if b.rows == 0 {
		return nil
	}
	st := b.full
	if b.rows != batchRows || st == nil {
		q := b.prefix + strings.TrimSuffix(strings.Repeat(b.tuple+", ", b.rows), ", ")
		var err error
		if st, err = w.conn.PrepareContext(ctx, q); err != nil {
			return fmt.Errorf("import %s: %w", stmt, err)
		}
		if b.rows == batchRows {
			b.full = st
		} else {
			defer st.Close()
		}
	}
	if _, err := st.ExecContext(ctx, b.args...); err != nil {
		return fmt.Errorf("import %s: %w", stmt, err)
	}
	b.args, b.rows = b.args[:0], 0
	return nil
}

// source adds the row for input file i: the export, as the coder's
// publication. Exports carry no release date: the latest change of a row
// (ACLED's timestamp), else the latest event, is the earliest it can be.
func (w *writer) source(ctx context.Context, i int, name string, all []string, stamp, end string) error {
	// The first free number: a dataset imported into before has its
	// own acled-1.
	id := fmt.Sprintf("%s-%d", w.f.Origin, i+1)
	for n := i + 1; w.sourceTaken[id]; n++ {
		id = fmt.Sprintf("%s-%d", w.f.Origin, n+1)
	}
	w.sourceTaken[id] = true
	w.sourceIDs = append(w.sourceIDs, id)
	file := baseName(name)
	for j, other := range all {
		if j != i && baseName(other) == file {
			file = name // two files of one name in different folders
		}
	}
	for j, other := range all[:i] {
		if other == name {
			file = fmt.Sprintf("%s (again, as file %d of %d; first as file %d)", file, i+1, len(all), j+1)
			break
		}
	}
	if w.filesTaken[file] {
		file = fmt.Sprintf("%s (%s)", file, id) // a file of this name imported before
	}
	w.filesTaken[file] = true
	published, basis := stamp, fmt.Sprintf("The export carries no release date; its latest row change (%s timestamp) is %s, so it is no older than that.", w.f.Coder.Name, stamp)
	if published == "" {
		published, basis = end, fmt.Sprintf("The export carries no release date; its latest event ends on %s, so it is no older than that.", end)
	}
	if published == "" {
		published, basis = "0001-01-01", "The export carries no release date and no event was kept from it."
	}
	covers := fmt.Sprintf("%s export %s, read by incq import: each of its events kept is an incident of origin %s.", w.f.Coder.Name, file, w.f.Origin)
	return w.exec(ctx, "source", id, file, w.f.Coder.Name, published, published, "9999-12-31", "range", basis, covers,
		"Its paragraphs are the lines of the file: a claim's paragraph is the line where its row starts.")
}

// add writes one event.
func (w *writer) add(ctx context.Context, ev Event, row Row, file int) error {
	src := w.sourceIDs[file]
	switch origin := w.known[ev.ID]; {
	case origin == w.f.Origin:
		return &RowError{File: row.File, Line: row.Line, Column: w.f.Key, Msg: fmt.Sprintf("event %s is in the dataset imported into already; import it into a folder made from the curated dataset, or leave it out", ev.ID)}
	case origin != "":
		return &RowError{File: row.File, Line: row.Line, Column: w.f.Key, Msg: fmt.Sprintf("event id %s is the id of a %s incident of the dataset already", ev.ID, origin)}
	}
	placeID, geo, err := w.place(ctx, ev)
	if err != nil {
		return err
	}
	if err := w.exec(ctx, "incident", ev.ID, ev.Kind, ev.Date, ev.DateStart, ev.DateEnd, ev.DatePrec, ev.DateBasis, placeID, geo, ev.Summary, w.f.Origin); err != nil {
		return err
	}
	claim := "C-" + ev.ID
	if err := w.exec(ctx, "claim", claim, ev.ID, src, row.Line, w.f.Coder.ID, ev.Claim); err != nil {
		return err
	}
	partyIDs := make([]string, len(ev.Parties))
	for i, p := range ev.Parties {
		id, err := w.party(ctx, p.Name)
		if err != nil {
			return err
		}
		if w.lastEvent[p.Name] != ev.ID {
			w.lastEvent[p.Name] = ev.ID
			w.events[p.Name]++
		}
		partyIDs[i] = id
		if err := w.exec(ctx, "party", ev.ID, id, p.Role); err != nil {
			return err
		}
	}
	for _, f := range ev.Figures {
		var party any
		if f.Party >= 0 {
			party = partyIDs[f.Party]
		}
		if err := w.exec(ctx, "figure", "F-"+ev.ID+"-"+f.Suffix, claim, "killed", f.Category, f.Count, row.Line, f.Note, party); err != nil {
			return err
		}
	}
	for _, t := range ev.Totals {
		parts := make([]string, len(t.Parts))
		for i, p := range t.Parts {
			parts[i] = "F-" + ev.ID + "-" + p
		}
		if err := w.exec(ctx, "total", "FT-"+ev.ID+"-"+t.Suffix, claim, t.Count, t.Qualifier, row.Line, strings.Join(parts, ";"), t.Note); err != nil {
			return err
		}
	}
	for i, c := range ev.Citations {
		if err := w.exec(ctx, "cite", claim, i+1, c.Outlet, nullable(c.Date), nullable(c.Headline)); err != nil {
			return err
		}
	}
	vals := make([]any, len(w.cols))
	for i, c := range w.cols {
		switch c {
		case "incident_id":
			vals[i] = ev.ID
		case "source_id":
			vals[i] = src
		case "line":
			vals[i] = row.Line
		case "layout":
			vals[i] = row.Layout.Name
		case w.f.Key:
			if w.f.Key == "id" {
				// As the event's id has it: 376126.0 is 376126.
				n, _ := strconv.ParseInt(ev.ID[strings.LastIndexByte(ev.ID, '-')+1:], 10, 64)
				vals[i] = n
			} else {
				vals[i] = row.Get(c)
			}
		default:
			vals[i] = row.Raw(c)
			if t := w.types[c]; t != "" && vals[i] != nil {
				vals[i], _ = TypedValue(t, row.Get(c)) // checked when read
			}
		}
	}
	return w.exec(ctx, "raw", vals...)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// place returns the place of an event, making it when the gazetteer does
// not know it, and the geo precision.
func (w *writer) place(ctx context.Context, ev Event) (any, string, error) {
	p := ev.Place
	if p.Name == "" {
		if p.Prec == "country" && ev.Country != "" {
			id, err := w.country(ctx, ev.Country)
			return id, p.Prec, err
		}
		return nil, p.Prec, nil
	}
	country := fold.Name(ev.Country)
	other := "" // why a place of the same name in the gazetteer is not this one
	for _, k := range p.candidates() {
		for _, known := range w.gazetteer[k] {
			switch {
			case known.country != "" && known.country != country:
				other = fmt.Sprintf("The gazetteer's %s is in another country.", known.id)
			case !near(known, p) && !known.hasCoord:
				other = fmt.Sprintf("The gazetteer's %s has no coordinates to hold these against.", known.id)
			case !near(known, p):
				other = fmt.Sprintf("The gazetteer's %s lies %.0f km away.", known.id, km(known.lat, known.lon, p.Lat, p.Lon))
			default:
				return known.id, p.Prec, nil
			}
		}
	}
	key := country + "|" + fold.Name(p.Admin1) + "|" + fold.Name(p.Name)
	if id, ok := w.newPlaces[key]; ok {
		return id, p.Prec, nil
	}
	parent, err := w.country(ctx, ev.Country)
	if err != nil {
		return nil, "", err
	}
	id := w.freeID(w.placeIDs, slug(p.Name), slug(p.Name)+"-"+slug(p.Admin1), slug(p.Name)+"-"+slug(p.Admin1)+"-"+slug(ev.Country))
	var lat, lon, prec any
	if p.HasCoord {
		lat, lon, prec = p.Lat, p.Lon, p.Prec
	}
	note := fmt.Sprintf("Named by %s; coordinates as its first event here gives them.", w.f.Coder.Name)
	if other != "" {
		note += " " + other
	}
	if err := w.exec(ctx, "place", id, p.Name, "location", nullable(ev.Country), nullable(p.Admin1), parent, lat, lon, prec, note); err != nil {
		return nil, "", err
	}
	w.newPlaces[key] = id
	return id, p.Prec, nil
}

// near reports whether an event's place of a name the gazetteer knows is
// that place: an event without coordinates is; one with them only when
// the gazetteer's place has coordinates too and they lie within reach,
// as far as the vaguer of the two precisions allows (25 km for a
// settlement, 50 for a district, 150 for a province or wider). A place
// of the same name elsewhere is another place, and one the gazetteer has
// no coordinates for (the border as a whole) would lose the event's own.
func near(known knownPlace, p Place) bool {
	if !p.HasCoord {
		return true
	}
	if !known.hasCoord {
		return false
	}
	reach := 25.0
	for _, prec := range []string{known.prec, p.Prec} {
		switch prec {
		case "district":
			reach = max(reach, 50)
		case "settlement", "":
		default:
			reach = max(reach, 150)
		}
	}
	return km(known.lat, known.lon, p.Lat, p.Lon) <= reach
}

// km is the distance between two points on the Earth, in kilometres.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371
	rad := math.Pi / 180
	a := math.Sin(lat1*rad)*math.Sin(lat2*rad) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Cos((lon1-lon2)*rad)
	return r * math.Acos(math.Min(1, math.Max(-1, a)))
}

// candidates are the folded names a location may be known by: as given,
// and without a trailing part in brackets (Nameless Hills (Tartar Region)).
func (p Place) candidates() []string {
	name := fold.Name(p.Name)
	out := []string{name}
	if i := strings.Index(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		out = append(out, name[:i])
	}
	// UCDP names a settlement with its kind: Sotk village, Laukkaing town.
	for _, kind := range []string{" village", " town", " city"} {
		if strings.HasSuffix(name, kind) && len(name) > len(kind) {
			out = append(out, strings.TrimSuffix(name, kind))
		}
	}
	return out
}

// country returns the place of a country, making it when new.
func (w *writer) country(ctx context.Context, name string) (any, error) {
	if name == "" {
		return nil, nil
	}
	k := fold.Name(name)
	if id, ok := w.countries[k]; ok {
		return id, nil
	}
	id := w.freeID(w.placeIDs, slug(name), slug(name)+"-country")
	if err := w.exec(ctx, "place", id, name, "country", name, nil, nil, nil, nil, nil, fmt.Sprintf("A country named by %s.", w.f.Coder.Name)); err != nil {
		return nil, err
	}
	w.countries[k] = id
	return id, nil
}

// party returns the actor of a party name, making it when new.
func (w *writer) party(ctx context.Context, name string) (string, error) {
	if id, ok := w.parties[name]; ok {
		return id, nil
	}
	id := w.freeID(w.actorIDs, slug(name), slug(name)+"-"+w.f.Origin)
	if err := w.exec(ctx, "actor", id, name, fmt.Sprintf("A party as %s names it; its side, if any, is in actor_sides.", w.f.Coder.Name)); err != nil {
		return "", err
	}
	w.parties[name] = id
	return id, nil
}

// freeID returns the first of ids not in use, else the last with a number,
// and marks it used.
func (w *writer) freeID(used map[string]bool, ids ...string) string {
	for _, id := range ids {
		if !used[id] {
			used[id] = true
			return id
		}
	}
	last := ids[len(ids)-1]
	for n := 2; ; n++ {
		id := fmt.Sprintf("%s-%d", last, n)
		if !used[id] {
			used[id] = true
			return id
		}
	}
}

// finish derives the sides of the parties from actor_sides and checks
// that every reference points somewhere.
func (w *writer) finish(ctx context.Context, conn *sql.Conn) error {
	for stmt := range w.batches {
		if err := w.flush(ctx, stmt); err != nil {
			return err
		}
	}
	if err := schema.DeriveSides(ctx, conn); err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, `SELECT "table", rowid, parent FROM pragma_foreign_key_check LIMIT 1`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		rows.Scan(&table, &rowid, &parent)
		return fmt.Errorf("import: a row of %s points to no row of %s (rowid %d): this is a bug", table, parent, rowid.Int64)
	}
	return rows.Err()
}

// unmapped lists the parties named by the events written that actor_sides
// does not list, with the number of events naming each, most first.
func (w *writer) unmapped() []PartyCount {
	var out []PartyCount
	for name, n := range w.events {
		if !w.mapped[name] {
			out = append(out, PartyCount{Name: name, Events: n})
		}
	}
	slices.SortFunc(out, func(a, b PartyCount) int {
		if a.Events != b.Events {
			return cmp.Compare(b.Events, a.Events)
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}
