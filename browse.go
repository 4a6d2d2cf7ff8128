package incq

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/incq/incq/internal/suggest"
)

// Browse asks for a table's rows: those that pass every filter, in the
// order of one column, a page at a time. Pages follow each other by keyset
// (the sort value and rowid of the last row shown), never by OFFSET, so a
// page deep in a large table costs what the first does.
type Browse struct {
	Table   string
	Filters []Filter
	Sort    string // the column to order by; empty for the table's own order (rowid)
	Desc    bool
	// After is the Next of the page before; empty for the first page.
	After string
	// Limit is the rows of a page; 0 for every row, without paging.
	Limit int
}

// Filter keeps the rows whose Column compares to Value by Op.
type Filter struct {
	Column string
	Op     string // one of FilterOps
	Value  string
}

// FilterOps are the comparisons a Filter may make, and the SQL of each.
// A value is bound as text, and SQLite converts it to the column's
// affinity: count__gte=3 compares numbers, date__gte=2022-09-01 dates.
var FilterOps = map[string]string{
	"exact":    "= ?",
	"not":      "IS NOT ?",
	"gt":       "> ?",
	"gte":      ">= ?",
	"lt":       "< ?",
	"lte":      "<= ?",
	"contains": "LIKE '%' || ? || '%' ESCAPE '\\'",
	"isnull":   "IS NULL",
	"notnull":  "IS NOT NULL",
}

// BrowseError is a browse request naming a table, column, operator or
// page that is not there. Browse, Count and Facets return it; its message
// suggests the nearest name.
type BrowseError struct{ Msg string }

func (e *BrowseError) Error() string { return e.Msg }

// Page is one page of a browse: the rows, and where the next page starts.
type Page struct {
	*Rows
	limit int
	sort  int // index of the sort column in the row; -1 for rowid order
	n     int
	last  []any // the sort value and rowid of the last row read
	more  bool
}

// Next reads the next row of the page. A page asks SQLite for one row
// more than its limit, to know whether another page follows, and does not
// show it.
func (p *Page) Next() bool {
	if !p.Rows.Next() {
		return false
	}
	if p.limit > 0 && p.n == p.limit {
		p.more = true
		return false
	}
	p.n++
	if p.limit > 0 {
		v := p.Rows.Values()
		rowid := v[len(v)-1]
		var key any
		if p.sort >= 0 {
			key = v[p.sort]
			if b, ok := key.([]byte); ok {
				key = string(b)
			}
		}
		p.last = []any{rowid, key}
	}
	return true
}

// Columns describes the page's columns: the table's, without the rowid
// a paged browse reads for its keyset.
func (p *Page) Columns() []Column {
	cols := p.Rows.Columns()
	if p.limit > 0 {
		return cols[:len(cols)-1]
	}
	return cols
}

// Values returns the current row, without the rowid.
func (p *Page) Values() []any {
	v := p.Rows.Values()
	if p.limit > 0 {
		return v[:len(v)-1]
	}
	return v
}

