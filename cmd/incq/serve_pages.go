package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/incq/incq"
	"github.com/incq/incq/chart"
	"github.com/incq/incq/queries"
	"github.com/incq/incq/render"
	"github.com/incq/incq/schema"
)

// Each page is one handler: it resolves the request into the results a
// command would run, runs them on the road (fill for HTML, serveData for
// a data form) and renders its template.

// home lists the tables with their rows, the views, the named queries and
// the kinds of record.
func (s *server) home(w http.ResponseWriter, r *http.Request) {
	ctx, done, err := s.begin(r)
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	counts, err := s.db.Counts(ctx)
	done()
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	type tableRow struct {
		Name, Description string
		Rows              int64
		Kind              string
	}
	desc := map[string]string{}
	for _, t := range s.tables {
		desc[t.Name] = t.Description
	}
	var tables []tableRow
	for _, c := range counts {
		tables = append(tables, tableRow{Name: c.Table, Description: desc[c.Table], Rows: int64(c.Rows), Kind: kindTables[c.Table]})
	}
	type queryRow struct{ Name, Description, Origin, Params string }
	var qs []queryRow
	for _, q := range s.cat.queries {
		qs = append(qs, queryRow{q.Name, q.Description, s.cat.origin[q.Name], paramSummary(q)})
	}
	s.render(w, r, http.StatusOK, "home", "incq", map[string]any{
		"Tables": tables, "Views": s.views, "Queries": qs, "Kinds": s.kinds, "Key": s.db.ShortKey(),
	})
}

// reserved are a table page's own parameters; any other names a filter,
// COLUMN or COLUMN__OP.
var reserved = []string{"_sort", "_desc", "_next", "_size", "_col", "_op", "_val"}

