package dataset

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"path"
	"sort"
	"strings"
)

// defaultMaxKeys is the most keys of one parent column held in memory to
// check references as rows are read (LoadOptions.MaxKeys); references to a
// larger parent are checked by SQLite after the load.
const defaultMaxKeys = 1 << 24

// references checks foreign keys without SQLite enforcing them row by row.
// As each table loads, the keys of every column some foreign key points at
// are collected in a keySet. A reference to a table already loaded is
// looked up as its row is read; one to a table still to come, or to its
// own table, is kept with its line and looked up once every table is in.
// A parent whose keys outgrow maxKeys is left to SQLite: its references are
// checked in SQL after the load.
type references struct {
	q       Querier
	maxKeys int
	fks     map[string][]*foreignKey // by referring table
	keys    map[string]*keySet       // "table.column" -> its keys so far; nil until its table loads
	full    map[string]bool          // "table.column" has more than maxKeys keys
	loaded  map[string]bool
	lines   map[string]*lineMap // each loaded table's CSV line by rowid
	later   []*foreignKey       // to look up after the load
	inSQL   []*foreignKey       // to check in SQL after the load
}

// foreignKey is one single-column foreign key of a table.
type foreignKey struct {
	table, from, parent, to string
	col                     int     // index of from in the table's columns
	keys                    *keySet // the parent's, once loaded

	// References kept to look up after the load: the values, each as its
	// length (uvarint) and bytes, and the line of each.
	values []byte
	lines  []int
}

func (fk *foreignKey) target() string { return fk.parent + "." + fk.to }

// newReferences reads the foreign keys of every table.
func newReferences(ctx context.Context, q Querier, tables []string, maxKeys int) (*references, error) {
	r := &references{
		q: q, maxKeys: maxKeys, fks: map[string][]*foreignKey{}, keys: map[string]*keySet{},
		full: map[string]bool{}, loaded: map[string]bool{}, lines: map[string]*lineMap{},
	}
	for _, table := range tables {
		rows, err := q.QueryContext(ctx, `SELECT seq, "from", "table", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq`, table)
		if err != nil {
			return nil, err
		}
		var fks []*foreignKey
		for rows.Next() {
			var seq int
			var to sql.NullString
			fk := &foreignKey{table: table}
			if err := rows.Scan(&seq, &fk.from, &fk.parent, &to); err != nil {
				rows.Close()
				return nil, err
			}
			if seq > 0 {
				rows.Close()
				return nil, fmt.Errorf("table %s: composite foreign keys are not supported", table)
			}
			fk.to = to.String
			fks = append(fks, fk)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, fk := range fks {
			if fk.to == "" { // REFERENCES parent: the parent's primary key
				if err := q.QueryRowContext(ctx, `SELECT name FROM pragma_table_info(?) WHERE pk = 1`, fk.parent).Scan(&fk.to); err != nil {
					return nil, fmt.Errorf("table %s: foreign key to %s: %w", table, fk.parent, err)
				}
			}
			r.keys[fk.target()] = nil
		}
		r.fks[table] = fks
	}
	return r, nil
}

// collector gathers the keys of one column as its table loads.
type collector struct {
	col  int
	name string
	set  *keySet
}

// start prepares to load table: it returns the foreign keys to look up as
// each row is read, those to keep for later, and the columns whose keys to
// collect.
func (r *references) start(table string, cols []column, broken map[string]bool) (now, later []*foreignKey, collect []collector) {
	for i, c := range cols {
		name := table + "." + c.name
		if _, wanted := r.keys[name]; wanted {
			set := newKeySet(r.maxKeys)
			r.keys[name] = set
			collect = append(collect, collector{col: i, name: name, set: set})
		}
	}
	fks := r.fks[table]
	for _, fk := range fks {
		for i, c := range cols {
			if c.name == fk.from {
				fk.col = i
			}
		}
	}
	// In column order, so that a row's errors read left to right whichever
	// way each reference is checked.
	sort.SliceStable(fks, func(i, j int) bool { return fks[i].col < fks[j].col })
	for _, fk := range fks {
		switch {
		case broken[fk.parent]:
		case fk.parent != table && r.loaded[fk.parent] && !r.full[fk.target()]:
			fk.keys = r.keys[fk.target()]
			now = append(now, fk)
		case fk.parent != table && r.loaded[fk.parent]:
			r.inSQL = append(r.inSQL, fk)
		default:
			later = append(later, fk)
			r.later = append(r.later, fk)
		}
	}
	return now, later, collect
}

// collect adds the keys of one row.
func (r *references) collect(collect []collector, row []driver.NamedValue) {
	for i := range collect {
		c := &collect[i]
		if c.set == nil {
			continue
		}
		k, ok := keyOf(row[c.col].Value)
		if ok && !c.set.Add(k) {
			// Too many to hold: SQLite checks references to this column.
			c.set = nil
			r.keys[c.name] = nil
			r.full[c.name] = true
		}
	}
}

// keyOf returns the text a foreign key compares for a stored value.
func keyOf(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case nil:
		return "", false
	}
	return cellText(v), true
}

