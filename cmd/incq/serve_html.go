package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/incq/incq"
	"github.com/incq/incq/queries"
	"github.com/incq/incq/render"
	"github.com/incq/incq/schema"
)

// The web pages' templates and assets, embedded. Templates are parsed when
// incq serve starts, never at init: other commands do not pay for them.
//
//go:embed web/*.html web/static
var webFiles embed.FS

// pageNames are the templates of the pages; each is parsed with base.html.
var pageNames = []string{"home", "table", "record", "query", "sql", "search", "map", "error"}

func parsePages() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"inc": func(i int) int { return i + 1 },
	}
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(webFiles, "web/base.html", "web/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("serve: templates: %w", err)
		}
		pages[name] = t
	}
	return pages, nil
}

// staticFiles are the scripts, styles and map data under /static/.
func staticFiles() fs.FS {
	sub, err := fs.Sub(webFiles, "web/static")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder
	}
	return sub
}

// cell is one value of an HTML table: text in parts, some of them links.
type cell struct {
	Parts []part
	Null  bool
	Num   bool
}

// part is a run of a cell's text, a link when Href is set.
type part struct {
	Text string
	Href string
	ID   string // an anchor name for the link's target row, if any
}

// htmlTable is a render.Writer that keeps rows for a page's table: the
// rows skip passes over, at most limit of them (0: all). It stops the
// result once it has a row more than it shows, to know that more follow.
type htmlTable struct {
	links  *linker
	ref    map[string]string // column: table it references (a table page)
	table  string            // the table shown, for its own key's links
	source string            // the report whose paragraphs a paragraph column counts, if known

	Columns []render.Column
	Heads   []colHead
	Rows    [][]cell
	Skip    int
	Limit   int
	More    bool
	seen    int
}

// colHead is one column heading: its name, a description, and links.
type colHead struct {
	Name        string
	Description string
	SortHref    string
	SortDesc    string
	Sorted      string // "asc", "desc" or ""
	Num         bool
}

// errEnough stops a result an HTML table has shown enough of.
var errEnough = errors.New("enough rows")

func (t *htmlTable) Header(cols []render.Column) error {
	t.Columns = cols
	t.Heads = make([]colHead, len(cols))
	for i, c := range cols {
		t.Heads[i] = colHead{Name: c.Name, Num: c.Type == render.TypeInteger || c.Type == render.TypeReal}
	}
	return nil
}

func (t *htmlTable) Row(vals []any) error {
	t.seen++
	if t.seen <= t.Skip {
		return nil
	}
	if t.Limit > 0 && len(t.Rows) == t.Limit {
		t.More = true
		return errEnough
	}
	t.Rows = append(t.Rows, t.links.row(t.Columns, vals, t.ref, t.table, t.source))
	return nil
}

func (t *htmlTable) Flush() error { return nil }

// Numeric reports whether a column of the table holds numbers, to draw.
func (t *htmlTable) Numeric() bool {
	for _, c := range t.Columns {
		if c.Type == render.TypeInteger || c.Type == render.TypeReal {
			return true
		}
	}
	for _, r := range t.Rows {
		for _, c := range r {
			if c.Num {
				return true
			}
		}
	}
	return false
}

// fill runs r into t under ctx: the road every result takes, to an HTML
// table instead of a render format.
func fill(ctx context.Context, t *htmlTable, r result) error {
	_, err := emitRows(ctx, r, func() (render.Writer, error) { return t, nil })
	if errors.Is(err, errEnough) {
		return nil
	}
	return err
}

// kindTables are the tables whose rows have a page of their own, and the
// kind of record (queries.Dossiers) each row is.
var kindTables = map[string]string{
	"incidents": "incident", "claims": "claim", "sources": "source", "places": "place",
	"actors": "actor", "episodes": "episode", "ceasefires": "ceasefire", "talks": "talks",
}

// columnKinds link the columns of query results and dossiers, which name
// no foreign key, by their names.
var columnKinds = map[string]string{
	"incident": "incident", "incident_id": "incident",
	"claim": "claim", "claim_id": "claim", "responds_to": "claim",
	"source": "source", "source_id": "source",
	"ceasefire": "ceasefire", "ceasefire_id": "ceasefire",
	"talks": "talks", "talks_id": "talks",
	"episode_id": "episode", "ends_episode_id": "episode",
	"place_id": "place", "actor_id": "actor", "claimant_id": "actor", "speaker_id": "actor",
	"broker_id": "actor", "host_id": "actor", "reported_broker_id": "actor",
}

// linker turns values into cells with links: ids to their records, a
// report's paragraphs to their anchors, foreign keys to what they name.
type linker struct {
	ids    map[string]string // id: kind, for the kinds whose ids stand out in text
	places map[string]bool
	keys   map[string]string // a reference table: its key column
}

// idRE finds what may be a link in text: a paragraph sign or word and its
// number, a place id in brackets, an id, a bare number in a list of
// paragraphs.
var idRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`¶(\d+)|\bparagraphs? (\d+)|\[([a-z0-9][a-z0-9-]*)\]|\b([A-Za-z][A-Za-z0-9_]*[0-9][A-Za-z0-9_]*)\b|\b(\d+)\b`)
})