// table shows a table's rows a page at a time, filtered, sorted and
// faceted, from the URL alone; TABLE.csv and the other data forms give
// every row that passes the filters, in the order asked.
func (s *server) table(w http.ResponseWriter, r *http.Request) {
	name, ext := splitExt(r.PathValue("name"))
	q := r.URL.Query()
	// The filter form's three fields become one COLUMN__OP=VALUE.
	if col := q.Get("_col"); col != "" {
		op := q.Get("_op")
		key := col
		if op != "" && op != "exact" {
			key += "__" + op
		}
		val := q.Get("_val")
		q.Del("_col")
		q.Del("_op")
		q.Del("_val")
		q.Del("_next")
		q.Add(key, val)
		http.Redirect(w, r, "/table/"+url.PathEscape(name)+ext+"?"+q.Encode(), http.StatusSeeOther)
		return
	}
	b := incq.Browse{Table: name, Sort: q.Get("_sort"), Desc: q.Get("_desc") == "1", After: q.Get("_next")}
	for key, vals := range q {
		if slices.Contains(reserved, key) {
			continue
		}
		col, op, _ := strings.Cut(key, "__")
		for _, v := range vals {
			b.Filters = append(b.Filters, incq.Filter{Column: col, Op: op, Value: v})
		}
	}
	slices.SortFunc(b.Filters, func(x, y incq.Filter) int { return strings.Compare(x.Column+x.Op+x.Value, y.Column+y.Op+y.Value) })
	ctx, done, err := s.begin(r)
	if err != nil {
		s.fail(w, r, ext, err)
		return
	}
	defer done()
	if ext != "" {
		if b.After != "" {
			b.Limit = s.pageSize
			if n, err := strconv.Atoi(q.Get("_size")); err == nil && n > 0 && n <= 1000 {
				b.Limit = n
			}
		}
		s.serveData(w, r, ctx, ext, name, false, nil, browseResult(s.db, b))
		return
	}
	b.Limit = s.pageSize
	if v := q.Get("_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			s.fail(w, r, "", &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf("_size %q: want a number of rows from 1 to 1000", v)})
			return
		}
		b.Limit = n
	}
	var t *schema.Table
	for i := range s.tables {
		if s.tables[i].Name == name {
			t = &s.tables[i]
		}
	}
	ref := map[string]string{}
	descs := map[string]string{}
	if t != nil {
		for _, c := range t.Columns {
			ref[c.Name] = c.References
			descs[c.Name] = c.Description
		}
	}
	total, err := s.db.Count(ctx, b)
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	ht := &htmlTable{links: s.links, ref: ref, table: name}
	var next string
	err = fill(ctx, ht, result{open: func(ctx context.Context) (rowSource, error) {
		p, err := s.db.Browse(ctx, b)
		if err != nil {
			return nil, err
		}
		return &pageRows{p: p, next: &next}, nil
	}})
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	facets, err := s.db.Facets(ctx, b)
	done()
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	base := "/table/" + url.PathEscape(name)
	plain := url.Values{}
	for k, v := range q {
		if k != "_next" {
			plain[k] = v
		}
	}
	for i := range ht.Heads {
		h := &ht.Heads[i]
		h.Description = descs[h.Name]
		sorted := url.Values{}
		for k, v := range plain {
			if k != "_sort" && k != "_desc" {
				sorted[k] = v
			}
		}
		sorted.Set("_sort", h.Name)
		h.SortHref = base + "?" + sorted.Encode()
		sorted.Set("_desc", "1")
		h.SortDesc = base + "?" + sorted.Encode()
		if b.Sort == h.Name {
			h.Sorted = map[bool]string{false: "asc", true: "desc"}[b.Desc]
		}
	}
	type facetView struct {
		Column string
		Values []pageLink
	}
	var fv []facetView
	for _, f := range facets {
		v := facetView{Column: f.Column}
		for _, val := range f.Values {
			text := render.Text(val.Value)
			link := pageLink{Text: text, Count: itoa(val.Rows)}
			if val.Value == nil {
				link.Text = "(empty)"
				link.Href = withParam(base, plain, f.Column+"__isnull", "1")
			} else {
				link.On = slices.Contains(plain[f.Column], text)
				link.Href = withParam(base, plain, f.Column, text)
				if link.On {
					link.Href = withParam(base, plain, f.Column, "")
				}
			}
			v.Values = append(v.Values, link)
		}
		fv = append(fv, v)
	}
	var active []pageLink
	for _, f := range b.Filters {
		key := f.Column
		if f.Op != "" {
			key += "__" + f.Op
		}
		rest := url.Values{}
		for k, v := range plain {
			rest[k] = v
		}
		rest.Del(key)
		href := base
		if e := rest.Encode(); e != "" {
			href += "?" + e
		}
		op := f.Op
		if op == "" {
			op = "exact"
		}
		active = append(active, pageLink{Text: fmt.Sprintf("%s %s %s", f.Column, op, f.Value), Href: href})
	}
	var cols []string
	for _, h := range ht.Heads {
		cols = append(cols, h.Name)
	}
	ops := slices.Sorted(func(yield func(string) bool) {
		for o := range incq.FilterOps {
			if !yield(o) {
				return
			}
		}
	})
	data := map[string]any{
		"Name": name, "Table": ht, "Total": total, "Facets": fv, "Filters": active,
		"Columns": cols, "Ops": ops, "Kind": kindTables[name],
		"Forms": dataLinks(base, plain, ".csv", ".json", ".xlsx", ".md"),
	}
	if t != nil {
		data["Description"] = t.Description
	}
	if next != "" {
		data["Next"] = withParam(base, plain, "_next", next)
	}
	if b.After != "" {
		data["First"] = withParam(base, plain, "_next", "")
	}
	s.render(w, r, http.StatusOK, "table", name, data)
}

// browseResult is a table's rows as a result, for a data form.
func browseResult(db *incq.DB, b incq.Browse) result {
	return result{open: func(ctx context.Context) (rowSource, error) {
		p, err := db.Browse(ctx, b)
		if err != nil {
			return nil, err
		}
		return &pageRows{p: p}, nil
	}, db: db}
}

// pageRows adapts a page of a browse to the road's rows; next receives
// where the following page starts.
type pageRows struct {
	p    *incq.Page
	next *string
}