// NextPage returns the After of the page that follows, once every row has been
// read; empty when this was the last page.
func (p *Page) NextPage() string {
	if !p.more || p.last == nil {
		return ""
	}
	b, _ := json.Marshal(p.last)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Browse returns the rows b asks for. A table, column or operator that
// does not exist is a *BrowseError.
func (d *DB) Browse(ctx context.Context, b Browse) (*Page, error) {
	cols, err := d.tableColumns(ctx, b.Table)
	if err != nil {
		return nil, err
	}
	where, args, err := whereOf(b.Table, cols, b.Filters)
	if err != nil {
		return nil, err
	}
	sortIdx := -1
	if b.Sort != "" {
		sortIdx = slices.Index(cols, b.Sort)
		if sortIdx < 0 {
			return nil, &BrowseError{Msg: fmt.Sprintf("table %s has no column %q to sort by%s", b.Table, b.Sort, suggest.Hint(b.Sort, cols))}
		}
	}
	dir, cmp := "ASC", ">"
	if b.Desc {
		dir, cmp = "DESC", "<"
	}
	if b.After != "" {
		if b.Limit <= 0 {
			return nil, &BrowseError{Msg: "a page's start needs a page size"}
		}
		cond, cargs, err := afterCond(b.After, quoteIdent(b.Sort), sortIdx >= 0, b.Desc, cmp)
		if err != nil {
			return nil, err
		}
		where = append(where, cond)
		args = append(args, cargs...)
	}
	var text strings.Builder
	text.WriteString("SELECT *")
	if b.Limit > 0 {
		text.WriteString(", rowid")
	}
	fmt.Fprintf(&text, " FROM %s", quoteIdent(b.Table))
	if len(where) > 0 {
		text.WriteString(" WHERE " + strings.Join(where, " AND "))
	}
	text.WriteString(" ORDER BY ")
	if sortIdx >= 0 {
		fmt.Fprintf(&text, "%s %s, ", quoteIdent(b.Sort), dir)
	}
	text.WriteString("rowid " + dir)
	if b.Limit > 0 {
		fmt.Fprintf(&text, " LIMIT %d", b.Limit+1)
	}
	rows, err := d.Query(ctx, text.String(), args...)
	if err != nil {
		return nil, err
	}
	return &Page{Rows: rows, limit: b.Limit, sort: sortIdx}, nil
}

// afterCond is the keyset condition of the rows after cursor: past its
// sort value, or at it and past its rowid. SQLite orders NULL first
// ascending, last descending.
func afterCond(cursor, col string, sorted, desc bool, cmp string) (string, []any, error) {
	bad := &BrowseError{Msg: fmt.Sprintf("page start %q is not one this server gave (follow the next link)", cursor)}
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return "", nil, bad
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var last []any
	if err := dec.Decode(&last); err != nil || len(last) != 2 {
		return "", nil, bad
	}
	num, ok := last[0].(json.Number)
	if !ok {
		return "", nil, bad
	}
	rowid, err := num.Int64()
	if err != nil {
		return "", nil, bad
	}
	if !sorted {
		return "rowid " + cmp + " ?", []any{rowid}, nil
	}
	var key any
	switch v := last[1].(type) {
	case nil:
	case string:
		key = v
	case json.Number:
		if i, err := v.Int64(); err == nil {
			key = i
		} else if f, err := v.Float64(); err == nil {
			key = f
		} else {
			return "", nil, bad
		}
	default:
		return "", nil, bad
	}
	switch {
	case key == nil && !desc: // NULLs come first: the rest of them, then every value
		return fmt.Sprintf("((%s IS NULL AND rowid > ?) OR %s IS NOT NULL)", col, col), []any{rowid}, nil
	case key == nil: // NULLs come last: the rest of them
		return fmt.Sprintf("(%s IS NULL AND rowid < ?)", col), []any{rowid}, nil
	case !desc:
		return fmt.Sprintf("(%s > ? OR (%s = ? AND rowid > ?))", col, col), []any{key, key, rowid}, nil
	}
	return fmt.Sprintf("(%s < ? OR (%s = ? AND rowid < ?) OR %s IS NULL)", col, col, col), []any{key, key, rowid}, nil
}

// Count returns how many rows of b's table pass its filters.
func (d *DB) Count(ctx context.Context, b Browse) (int64, error) {
	cols, err := d.tableColumns(ctx, b.Table)
	if err != nil {
		return 0, err
	}
	where, args, err := whereOf(b.Table, cols, b.Filters)
	if err != nil {
		return 0, err
	}
	text := "SELECT count(*) FROM " + quoteIdent(b.Table)
	if len(where) > 0 {
		text += " WHERE " + strings.Join(where, " AND ")
	}
	n, err := d.Strings(ctx, text, args...)
	if err != nil || len(n) != 1 {
		return 0, err
	}
	var c int64
	fmt.Sscan(n[0], &c)
	return c, nil
}

// Facet is one column's values among the rows a browse keeps, with how
// many rows hold each, most first.
type Facet struct {
	Column string
	Values []FacetValue
}

// FacetValue is one value of a facet; Value is nil for NULL.
type FacetValue struct {
	Value any
	Rows  int64
}

// maxFacet is the most distinct values a column may hold in the whole
// table to be a facet.
const maxFacet = 12

// Facets counts the values of the table's low-cardinality columns (at
// most 12 distinct values in the whole table, some repeated, none long)
// among the rows that pass b's filters.
func (d *DB) Facets(ctx context.Context, b Browse) ([]Facet, error) {
	cols, err := d.tableColumns(ctx, b.Table)
	if err != nil {
		return nil, err
	}
	where, args, err := whereOf(b.Table, cols, b.Filters)
	if err != nil {
		return nil, err
	}
	names, err := d.facetColumns(ctx, b.Table, cols)
	if err != nil {
		return nil, err
	}
	var facets []Facet
	for _, col := range names {
		text := fmt.Sprintf("SELECT %s, count(*) FROM %s", quoteIdent(col), quoteIdent(b.Table))
		if len(where) > 0 {
			text += " WHERE " + strings.Join(where, " AND ")
		}
		text += fmt.Sprintf(" GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT %d", maxFacet)
		rows, err := d.Query(ctx, text, args...)
		if err != nil {
			return nil, err
		}
		f := Facet{Column: col}
		for rows.Next() {
			v := rows.Values()
			val := v[0]
			if b, ok := val.([]byte); ok {
				val = string(b)
			}
			n, _ := v[1].(int64)
			f.Values = append(f.Values, FacetValue{Value: val, Rows: n})
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
		facets = append(facets, f)
	}
	return facets, nil
}

// facetColumns picks a table's facet columns once: the data never
// changes while the database is open.
func (d *DB) facetColumns(ctx context.Context, table string, cols []string) ([]string, error) {
	if v, ok := d.facets.Load(table); ok {
		return v.([]string), nil
	}
	var parts []string
	for _, c := range cols {
		q := quoteIdent(c)
		parts = append(parts, fmt.Sprintf("count(DISTINCT %s), max(length(%s))", q, q))
	}
	text := fmt.Sprintf("SELECT count(*), %s FROM %s", strings.Join(parts, ", "), quoteIdent(table))
	rows, err := d.Query(ctx, text)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	if rows.Next() {
		v := rows.Values()
		total, _ := v[0].(int64)
		for i, c := range cols {
			distinct, _ := v[1+2*i].(int64)
			longest, _ := v[2+2*i].(int64)
			if distinct >= 1 && distinct <= maxFacet && distinct < total && longest <= 40 {
				names = append(names, c)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	d.facets.Store(table, names)
	return names, nil
}

// tableColumns returns a dataset table's columns, or a *BrowseError when
// there is no such table.
func (d *DB) tableColumns(ctx context.Context, table string) ([]string, error) {
	if v, ok := d.columns.Load(table); ok {
		return v.([]string), nil
	}
	tables, err := d.Tables(ctx)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(tables, table) {
		return nil, &BrowseError{Msg: fmt.Sprintf("no table %q%s", table, suggest.Hint(table, tables))}
	}
	cols, err := d.Strings(ctx, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, err
	}
	d.columns.Store(table, cols)
	return cols, nil
}

// whereOf turns filters into SQL conditions on table's columns cols, with
// their arguments.
func whereOf(table string, cols []string, filters []Filter) ([]string, []any, error) {
	var where []string
	var args []any
	for _, f := range filters {
		if !slices.Contains(cols, f.Column) {
			return nil, nil, &BrowseError{Msg: fmt.Sprintf("table %s has no column %q to filter on%s", table, f.Column, suggest.Hint(f.Column, cols))}
		}
		op := f.Op
		if op == "" {
			op = "exact"
		}
		cond, ok := FilterOps[op]
		if !ok {
			ops := make([]string, 0, len(FilterOps))
			for o := range FilterOps {
				ops = append(ops, o)
			}
			slices.Sort(ops)
			return nil, nil, &BrowseError{Msg: fmt.Sprintf("unknown filter %q on %s (want %s)%s", op, f.Column, strings.Join(ops, ", "), suggest.Hint(op, ops))}
		}
		where = append(where, quoteIdent(f.Column)+" "+cond)
		if strings.Contains(cond, "?") {
			v := f.Value
			if op == "contains" {
				v = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(v)
			}
			args = append(args, v)
		}
	}
	return where, args, nil
}

// quoteIdent quotes a name for SQL. Browse quotes only names it has found
// in the schema; quoting keeps a name that is also a keyword a name.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// browseCache holds what Browse learns of the schema once.
type browseCache struct {
	columns sync.Map // table: []string
	facets  sync.Map // table: []string
}
