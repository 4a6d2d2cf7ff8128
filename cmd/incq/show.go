package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq"
	"github.com/incq/incq/internal/suggest"
	"github.com/incq/incq/render"
)

// A section is one part of a dossier: a title and the SQL that fills it,
// with ?1 standing for the record's id.
type section struct {
	title string
	sql   string
}

var incidentDossier = []section{
	{"incident", `
		SELECT 'id' AS field, incident_id AS value FROM incidents WHERE incident_id = ?1
		UNION ALL SELECT 'kind', kind FROM incidents WHERE incident_id = ?1
		UNION ALL SELECT 'date', date || ' (' || date_precision || '; between ' || date_start || ' and ' || date_end || ')' FROM incidents WHERE incident_id = ?1
		UNION ALL SELECT 'date basis', date_basis FROM incidents WHERE incident_id = ?1
		UNION ALL SELECT 'time of day', time_of_day FROM incidents WHERE incident_id = ?1 AND time_of_day IS NOT NULL
		UNION ALL SELECT 'place', coalesce(p.name || ' [' || p.place_id || ']', 'not reported') || ' (' || i.geo_precision || ')' FROM incidents i LEFT JOIN places p USING (place_id) WHERE incident_id = ?1
		UNION ALL SELECT 'also called', group_concat(alias, ', ') FROM place_aliases WHERE place_id = (SELECT place_id FROM incidents WHERE incident_id = ?1) AND alias <> (SELECT name FROM places WHERE place_id = (SELECT place_id FROM incidents WHERE incident_id = ?1)) HAVING count(*) > 0
		UNION ALL SELECT 'episode', e.name FROM incidents i JOIN episodes e USING (episode_id) WHERE incident_id = ?1
		UNION ALL SELECT 'summary', summary FROM incidents WHERE incident_id = ?1`},
	{"claims", `
		SELECT c.claim_id AS claim, c.source_id || ' ¶' || c.paragraph AS source,
		       a.name || coalesce(' (' || s.name || ')', '') AS claimant, c.kind,
		       c.summary || coalesce(' Quoted: "' || c.quote || '".', '')
		         || coalesce(' Blames ' || c.accused_side || '.', '')
		         || coalesce(' Answers ' || c.responds_to || '.', '') AS says
		FROM claims c JOIN actors a ON a.actor_id = c.claimant_id LEFT JOIN actors s ON s.actor_id = c.speaker_id
		WHERE c.incident_id = ?1 ORDER BY c.source_id, c.paragraph, c.claim_id`},
	{"figures", `
		SELECT f.figure_id AS figure, f.claim_id AS claim, f.side, f.status, f.count, f.qualifier,
		       c.source_id || ' ¶' || f.paragraph || coalesce(' (also ¶' || replace(f.restated_in, ';', ', ¶') || ')', '') AS source,
		       CASE WHEN cf.figure_id IS NULL THEN 'no' ELSE 'yes' END AS counted
		FROM casualties f JOIN claims c USING (claim_id) LEFT JOIN counted_figures cf ON cf.figure_id = f.figure_id
		WHERE c.incident_id = ?1 ORDER BY f.side, f.status, f.figure_id`},
	{"weapons", `
		SELECT w.claim_id AS claim, w.weapon, a.name AS claimant
		FROM claim_weapons w JOIN claims c USING (claim_id) JOIN actors a ON a.actor_id = c.claimant_id
		WHERE c.incident_id = ?1 ORDER BY w.claim_id, w.weapon`},
	{"ceasefire before it", `
		SELECT c.ceasefire_id AS ceasefire, c.name, c.date, CAST(julianday(i.date) - julianday(c.date) AS INTEGER) AS days_after
		FROM incidents i JOIN ceasefires c ON c.date < i.date WHERE i.incident_id = ?1
		ORDER BY c.date DESC LIMIT 1`},
	{"talks within 30 days", `
		SELECT t.talks_id AS talks, t.date, p.name AS place, t.status, CAST(julianday(i.date) - julianday(t.date) AS INTEGER) AS days
		FROM incidents i JOIN talks t ON abs(julianday(i.date) - julianday(t.date)) <= 30
		LEFT JOIN places p ON p.place_id = t.place_id WHERE i.incident_id = ?1 ORDER BY t.date`},
}