func (r *pageRows) Columns() []render.Column {
	cols := r.p.Columns()
	out := make([]render.Column, len(cols))
	for i, c := range cols {
		out[i] = render.Column{Name: c.Name, Type: render.TypeOf(c.Type)}
	}
	return out
}
func (r *pageRows) Next() bool    { return r.p.Next() }
func (r *pageRows) Values() []any { return r.p.Values() }
func (r *pageRows) Err() error    { return r.p.Err() }
func (r *pageRows) Close() error {
	if r.next != nil {
		*r.next = r.p.NextPage()
	}
	return r.p.Close()
}

// dataLinks lists a page's data forms: its path with each extension.
func dataLinks(base string, q url.Values, exts ...string) []pageLink {
	var links []pageLink
	for _, ext := range exts {
		href := base + ext
		if e := q.Encode(); e != "" {
			href += "?" + e
		}
		links = append(links, pageLink{Text: strings.TrimPrefix(ext, "."), Href: href})
	}
	return links
}

// record shows one record's dossier: the sections of incq show, every id
// a link, every claim and figure linked to its paragraph; for a source,
// what the dataset took from each paragraph. A name that is not the
// record's id (a place's other spelling) redirects to the id's page.
func (s *server) record(w http.ResponseWriter, r *http.Request, kind string) {
	name, ext := splitExt(r.PathValue("id"))
	d, err := queries.FindDossier(kind)
	if err != nil {
		s.fail(w, r, ext, err)
		return
	}
	ctx, done, err := s.begin(r)
	if err != nil {
		s.fail(w, r, ext, err)
		return
	}
	defer done()
	ids, err := s.db.Resolve(ctx, kind, name)
	var nf *incq.NotFoundError
	if errors.As(err, &nf) {
		he := &httpError{status: http.StatusNotFound, msg: nf.Error() + elsewhere(ctx, s.db, kind, name)}
		s.fail(w, r, ext, he)
		return
	}
	if err != nil {
		s.fail(w, r, ext, err)
		return
	}
	if len(ids) == 1 && ids[0] != name {
		target := recordHref(kind, ids[0]) + ext
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusFound)
		return
	}
	var results []result
	for _, id := range ids {
		for i, sec := range d.Sections {
			res := sqlResult(s.db, sec.Title, sec.Query.SQL, sql.Named("id", id))
			res.record = i == 0
			results = append(results, res)
		}
	}
	if ext != "" {
		s.serveData(w, r, ctx, ext, kind+"-"+name, true, nil, results...)
		return
	}
	type section struct {
		Title string
		Table *htmlTable
	}
	type record struct {
		ID         string
		Sections   []section
		Paragraphs []paragraph
		Text       bool // the report's text is shown
	}
	var recs []record
	for i, res := range results {
		if res.record {
			recs = append(recs, record{ID: ids[len(recs)]})
		}
		ht := &htmlTable{links: s.links}
		if kind == "source" {
			ht.source = ids[len(recs)-1]
		}
		if err := fill(ctx, ht, res); err != nil {
			s.fail(w, r, "", err)
			return
		}
		rec := &recs[len(recs)-1]
		rec.Sections = append(rec.Sections, section{Title: d.Sections[i%len(d.Sections)].Title, Table: ht})
	}
	if kind == "source" {
		for i := range recs {
			if recs[i].Paragraphs, recs[i].Text, err = s.paragraphs(ctx, recs[i].ID); err != nil {
				s.fail(w, r, "", err)
				return
			}
		}
	}
	done()
	title := kind + " " + strings.Join(ids, ", ")
	s.render(w, r, http.StatusOK, "record", title, map[string]any{
		"Kind": kind, "Records": recs,
		"Forms": dataLinks(recordHref(kind, name), nil, ".json", ".md"),
	})
}

// paragraph is one paragraph of a report: its text when --sources gives
// the reports, and what the dataset took from it.
type paragraph struct {
	N    int
	Text string
	Took []took
}

// took is one thing the dataset took from a paragraph, or why the
// paragraph is context only (Kind "context", no ID).
type took struct {
	Kind, ID, Href string
	What           []part
}

