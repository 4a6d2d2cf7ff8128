package incq

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/incq/incq/render"
)

// searchDocs builds the documents of the full-text index: one per
// incident, claim, episode, place and actor. Each carries the names and
// every alias of the places and actors it refers to, so that a search for
// one spelling finds records written with another.
const searchDocs = `
WITH palias AS (SELECT place_id, group_concat(alias, ' ') AS names FROM place_aliases GROUP BY place_id),
     aalias AS (SELECT actor_id, group_concat(alias, ' ') AS names FROM actor_aliases GROUP BY actor_id)
INSERT INTO temp.search (kind, id, title, body, names)
SELECT 'incident', i.incident_id, i.date || ' ' || coalesce(p.name, ''), i.summary,
       i.kind || ' ' || coalesce(pa.names, '') || ' ' ||
       coalesce((SELECT group_concat(coalesce(cpa.names, ''), ' ') FROM claims AS c JOIN palias AS cpa ON cpa.place_id = c.place_id WHERE c.incident_id = i.incident_id), '')
FROM incidents AS i LEFT JOIN places AS p ON p.place_id = i.place_id LEFT JOIN palias AS pa ON pa.place_id = i.place_id
UNION ALL
SELECT 'claim', c.claim_id, a.name || ' (' || c.source_id || ' para ' || c.paragraph || ')',
       c.summary || coalesce(' "' || c.quote || '"', ''),
       c.kind || ' ' || coalesce(aa.names, '') || ' ' || coalesce(sa.names, '') || ' ' || coalesce(pa.names, '')
FROM claims AS c JOIN actors AS a ON a.actor_id = c.claimant_id
LEFT JOIN aalias AS aa ON aa.actor_id = c.claimant_id
LEFT JOIN aalias AS sa ON sa.actor_id = c.speaker_id
LEFT JOIN palias AS pa ON pa.place_id = c.place_id
UNION ALL
SELECT 'episode', e.episode_id, e.name, e.summary, e.date_basis FROM episodes AS e
UNION ALL
SELECT 'place', p.place_id, p.name, p.kind || coalesce(' in ' || p.province, '') || coalesce(', ' || p.country, '') || coalesce('. ' || p.note, ''), coalesce(pa.names, '')
FROM places AS p LEFT JOIN palias AS pa ON pa.place_id = p.place_id
UNION ALL
SELECT 'actor', a.actor_id, a.name, a.kind || coalesce(': ' || a.role, '') || coalesce('. ' || a.note, ''), coalesce(aa.names, '')
FROM actors AS a LEFT JOIN aalias AS aa ON aa.actor_id = a.actor_id`

// Search runs a full-text search over incidents, claims, episodes, places
// and actors, best matches first, and writes kind, id, title and a snippet
// to w. A term that is a known alias of a place or actor also matches the
// other names of that place or actor.
func (d *DB) Search(ctx context.Context, text string, limit int, w render.Writer) error {
	if err := d.buildSearch(ctx); err != nil {
		return err
	}
	match, err := d.matchExpr(ctx, text)
	if err != nil {
		return err
	}
	return d.Query(ctx, `
		SELECT kind, id, title, snippet(search, 3, '[', ']', '…', 12) AS snippet
		FROM temp.search WHERE search MATCH ? ORDER BY bm25(search, 0, 0, 5, 2, 1), kind, id LIMIT ?`,
		[]any{match, limit}, w)
}

// buildSearch fills the temporary FTS5 index once per DB.
func (d *DB) buildSearch(ctx context.Context) error {
	if d.searchReady {
		return nil
	}
	if err := d.unlock(); err != nil {
		return err
	}
	_, err := d.conn.ExecContext(ctx, `CREATE VIRTUAL TABLE temp.search USING fts5(kind UNINDEXED, id UNINDEXED, title, body, names, tokenize = 'unicode61 remove_diacritics 2')`)
	if err == nil {
		_, err = d.conn.ExecContext(ctx, searchDocs)
	}
	if lerr := d.lock(ctx); err == nil {
		err = lerr
	}
	if err != nil {
		return fmt.Errorf("build search index: %w", err)
	}
	d.searchReady = true
	return nil
}

// matchExpr turns the user's words into an FTS5 query: every word must
// match (as a prefix), and a phrase that is an alias of a place or actor
// matches any of its names.
func (d *DB) matchExpr(ctx context.Context, text string) (string, error) {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return "", fmt.Errorf("search %q: no words to search for", text)
	}
	var names []string
	rows, err := d.conn.QueryContext(ctx, `
		SELECT alias FROM place_aliases WHERE place_id IN (SELECT place_id FROM place_aliases WHERE alias = ?1 COLLATE NOCASE)
		UNION SELECT alias FROM actor_aliases WHERE actor_id IN (SELECT actor_id FROM actor_aliases WHERE alias = ?1 COLLATE NOCASE)`,
		strings.TrimSpace(text))
	if err != nil {
		return "", err
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return "", err
		}
		names = append(names, n)
	}
	rows.Close()
	all := make([]string, len(words))
	for i, w := range words {
		all[i] = `"` + w + `"*`
	}
	expr := strings.Join(all, " AND ")
	if len(names) == 0 {
		return expr, nil
	}
	alts := []string{"(" + expr + ")"}
	for _, n := range names {
		ws := strings.FieldsFunc(n, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(ws) > 0 {
			alts = append(alts, `"`+strings.Join(ws, " ")+`"`)
		}
	}
	return strings.Join(alts, " OR "), nil
}