var placeDossier = []section{
	{"place", `
		SELECT 'id' AS field, place_id AS value FROM places WHERE place_id = ?1
		UNION ALL SELECT 'name', name FROM places WHERE place_id = ?1
		UNION ALL SELECT 'kind', kind FROM places WHERE place_id = ?1
		UNION ALL SELECT 'country', country FROM places WHERE place_id = ?1 AND country IS NOT NULL
		UNION ALL SELECT 'province', province FROM places WHERE place_id = ?1 AND province IS NOT NULL
		UNION ALL SELECT 'within', q.name FROM places p JOIN places q ON q.place_id = p.parent_id WHERE p.place_id = ?1
		UNION ALL SELECT 'coordinates', lat || ', ' || lon || ' (' || coord_precision || ')' FROM places WHERE place_id = ?1 AND lat IS NOT NULL
		UNION ALL SELECT 'note', note FROM places WHERE place_id = ?1 AND note IS NOT NULL`},
	{"names", `SELECT alias AS name, usage FROM place_aliases WHERE place_id = ?1 ORDER BY alias`},
	{"incidents", `
		SELECT i.incident_id AS incident, i.date, group_concat(DISTINCT ip.via) AS via, i.summary
		FROM incident_places ip JOIN incidents i USING (incident_id)
		WHERE ip.place_id = ?1 OR ip.place_id IN (SELECT place_id FROM places WHERE parent_id = ?1)
		GROUP BY i.incident_id ORDER BY i.date`},
}

var sourceDossier = []section{
	{"source", `
		SELECT 'id' AS field, source_id AS value FROM sources WHERE source_id = ?1
		UNION ALL SELECT 'file', file FROM sources WHERE source_id = ?1
		UNION ALL SELECT 'headline', headline FROM sources WHERE source_id = ?1 AND headline IS NOT NULL
		UNION ALL SELECT 'outlet', outlet || ' (' || outlet_basis || ')' FROM sources WHERE source_id = ?1 AND outlet IS NOT NULL
		UNION ALL SELECT 'published', published || ' (' || published_precision || '; between ' || published_start || ' and ' || published_end || ')' FROM sources WHERE source_id = ?1
		UNION ALL SELECT 'date basis', published_basis FROM sources WHERE source_id = ?1
		UNION ALL SELECT 'covers', covers FROM sources WHERE source_id = ?1
		UNION ALL SELECT 'framing', framing FROM sources WHERE source_id = ?1 AND framing IS NOT NULL
		UNION ALL SELECT 'note', note FROM sources WHERE source_id = ?1 AND note IS NOT NULL`},
	{"incidents", `
		SELECT i.incident_id AS incident, i.date, count(*) AS claims, i.summary
		FROM claims c JOIN incidents i USING (incident_id) WHERE c.source_id = ?1
		GROUP BY i.incident_id ORDER BY i.date`},
	{"episode tolls", `
		SELECT t.toll_id AS toll, e.name AS episode, t.status, t.qualifier, t.count, t.paragraph
		FROM episode_tolls t JOIN episodes e USING (episode_id) WHERE t.source_id = ?1 ORDER BY t.paragraph`},
	{"ceasefires and talks", `
		SELECT 'ceasefire' AS kind, ceasefire_id AS id, paragraph, note FROM ceasefire_reports WHERE source_id = ?1
		UNION ALL SELECT 'talks', talks_id, paragraph, note FROM talk_reports WHERE source_id = ?1
		ORDER BY paragraph`},
}