// paragraphs lists a report's paragraphs with what the dataset took from
// each (queries/serve/source-paragraphs.sql); with --sources, each with
// its text, counted as the codebook counts them: lines with visible text.
func (s *server) paragraphs(ctx context.Context, id string) ([]paragraph, bool, error) {
	q, err := queries.Internal("serve/source-paragraphs.sql")
	if err != nil {
		return nil, false, err
	}
	rows, err := s.db.Query(ctx, q.SQL, sql.Named("id", id))
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	byN := map[int][]took{}
	for rows.Next() {
		v := rows.Values()
		n64, _ := v[0].(int64)
		n := int(n64)
		kind := render.Text(v[1])
		t := took{Kind: kind, ID: render.Text(v[2]), What: s.links.text(render.Text(v[3]))}
		switch kind {
		case "claim", "episode", "ceasefire", "talks":
			t.Href = recordHref(kind, t.ID)
		}
		byN[n] = append(byN[n], t)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	text := s.reportText(ctx, id)
	// The paragraphs the report has and those the data cite: never a
	// slice as long as the largest number in the data (2000000000 in a
	// hand-edited folder).
	ns := slices.Collect(maps.Keys(byN))
	for i := range text {
		if _, ok := byN[i+1]; !ok {
			ns = append(ns, i+1)
		}
	}
	slices.Sort(ns)
	out := make([]paragraph, 0, len(ns))
	for _, n := range ns {
		p := paragraph{N: n, Took: byN[n]}
		if n >= 1 && n <= len(text) {
			p.Text = text[n-1]
		}
		out = append(out, p)
	}
	return out, text != nil, nil
}

// reportText reads a report's paragraphs from --sources, or nil when it
// is not given or has no file of that name.
func (s *server) reportText(ctx context.Context, id string) []string {
	if s.sources == nil {
		return nil
	}
	files, err := s.db.Strings(ctx, `SELECT file FROM sources WHERE source_id = ?`, id)
	if err != nil || len(files) != 1 || !fs.ValidPath(files[0]) || strings.Contains(files[0], "/") {
		return nil
	}
	data, err := fs.ReadFile(s.sources, files[0])
	if err != nil || !utf8.Valid(data) {
		return nil
	}
	var ps []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if line := sc.Text(); strings.TrimSpace(line) != "" {
			ps = append(ps, strings.TrimRight(line, "\r"))
		}
	}
	return ps
}

// param is one field of a named query's form.
type param struct {
	Name, Type, Help, Value, Default string
	Input                            string // the input's type: date, number, text, select
	Min, Step                        string
	Options                          []pageLink // a select's values (Text shown, Href the value)
	Required                         bool
}