// missing explains a reference to a key the parent does not have, listing
// the allowed values when the parent is a small vocabulary.
func (r *references) missing(fk *foreignKey, v string) string {
	msg := fmt.Sprintf("%q is not in %s.%s", v, fk.parent, fk.to)
	keys := r.keys[fk.target()]
	switch {
	case keys == nil: // a large parent: nothing to list
		return msg
	case keys.Len() == 0:
		return msg + fmt.Sprintf(" (%s is empty)", fk.parent)
	case keys.Len() <= 20:
		vals := make([]string, 0, keys.Len())
		keys.Keys(func(k string) { vals = append(vals, k) })
		sort.Strings(vals)
		msg += " (want one of: " + strings.Join(vals, ", ") + ")"
	}
	return msg
}

// lookup checks the references of one row of fk's table, read at line,
// against keys already loaded; a reference to a row refused for its own
// faults is not reported again.
func (r *references) lookup(fks []*foreignKey, row []driver.NamedValue, file string, line int, errs *Errors) {
	for _, fk := range fks {
		v, ok := keyOf(row[fk.col].Value)
		if ok && !fk.keys.Has(v) && !errs.rejected[fk.parent][v] {
			errs.add(&Error{File: file, Line: line, Column: fk.from, Msg: r.missing(fk, v)})
		}
	}
}

// keep keeps the references of one row to look up after the load.
func (r *references) keep(fks []*foreignKey, row []driver.NamedValue, line int) {
	for _, fk := range fks {
		if v, ok := keyOf(row[fk.col].Value); ok {
			fk.values = binary.AppendUvarint(fk.values, uint64(len(v)))
			fk.values = append(fk.values, v...)
			fk.lines = append(fk.lines, line)
		}
	}
}

// finish looks up the references kept for later and checks in SQL those
// to parents too large to hold, reporting every reference that points
// nowhere.
func (r *references) finish(ctx context.Context, dir string, errs *Errors) error {
	for _, fk := range r.later {
		values, lines := fk.values, fk.lines
		fk.values, fk.lines = nil, nil
		if errs.broken[fk.parent] || errs.broken[fk.table] {
			continue
		}
		if r.full[fk.target()] {
			r.inSQL = append(r.inSQL, fk)
			continue
		}
		keys := r.keys[fk.target()]
		file := path.Join(dir, fk.table+".csv")
		for _, line := range lines {
			n, w := binary.Uvarint(values)
			v := string(values[w : w+int(n)])
			values = values[w+int(n):]
			if !keys.Has(v) && !errs.rejected[fk.parent][v] {
				errs.add(&Error{File: file, Line: line, Column: fk.from, Msg: r.missing(fk, v)})
			}
		}
	}
	for _, fk := range r.inSQL {
		if errs.broken[fk.parent] || errs.broken[fk.table] {
			continue
		}
		if err := r.checkSQL(ctx, fk, path.Join(dir, fk.table+".csv"), errs); err != nil {
			return err
		}
	}
	return nil
}

// checkSQL reports every row of fk's table whose reference points nowhere.
func (r *references) checkSQL(ctx context.Context, fk *foreignKey, file string, errs *Errors) error {
	rows, err := r.q.QueryContext(ctx, fmt.Sprintf(
		`SELECT c.rowid, c."%[2]s" FROM "%[1]s" AS c WHERE c."%[2]s" IS NOT NULL
		 AND NOT EXISTS (SELECT 1 FROM "%[3]s" AS p WHERE p."%[4]s" = c."%[2]s")
		 ORDER BY c.rowid`, fk.table, fk.from, fk.parent, fk.to))
	if err != nil {
		return err
	}
	defer rows.Close()
	lines := r.lines[fk.table]
	for rows.Next() {
		var rowid int64
		var v string
		if err := rows.Scan(&rowid, &v); err != nil {
			return err
		}
		if !errs.rejected[fk.parent][v] {
			errs.add(&Error{File: file, Line: lines.line(rowid), Column: fk.from, Msg: r.missing(fk, v)})
		}
	}
	return rows.Err()
}