// dossiers maps what `incq show` can show to its sections and to the SQL
// that resolves a name the user typed into ids.
var dossiers = map[string]struct {
	sections []section
	resolve  string
	list     string
}{
	"incident": {incidentDossier, `SELECT incident_id FROM incidents WHERE incident_id = ?1 COLLATE NOCASE`, `SELECT incident_id FROM incidents`},
	"place": {placeDossier, `
		SELECT place_id FROM places WHERE place_id = ?1 COLLATE NOCASE OR name = ?1 COLLATE NOCASE
		UNION SELECT place_id FROM place_aliases WHERE alias = ?1 COLLATE NOCASE ORDER BY 1`, `SELECT alias FROM place_aliases UNION SELECT place_id FROM places`},
	"source": {sourceDossier, `
		SELECT source_id FROM sources WHERE source_id = ?1 COLLATE NOCASE OR file = ?1 OR file LIKE ?1 || '\_%' ESCAPE '\'`, `SELECT source_id FROM sources`},
}

func showCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "everything about one incident, place or source",
		ArgsUsage: "incident|place|source ID",
		Description: "A place may be given by any of its names or spellings; a source by its\n" +
			"id, file name or file number. Output is a set of sections: use --format\n" +
			"table, markdown or json.\n\n" +
			"Examples:\n" +
			"  incq show incident I05\n" +
			"  incq show place Kelbecer\n" +
			"  incq show source 003 --format markdown",
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usagef("show", "want what to show and its id, e.g. incq show incident I05")
			}
			what, id := c.Args().Get(0), c.Args().Get(1)
			d, ok := dossiers[what]
			if !ok {
				return usagef("show", "cannot show %q: want incident, place or source%s", what, suggest.Hint(what, []string{"incident", "place", "source"}))
			}
			f := formatOf(c)
			if f != render.Table && f != render.Markdown && f != render.JSON {
				return usagef("show", "show prints several sections: use --format table, markdown or json, not %s", f)
			}
			db, err := openDB(c)
			if err != nil {
				return err
			}
			defer db.Close()
			ids, err := db.Strings(c.Context, d.resolve, id)
			if err != nil {
				return err
			}
			if len(ids) == 0 {
				known, err := db.Strings(c.Context, d.list)
				if err != nil {
					return err
				}
				return &usageError{msg: fmt.Sprintf("no %s %q%s", what, id, suggest.Hint(id, known)), try: "incq show " + what + " --help"}
			}
			out, err := openOutput(c)
			if err != nil {
				return err
			}
			err = writeDossiers(c, db, out, d.sections, ids)
			return out.done(err)
		},
	}
}

func writeDossiers(c *cli.Context, db *incq.DB, w io.Writer, sections []section, ids []string) error {
	f := formatOf(c)
	if f == render.JSON {
		fmt.Fprint(w, "[")
	}
	for n, id := range ids {
		if n > 0 {
			if f == render.JSON {
				fmt.Fprint(w, ",")
			}
			fmt.Fprintln(w)
		}
		if f == render.JSON {
			fmt.Fprint(w, "{")
		}
		for i, s := range sections {
			switch f {
			case render.JSON:
				if i > 0 {
					fmt.Fprint(w, ",")
				}
				fmt.Fprintf(w, "\n%q: ", s.title)
			case render.Markdown:
				fmt.Fprintf(w, "%s## %s\n\n", blankIf(i > 0), s.title)
			default:
				fmt.Fprintf(w, "%s%s\n", blankIf(i > 0), strings.ToUpper(s.title))
			}
			rw, err := render.New(f, w, renderOptions(c))
			if err != nil {
				return err
			}
			if err := db.Query(c.Context, s.sql, []any{id}, &emptyAware{Writer: rw, w: w, format: f}); err != nil {
				return err
			}
		}
		if f == render.JSON {
			fmt.Fprint(w, "}")
		}
	}
	if f == render.JSON {
		fmt.Fprintln(w, "]")
	}
	return nil
}

func blankIf(b bool) string {
	if b {
		return "\n"
	}
	return ""
}

// emptyAware prints "(none)" for an empty section in the text formats.
type emptyAware struct {
	render.Writer
	w      io.Writer
	format render.Format
	rows   int
}

func (e *emptyAware) Row(vals []any) error {
	e.rows++
	return e.Writer.Row(vals)
}

func (e *emptyAware) Flush() error {
	if e.rows == 0 && e.format != render.JSON {
		_, err := fmt.Fprintln(e.w, "(none)")
		return err
	}
	return e.Writer.Flush()
}