// query shows a named query as a form of its typed parameters, its result
// (a page of rows) and its chart; NAME.csv and the other data forms give
// the result as incq query gives it, NAME.svg the chart incq plot draws.
func (s *server) query(w http.ResponseWriter, r *http.Request) {
	raw := r.PathValue("name")
	name, ext := splitExt(raw)
	chartForm := false
	if strings.HasSuffix(raw, ".svg") {
		name, chartForm = strings.TrimSuffix(raw, ".svg"), true
	}
	q, err := queries.Find(s.cat.queries, name)
	if err != nil {
		s.fail(w, r, ext, &httpError{status: http.StatusNotFound, msg: err.Error()})
		return
	}
	form := r.URL.Query()
	values := map[string]string{}
	for key, vals := range form {
		if strings.HasPrefix(key, "_") {
			continue
		}
		if !slices.ContainsFunc(q.Params, func(p queries.Param) bool { return p.Name == key }) {
			var names []string
			for _, p := range q.Params {
				names = append(names, p.Name)
			}
			msg := fmt.Sprintf("query %q has no parameter %q", q.Name, key)
			if len(names) == 0 {
				msg += "; it takes none"
			} else {
				msg += " (it takes " + strings.Join(names, ", ") + ")"
			}
			s.fail(w, r, ext, &httpError{status: http.StatusBadRequest, msg: msg})
			return
		}
		if len(vals) > 1 {
			s.fail(w, r, ext, &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf("parameter %q given %d times", key, len(vals))})
			return
		}
		if v := vals[0]; v != "" || paramOf(q, key).Null {
			values[key] = v
		}
	}
	var missing []string
	for _, p := range q.Params {
		if _, ok := values[p.Name]; p.Required && !ok {
			missing = append(missing, p.Name)
		}
	}
	ctx, done, err := s.begin(r)
	if err != nil {
		s.fail(w, r, ext, err)
		return
	}
	defer done()
	fields, err := s.fields(ctx, q, form)
	if err != nil {
		s.fail(w, r, ext, err)
		return
	}
	data := map[string]any{"Query": q, "Origin": s.cat.origin[q.Name], "Fields": fields}
	if len(missing) > 0 {
		if ext != "" || chartForm {
			s.fail(w, r, ext, &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf("query %q: give %s", q.Name, strings.Join(missing, " and "))})
			return
		}
		done()
		data["Missing"] = missing
		s.render(w, r, http.StatusOK, "query", q.Name, data)
		return
	}
	args, err := bindQuery(q, values)
	if err == nil {
		err = checkPlaces(ctx, s.db, q, args)
	}
	if err != nil {
		s.fail(w, r, ext, err)
		return
	}
	given := url.Values{}
	for k, v := range values {
		given.Set(k, v)
	}
	if chartForm {
		s.chart(w, r, ctx, q, args, given)
		return
	}
	if ext != "" {
		place := func(err error) error { return placeSQLError(err, s.cat.source(q), nil) }
		s.serveData(w, r, ctx, ext, q.Name, false, place, namedResult(s.db, q, args...))
		return
	}
	ht := &htmlTable{links: s.links, Limit: s.rowCap}
	pageNo, err := s.pageOf(form)
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	ht.Skip = (pageNo - 1) * s.rowCap
	err = fill(ctx, ht, namedResult(s.db, q, args...))
	done()
	if err = placeSQLError(err, s.cat.source(q), nil); err != nil {
		s.fail(w, r, "", err)
		return
	}
	base := "/query/" + url.PathEscape(q.Name)
	data["Result"] = ht
	data["Notes"] = s.notes(q, given)
	forms := []string{".csv", ".json", ".xlsx", ".md"}
	if locatable(ht.Columns) {
		forms = append(forms, ".geojson")
	}
	data["Forms"] = dataLinks(base, given, forms...)
	if _, drawn := plotViews[q.Name]; drawn || ht.Numeric() {
		data["Chart"] = base + ".svg"
		if e := given.Encode(); e != "" {
			data["Chart"] = base + ".svg?" + e
		}
	}
	pageLinks(data, base, form, pageNo, ht.More)
	s.render(w, r, http.StatusOK, "query", q.Name, data)
}

// pageLinks adds the previous and next pages of a capped result.
func pageLinks(data map[string]any, base string, form url.Values, pageNo int, more bool) {
	data["Page"] = pageNo
	if more {
		data["NextPage"] = withParam(base, form, "_page", strconv.Itoa(pageNo+1))
	}
	if pageNo > 1 {
		prev := ""
		if pageNo > 2 {
			prev = strconv.Itoa(pageNo - 1)
		}
		data["PrevPage"] = withParam(base, form, "_page", prev)
	}
}

func paramOf(q queries.Query, name string) queries.Param {
	for _, p := range q.Params {
		if p.Name == name {
			return p
		}
	}
	return queries.Param{}
}

// locatable reports whether a result can be a map: it has coordinates, or
// a place or incident to place it by (locatorFor).
func locatable(cols []render.Column) bool {
	names := render.Names(cols)
	return slices.Contains(names, "place_id") || slices.Contains(names, "incident_id") ||
		slices.Contains(names, "lat") && slices.Contains(names, "lon")
}

