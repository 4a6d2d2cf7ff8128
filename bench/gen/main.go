// Command gen writes a synthetic dataset directory in incq's layout, for
// benchmarks: the embedded dataset, and on top of it N generated incidents
// with 2-4 claims each, casualty figures, weapons, places with aliases and
// sources. The tables and their columns come from the schema: a table the
// plan below grows gets rows made from its columns' types and references;
// every other table is copied from the embedded dataset. The output is
// deterministic for a seed and passes incq check.
//
//	go run ./bench/gen -n 100000 -seed 1 -out /tmp/incq-100k
//
// With -layout acled or -layout ucdp it writes instead one CSV file of N
// events as ACLED or UCDP GED export them, for the import benchmark:
//
//	go run ./bench/gen -layout acled -n 1000000 -out /tmp/acled-1m.csv
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/incq/incq/dataset"
	"github.com/incq/incq/schema"
)

func main() {
	n := flag.Int("n", 10000, "number of incidents")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "", "output directory (created; must not hold a dataset yet), or with -layout the file")
	layout := flag.String("layout", "", "write an event export instead: acled or ucdp")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: gen -n N [-seed S] [-layout acled|ucdp] -out DIR|FILE")
		os.Exit(2)
	}
	if *layout != "" {
		if err := generateEvents(*out, *layout, *n, *seed); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		return
	}
	if err := generate(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// growth says how one table grows: by a number of rows that depends on N,
// or by some rows for each row of its parent (the table one of its
// columns references), written right after that row.
type growth struct {
	table    string
	rows     func(n int) int // rows of a table without a parent
	parent   string          // the table whose every row gets min-max rows of this one
	min, max int
	prefix   string // of a generated one-column TEXT key
	// fill names optional columns that get a value anyway; the others
	// stay empty (NULL), which the schema's CHECKs always accept.
	fill []string
	// values gives a column's value where its type and reference do not
	// say enough (a range a CHECK demands).
	values map[string]func(rng *rand.Rand) string
}

// plan lists the tables that grow, parents before children. Every other
// table of the schema is copied from the embedded dataset unchanged.
var plan = []growth{
	{table: "sources", rows: func(n int) int { return max(1, n/50) }, prefix: "G"},
	{table: "places", rows: func(n int) int { return max(10, n/100) }, prefix: "p",
		fill: []string{"lat", "lon", "coord_precision"},
		values: map[string]func(*rand.Rand) string{
			"lat": func(rng *rand.Rand) string { return strconv.FormatFloat(39+rng.Float64()*2, 'f', 4, 64) },
			"lon": func(rng *rand.Rand) string { return strconv.FormatFloat(45+rng.Float64()*2, 'f', 4, 64) },
		}},
	{table: "place_aliases", parent: "places", min: 2, max: 3},
	{table: "incidents", rows: func(n int) int { return n }, prefix: "I", fill: []string{"place_id"},
		values: map[string]func(*rand.Rand) string{"origin": oneOf("curated")}},
	// Claims and figures of the two parties, as in the real data, so that
	// casualties-by-side weighs each side's own account against the other's.
	{table: "claims", parent: "incidents", min: 2, max: 4, prefix: "C",
		values: map[string]func(*rand.Rand) string{"claimant_id": oneOf("am-mod", "armenia", "am-mfa", "az-mod", "azerbaijan", "az-mfa")}},
	{table: "casualties", parent: "claims", min: 0, max: 1, prefix: "F", fill: []string{"count"},
		values: map[string]func(*rand.Rand) string{"side": oneOf("armenia", "azerbaijan")}},
	{table: "claim_weapons", parent: "claims", min: 0, max: 1},
}

// oneOf picks one of values.
func oneOf(values ...string) func(*rand.Rand) string {
	return func(rng *rand.Rand) string { return values[rng.IntN(len(values))] }
}

// output is one table being written: its columns, in schema order, and
// how it grows (nil for a copied table).
type output struct {
	table schema.Table
	grow  *growth
	f     *os.File
	b     *bufio.Writer
	w     *csv.Writer
	made  int      // generated rows so far
	keys  []string // every key, where another table picks from them
}

// generator writes every table of the schema: copied, or copied and
// grown by the plan.
type generator struct {
	rng      *rand.Rand
	tables   []*output          // every table, in schema order
	grown    []*output          // the tables the plan grows, in plan order
	out      map[string]*output // by name
	children map[string][]*output
	row      []string
}

func generate(dir string, n int, seed uint64) error {
	g, err := newGenerator(seed, plan)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// A table others pick keys from keeps its keys: the embedded ones,
	// and those it generates.
	picked := map[string]bool{}
	for _, o := range g.tables {
		for _, c := range o.table.Columns {
			if gr := o.grow; gr != nil && c.References != "" && c.References != gr.parent && (c.Required || slices.Contains(gr.fill, c.Name)) {
				picked[c.References] = true
			}
		}
	}
	// Every table starts as the embedded dataset has it.
	for _, o := range g.tables {
		if err := o.create(dir); err != nil {
			return err
		}
		if err := o.copyEmbedded(picked[o.table.Name]); err != nil {
			return err
		}
	}
	for _, o := range g.grown {
		if o.grow.rows != nil {
			for range o.grow.rows(n) {
				g.add(o, "")
			}
		}
	}
	for _, o := range g.tables {
		if err := o.close(); err != nil {
			return err
		}
	}
	return nil
}

// newGenerator reads the schema and checks the plan p against it: a table
// or column the schema does not have, or a child without a reference to
// its parent, is an error.
func newGenerator(seed uint64, p []growth) (*generator, error) {
	tables, err := schema.Describe(schema.FS())
	if err != nil {
		return nil, err
	}
	g := &generator{
		rng:      rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		out:      map[string]*output{},
		children: map[string][]*output{},
	}
	for _, t := range tables {
		o := &output{table: t}
		g.out[t.Name] = o
		g.tables = append(g.tables, o)
	}
	for i := range p {
		gr := &p[i]
		o, ok := g.out[gr.table]
		if !ok {
			return nil, fmt.Errorf("plan: no table %q in the schema", gr.table)
		}
		o.grow = gr
		g.grown = append(g.grown, o)
		for _, name := range append(slices.Clone(gr.fill), slices.Sorted(maps.Keys(gr.values))...) {
			if !slices.ContainsFunc(o.table.Columns, func(c schema.Column) bool { return c.Name == name }) {
				return nil, fmt.Errorf("plan: table %q has no column %q", gr.table, name)
			}
		}
		if gr.parent != "" {
			if !slices.ContainsFunc(o.table.Columns, func(c schema.Column) bool { return c.References == gr.parent }) {
				return nil, fmt.Errorf("plan: table %q has no column referencing its parent %q", gr.table, gr.parent)
			}
			g.children[gr.parent] = append(g.children[gr.parent], o)
		}
	}
	return g, nil
}

// add writes one generated row of o, whose column referencing o's parent
// holds parentKey, then the rows of o's children.
func (g *generator) add(o *output, parentKey string) {
	gr := o.grow
	o.made++
	date := fmt.Sprintf("%d-%02d-%02d", 2021+g.rng.IntN(3), 1+g.rng.IntN(12), 1+g.rng.IntN(28))
	key := ""
	g.row = g.row[:0]
	for _, c := range o.table.Columns {
		var v string
		switch {
		case gr.values[c.Name] != nil:
			v = gr.values[c.Name](g.rng)
		case c.References != "" && c.References == gr.parent:
			v = parentKey
		case !c.Required && !slices.Contains(gr.fill, c.Name):
			// empty: NULL
		case c.References != "":
			keys := g.out[c.References].keys
			v = keys[g.rng.IntN(len(keys))]
		case c.Key && gr.prefix != "":
			v = fmt.Sprintf("%s%08d", gr.prefix, o.made)
			key = v
		case c.Type == "DATE":
			v = date // one date a row: start <= date <= end holds
		case c.Type == "INTEGER":
			v = strconv.Itoa(1 + g.rng.IntN(20))
		case c.Type == "REAL":
			v = strconv.FormatFloat(g.rng.Float64()*100, 'f', 2, 64)
		default:
			v = fmt.Sprintf("generated %s %d", c.Name, o.made)
		}
		g.row = append(g.row, v)
	}
	o.w.Write(g.row)
	if o.keys != nil && key != "" {
		o.keys = append(o.keys, key)
	}
	for _, child := range g.children[o.table.Name] {
		for range child.grow.min + g.rng.IntN(child.grow.max-child.grow.min+1) {
			g.add(child, key)
		}
	}
}

func (o *output) create(dir string) error {
	f, err := os.OpenFile(filepath.Join(dir, o.table.Name+".csv"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	o.f, o.b = f, bufio.NewWriterSize(f, 1<<20)
	o.w = csv.NewWriter(o.b)
	header := make([]string, len(o.table.Columns))
	for i, c := range o.table.Columns {
		header[i] = c.Name
	}
	return o.w.Write(header)
}

// copyEmbedded writes the embedded dataset's rows of the table, in schema
// column order, keeping their keys when keep is set.
func (o *output) copyEmbedded(keep bool) error {
	in, err := dataset.FS().Open(o.table.Name + ".csv")
	if err != nil {
		return err
	}
	defer in.Close()
	recs, err := csv.NewReader(in).ReadAll()
	if err != nil {
		return fmt.Errorf("%s.csv: %w", o.table.Name, err)
	}
	pos := make([]int, len(o.table.Columns))
	key := -1
	for i, c := range o.table.Columns {
		pos[i] = slices.Index(recs[0], c.Name)
		if pos[i] < 0 {
			return fmt.Errorf("%s.csv: no column %q", o.table.Name, c.Name)
		}
		if c.Key && key < 0 {
			key = i
		}
	}
	if keep {
		o.keys = []string{}
	}
	row := make([]string, len(pos))
	for _, r := range recs[1:] {
		for i, p := range pos {
			row[i] = r[p]
		}
		o.w.Write(row)
		if keep && key >= 0 {
			o.keys = append(o.keys, row[key])
		}
	}
	return nil
}

func (o *output) close() error {
	o.w.Flush()
	if err := o.w.Error(); err != nil {
		return err
	}
	if err := o.b.Flush(); err != nil {
		return err
	}
	return o.f.Close()
}