func newLinker(ctx context.Context, db *incq.DB, tables []schema.Table) (*linker, error) {
	l := &linker{ids: map[string]string{}, places: map[string]bool{}, keys: map[string]string{}}
	for _, kind := range []string{"incident", "claim", "source", "episode", "ceasefire", "talks"} {
		d, err := queries.FindDossier(kind)
		if err != nil {
			return nil, err
		}
		ids, err := db.Strings(ctx, d.Known.SQL)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if !strings.ContainsAny(id, " .") {
				l.ids[id] = kind
			}
		}
	}
	places, err := db.Strings(ctx, `SELECT place_id FROM places`)
	if err != nil {
		return nil, err
	}
	for _, p := range places {
		l.places[p] = true
	}
	for _, t := range tables {
		var keys []string
		for _, c := range t.Columns {
			if c.Key {
				keys = append(keys, c.Name)
			}
		}
		if len(keys) == 1 {
			l.keys[t.Name] = keys[0]
		}
	}
	return l, nil
}

func recordHref(kind, id string) string {
	return "/" + kind + "/" + url.PathEscape(id)
}

// row turns one row into cells. ref names the table each column
// references (a table page's foreign keys); table is the table shown;
// source the report a paragraph column counts in, unless a column of the
// row names it.
func (l *linker) row(cols []render.Column, vals []any, ref map[string]string, table, source string) []cell {
	out := make([]cell, len(vals))
	for i, c := range cols {
		if k := columnKinds[c.Name]; k == "source" {
			if s, ok := vals[i].(string); ok && l.ids[s] == "source" {
				source = s
			}
		}
	}
	for i, v := range vals {
		if v == nil {
			out[i] = cell{Null: true}
			continue
		}
		text := render.Text(v)
		_, isInt := v.(int64)
		_, isReal := v.(float64)
		c := cell{Num: isInt || isReal}
		name := cols[i].Name
		switch {
		case ref[name] != "" && kindTables[ref[name]] != "":
			c.Parts = []part{{Text: text, Href: recordHref(kindTables[ref[name]], text)}}
		case ref[name] != "" && l.keys[ref[name]] != "":
			c.Parts = []part{{Text: text, Href: "/table/" + ref[name] + "?" + url.Values{l.keys[ref[name]]: {text}}.Encode()}}
		case table != "" && kindTables[table] != "" && l.keys[table] == name:
			c.Parts = []part{{Text: text, Href: recordHref(kindTables[table], text), ID: text}}
		case name == "paragraph" && isInt && source != "":
			c.Parts = []part{{Text: text, Href: recordHref("source", source) + "#p" + text}}
		case columnKinds[name] == "place" || columnKinds[name] == "actor":
			c.Parts = []part{{Text: text, Href: recordHref(columnKinds[name], text)}}
		case columnKinds[name] != "" && l.ids[text] == columnKinds[name]:
			c.Parts = []part{{Text: text, Href: recordHref(columnKinds[name], text)}}
		default:
			c.Parts = l.text(text)
		}
		out[i] = c
	}
	return out
}

// text links the ids in free text, and a report's paragraphs where they
// follow its id: "S001 ¶4 (also ¶1, ¶2)", "S000 (paragraph 10)".
func (l *linker) text(s string) []part {
	var parts []part
	source := ""
	last, listEnd := 0, -1
	for _, m := range idRE().FindAllStringSubmatchIndex(s, -1) {
		var href string
		num := ""
		switch {
		case m[2] >= 0:
			num = s[m[2]:m[3]]
		case m[4] >= 0:
			num = s[m[4]:m[5]]
		case m[6] >= 0:
			if id := s[m[6]:m[7]]; l.places[id] {
				href = recordHref("place", id)
			}
		case m[8] >= 0:
			id := s[m[8]:m[9]]
			if kind := l.ids[id]; kind != "" {
				href = recordHref(kind, id)
				if kind == "source" {
					source = id
				}
			}
		case m[10] >= 0 && listEnd >= 0 && listJoin(s[listEnd:m[0]]):
			num = s[m[10]:m[11]]
		}
		if num != "" && source != "" {
			href = recordHref("source", source) + "#p" + num
			listEnd = m[1]
		} else {
			listEnd = -1
		}
		if href == "" {
			continue
		}
		if m[0] > last {
			parts = append(parts, part{Text: s[last:m[0]]})
		}
		parts = append(parts, part{Text: s[m[0]:m[1]], Href: href})
		last = m[1]
	}
	if last < len(s) || len(parts) == 0 {
		parts = append(parts, part{Text: s[last:]})
	}
	return parts
}

// listJoin reports whether sep joins the numbers of a list of paragraphs.
func listJoin(sep string) bool {
	switch sep {
	case ", ", " and ", ", and ", ", ¶", " to ":
		return true
	}
	return false
}

// pageLink is a link in a list (pages, facets, suggestions).
type pageLink struct {
	Text  string
	Href  string
	Count string
	On    bool
}

// withParam returns the URL path?query with one parameter set (or
// removed, when value is empty), the others kept.
func withParam(path string, q url.Values, name, value string) string {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	if value == "" {
		c.Del(name)
	} else {
		c.Set(name, value)
	}
	if e := c.Encode(); e != "" {
		return path + "?" + e
	}
	return path
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