// fields makes a query's form: an input per parameter of its type, a
// select of the gazetteer's places for a place.
func (s *server) fields(ctx context.Context, q queries.Query, form url.Values) ([]param, error) {
	var out []param
	for _, p := range q.Params {
		f := param{Name: p.Name, Type: string(p.Type), Help: p.Help, Value: form.Get(p.Name), Default: p.DefaultText(), Required: p.Required}
		switch p.Type {
		case queries.Date:
			f.Input = "date"
			if f.Value == "" && !p.Required && !p.Null && p.Default != "0001-01-01" && p.Default != "9999-12-31" {
				f.Value = p.Default
			}
		case queries.Count:
			f.Input, f.Min, f.Step = "number", "0", "1"
		case queries.Integer:
			f.Input, f.Step = "number", "1"
		case queries.Real:
			f.Input, f.Step = "number", "any"
		case queries.Place:
			f.Input = "select"
			rows, err := s.db.Query(ctx, `SELECT place_id, name FROM places ORDER BY name`)
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				v := rows.Values()
				id, label := render.Text(v[0]), render.Text(v[1])
				f.Options = append(f.Options, pageLink{Text: label, Href: id, On: strings.EqualFold(id, f.Value) || strings.EqualFold(label, f.Value)})
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				return nil, err
			}
		default:
			f.Input = "text"
		}
		if f.Input != "select" && f.Value == "" && !p.Required && !p.Null && p.Type != queries.Date {
			f.Value = p.Default
		}
		out = append(out, f)
	}
	return out, nil
}

// noteQueryRE finds a named query a query's note points to.
var noteQueryRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`incq query ([a-z0-9-]+)`) })

// notes are a query's notes, each "incq query NAME" in them a link to
// that query with the parameters it shares with this one: the evidence
// under a headline answer.
func (s *server) notes(q queries.Query, given url.Values) [][]part {
	var out [][]part
	for _, n := range q.Notes {
		var parts []part
		last := 0
		for _, m := range noteQueryRE().FindAllStringSubmatchIndex(n, -1) {
			other, err := queries.Find(s.cat.queries, n[m[2]:m[3]])
			if err != nil {
				continue
			}
			shared := url.Values{}
			for _, p := range other.Params {
				if v, ok := given[p.Name]; ok {
					shared[p.Name] = v
				}
			}
			href := "/query/" + url.PathEscape(other.Name)
			if e := shared.Encode(); e != "" {
				href += "?" + e
			}
			parts = append(parts, part{Text: n[last:m[0]]}, part{Text: n[m[0]:m[1]], Href: href})
			last = m[1]
		}
		parts = append(parts, part{Text: n[last:]})
		out = append(out, parts)
	}
	return out
}

// chart draws a named query's result as incq plot draws it, as SVG.
func (s *server) chart(w http.ResponseWriter, r *http.Request, ctx context.Context, q queries.Query, args []any, given url.Values) {
	src, timeline, opts, err := chartPlan(s.cat, q, chart.Options{})
	if err != nil {
		s.fail(w, r, ".svg", err)
		return
	}
	params := ""
	for _, p := range q.Params {
		if v, ok := given[p.Name]; ok {
			params += " " + p.Name + "=" + v[0]
		}
	}
	opts.Source = "incq · query " + q.Name + params + " · dataset " + s.db.ShortKey()
	var buf bytes.Buffer
	_, err = emitRows(ctx, sqlResult(s.db, "", src.text, args...), func() (render.Writer, error) {
		return chartWriter(chart.SVG, opts, timeline)(&buf), nil
	})
	if err != nil {
		err = plotError(q.Name, placeSQLError(err, src, nil))
		if he := httpErrorOf(err); he.status == http.StatusInternalServerError && ctx.Err() == nil {
			// No rows, a column that cannot be drawn: the result's, not
			// the server's fault.
			err = &httpError{status: http.StatusUnprocessableEntity, msg: he.msg}
		}
		s.fail(w, r, ".svg", err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/svg+xml")
	h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": q.Name + ".svg"}))
	w.Write(buf.Bytes())
}

// maxWebSQL is the most SQL text the SQL page takes: it travels in the
// URL, which the server bounds (maxHeaderBytes).
const maxWebSQL = 32 << 10

// sqlField is one :name of the SQL page's SQL, as a form field.
type sqlField struct {
	Name, Value, Type string
	Types             []string
}

// sql runs read-only SQL from the URL (sql=...), with a field per :name
// (p.NAME, and t.NAME for its type), under the read-only guard and the
// request's time limit; the page shows a capped number of rows a page,
// the data forms every row.
func (s *server) sql(w http.ResponseWriter, r *http.Request) {
	_, ext := splitExt(strings.TrimPrefix(r.URL.Path, "/"))
	form := r.URL.Query()
	text := form.Get("sql")
	data := map[string]any{"SQL": text}
	types := []string{string(queries.Text), string(queries.Integer), string(queries.Real), string(queries.Date), string(queries.Count)}
	var fields []sqlField
	var kvs []string
	var unset []string
	if len(text) > maxWebSQL {
		s.fail(w, r, ext, &httpError{status: http.StatusRequestEntityTooLarge, msg: fmt.Sprintf("the SQL is %d bytes; the server takes at most %d", len(text), maxWebSQL)})
		return
	}
	if !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 {
		s.fail(w, r, ext, &httpError{status: http.StatusBadRequest, msg: "the SQL is not UTF-8 text without NUL bytes"})
		return
	}
	if !queries.Positional(text) {
		for _, name := range slices.Sorted(func(yield func(string) bool) {
			for n := range queries.Placeholders(text) {
				if !yield(n) {
					return
				}
			}
		}) {
			f := sqlField{Name: name, Value: form.Get("p." + name), Type: form.Get("t." + name), Types: types}
			if f.Type == "" {
				f.Type = string(queries.Text)
			}
			fields = append(fields, f)
			switch {
			case f.Value == "" && !form.Has("p."+name):
				unset = append(unset, name)
			case f.Type == string(queries.Text):
				kvs = append(kvs, name+"="+f.Value)
			default:
				kvs = append(kvs, name+":"+f.Type+"="+f.Value)
			}
		}
	}
	data["Fields"] = fields
	if strings.TrimSpace(text) == "" || !hasStatement(text) || len(unset) > 0 {
		if ext != "" {
			msg := "no SQL given: add sql=SELECT ... to the URL"
			if len(unset) > 0 {
				msg = fmt.Sprintf("sql: parameter :%s is not set; give it as p.%s=VALUE", unset[0], unset[0])
			}
			s.fail(w, r, ext, &httpError{status: http.StatusBadRequest, msg: msg})
			return
		}
		data["Unset"] = unset
		s.render(w, r, http.StatusOK, "sql", "SQL", data)
		return
	}
	args, err := bindSQL("a field", kvs, text)
	if err != nil {
		s.fail(w, r, ext, err)
		return
	}
	ctx, done, err := s.begin(r)
	if err != nil {
		s.fail(w, r, ext, err)
		return
	}
	defer done()
	src := sqlSource{name: "sql", text: text}
	if ext != "" {
		place := func(err error) error { return placeSQLError(err, src, dbSchemaNames(ctx, s.db)) }
		s.serveData(w, r, ctx, ext, "sql", false, place, sqlResult(s.db, "", text, args...))
		return
	}
	ht := &htmlTable{links: s.links, Limit: s.rowCap}
	pageNo, err := s.pageOf(form)
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	ht.Skip = (pageNo - 1) * s.rowCap
	err = fill(ctx, ht, sqlResult(s.db, "", text, args...))
	if err != nil {
		err = placeSQLError(err, src, dbSchemaNames(ctx, s.db))
		done()
		s.fail(w, r, "", err)
		return
	}
	done()
	data["Result"] = ht
	data["Forms"] = dataLinks("/sql", form, ".csv", ".json", ".xlsx", ".md")
	pageLinks(data, "/sql", form, pageNo, ht.More)
	s.render(w, r, http.StatusOK, "sql", "SQL", data)
}

// search runs incq search's search and groups its matches by kind, each
// a link to its record; search.json and the other forms give the rows
// incq search gives.
func (s *server) search(w http.ResponseWriter, r *http.Request) {
	_, ext := splitExt(strings.TrimPrefix(r.URL.Path, "/"))
	form := r.URL.Query()
	text := form.Get("q")
	limit := 20
	if v := form.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			s.fail(w, r, ext, &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf("limit %q: want a number from 1 to 1000", v)})
			return
		}
		limit = n
	}
	if strings.TrimSpace(text) == "" {
		if ext != "" {
			s.fail(w, r, ext, &httpError{status: http.StatusBadRequest, msg: "missing the text to search for: add q=TEXT"})
			return
		}
		s.render(w, r, http.StatusOK, "search", "Search", map[string]any{})
		return
	}
	ctx, done, err := s.begin(r)
	if err != nil {
		s.fail(w, r, ext, err)
		return
	}
	defer done()
	rows, total, err := s.db.Search(ctx, text, limit)
	if err != nil {
		s.fail(w, r, ext, err)
		return
	}
	if ext != "" {
		s.serveData(w, r, ctx, ext, "search", false, nil, rowsResult(rows))
		return
	}
	ht := &htmlTable{links: s.links}
	err = fill(ctx, ht, rowsResult(rows))
	done()
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	type match struct {
		ID, Href, Title string
		Snippet         []part
	}
	type group struct {
		Kind    string
		Matches []match
	}
	var groups []group
	for _, row := range ht.Rows {
		kind, id := cellText(row[0]), cellText(row[1])
		i := slices.IndexFunc(groups, func(g group) bool { return g.Kind == kind })
		if i < 0 {
			groups = append(groups, group{Kind: kind})
			i = len(groups) - 1
		}
		groups[i].Matches = append(groups[i].Matches, match{ID: id, Href: recordHref(kind, id), Title: cellText(row[2]), Snippet: marks(cellText(row[3]))})
	}
	data := map[string]any{"Text": text, "Groups": groups, "Total": total, "Shown": len(ht.Rows),
		"Forms": dataLinks("/search", form, ".csv", ".json")}
	if total > limit {
		data["All"] = withParam("/search", form, "limit", strconv.Itoa(min(total, 1000)))
	}
	s.render(w, r, http.StatusOK, "search", "Search: "+text, data)
}

func cellText(c cell) string {
	var b strings.Builder
	for _, p := range c.Parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

// marks turns a search snippet's [matched words] into marked parts.
func marks(s string) []part {
	var parts []part
	for s != "" {
		i := strings.IndexByte(s, '[')
		j := strings.IndexByte(s[max(i, 0):], ']')
		if i < 0 || j < 0 {
			parts = append(parts, part{Text: s})
			break
		}
		j += i
		if i > 0 {
			parts = append(parts, part{Text: s[:i]})
		}
		parts = append(parts, part{Text: s[i+1 : j], ID: "mark"})
		s = s[j+1:]
	}
	return parts
}

// mapPage shows the incidents on a map drawn from map.geojson: the points
// incq export --geojson writes, over a country outline served from the
// binary (no tiles from the network).
func (s *server) mapPage(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, ".geojson") {
		ctx, done, err := s.begin(r)
		if err != nil {
			s.fail(w, r, ".geojson", err)
			return
		}
		defer done()
		q, err := queries.Internal("export/incident-map.sql")
		if err != nil {
			s.fail(w, r, ".geojson", err)
			return
		}
		s.serveData(w, r, ctx, ".geojson", "incidents", false, nil, namedResult(s.db, q))
		return
	}
	s.render(w, r, http.StatusOK, "map", "Map", map[string]any{})
}

// pageOf reads a result page's _page: a number from 1, 1 when absent.
func (s *server) pageOf(form url.Values) (int, error) {
	v := form.Get("_page")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > math.MaxInt32/max(s.rowCap, 1) {
		// The bound keeps (page-1) * rows from overflowing into a negative
		// offset, which showed page 1 under another number.
		return 0, &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf("_page %q: want a page number from 1 to %d", v, math.MaxInt32/max(s.rowCap, 1))}
	}
	return n, nil
}
