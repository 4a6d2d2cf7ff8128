// Command gen writes a synthetic dataset directory in incq's layout, for
// benchmarks: N incidents with 2-4 claims each, casualty figures, weapons,
// generated places with aliases and generated sources, on top of the
// embedded dataset's vocabularies, actors, episodes, ceasefires and talks.
// The output is deterministic for a seed and passes incq check.
//
//	go run ./bench/gen -n 100000 -seed 1 -out /tmp/incq-100k
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/incq/incq/dataset"
)

func main() {
	n := flag.Int("n", 10000, "number of incidents")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "", "output directory (created; must not hold a dataset yet)")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: gen -n N [-seed S] -out DIR")
		os.Exit(2)
	}
	if err := generate(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// copied tables come from the embedded dataset unchanged.
var copied = []string{
	"sides", "date_precisions", "geo_precisions", "incident_kinds", "claim_kinds", "weapons",
	"casualty_statuses", "casualty_categories", "qualifiers", "place_kinds", "actor_kinds", "bases",
	"host_roles", "talk_statuses", "actors", "actor_aliases", "episodes", "episode_tolls",
	"ceasefires", "ceasefire_reports", "talks", "talk_participants", "talk_reports",
	"episode_reports", "paragraph_context",
}

type table struct {
	f *os.File
	b *bufio.Writer
	w *csv.Writer
}

func create(dir, name string, header ...string) (*table, error) {
	f, err := os.OpenFile(filepath.Join(dir, name+".csv"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	b := bufio.NewWriterSize(f, 1<<20)
	t := &table{f: f, b: b, w: csv.NewWriter(b)}
	return t, t.w.Write(header)
}

func (t *table) row(fields ...string) { t.w.Write(fields) }

func (t *table) close() error {
	t.w.Flush()
	if err := t.w.Error(); err != nil {
		return err
	}
	if err := t.b.Flush(); err != nil {
		return err
	}
	return t.f.Close()
}

func generate(dir string, n int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range copied {
		if err := copyTable(dir, name); err != nil {
			return err
		}
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }

	// Sources: the five reports plus one generated report per 50 incidents.
	nsrc := max(1, n/50)
	src, err := extend(dir, "sources")
	if err != nil {
		return err
	}
	sources := make([]string, nsrc)
	for i := range sources {
		sources[i] = fmt.Sprintf("G%07d", i+1)
		d := date(rng)
		src.row(sources[i], "gen_"+sources[i]+".txt", "", "Synthetic Wire", "stated", d, d, d, "day", "generated", "generated report", "", "")
	}
	if err := src.close(); err != nil {
		return err
	}

	// Places: the embedded gazetteer's countries plus generated villages,
	// each with two or three aliases.
	nplaces := max(10, n/100)
	pl, err := extend(dir, "places")
	if err != nil {
		return err
	}
	al, err := extend(dir, "place_aliases")
	if err != nil {
		return err
	}
	places := make([]string, nplaces)
	for i := range places {
		places[i] = fmt.Sprintf("p%06d", i+1)
		country := pick([]string{"armenia", "azerbaijan"})
		name := fmt.Sprintf("Village %d", i+1)
		pl.row(places[i], name, "village", country, "Province "+strconv.Itoa(i%11), country,
			strconv.FormatFloat(39+rng.Float64()*2, 'f', 4, 64), strconv.FormatFloat(45+rng.Float64()*2, 'f', 4, 64), "settlement", "")
		al.row(places[i], name, "English")
		al.row(places[i], fmt.Sprintf("Gyugh %d", i+1), "Armenian")
		if rng.IntN(2) == 0 {
			al.row(places[i], fmt.Sprintf("Kend %d", i+1), "Azerbaijani")
		}
	}
	if err := pl.close(); err != nil {
		return err
	}
	if err := al.close(); err != nil {
		return err
	}

	inc, err := create(dir, "incidents", "incident_id", "kind", "date", "date_start", "date_end", "date_precision", "date_basis", "time_of_day", "place_id", "geo_precision", "episode_id", "summary")
	if err != nil {
		return err
	}
	cl, err := create(dir, "claims", "claim_id", "incident_id", "episode_id", "source_id", "paragraph", "claimant_id", "speaker_id", "kind", "accused_side", "responds_to", "place_id", "quote", "summary")
	if err != nil {
		return err
	}
	ca, err := create(dir, "casualties", "figure_id", "claim_id", "side", "status", "category", "count", "qualifier", "paragraph", "restated_in", "note")
	if err != nil {
		return err
	}
	cw, err := create(dir, "claim_weapons", "claim_id", "weapon")
	if err != nil {
		return err
	}
	kinds := []string{"cross-border-fire", "shelling", "clash", "shooting", "capture", "incursion"}
	weapons := []string{"mortar", "artillery", "small-arms", "drone", "grenade-launcher", "automatic-weapons"}
	statuses := []string{"killed", "wounded", "captured"}
	claimants := map[string][]string{"armenia": {"am-mod", "armenia", "am-mfa"}, "azerbaijan": {"az-mod", "azerbaijan", "az-mfa"}}
	other := map[string]string{"armenia": "azerbaijan", "azerbaijan": "armenia"}
	claimN, figureN := 0, 0
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("I%07d", i)
		d := date(rng)
		place := pick(places)
		inc.row(id, pick(kinds), d, d, d, "day", "generated", "", place, "settlement", "", "Generated incident "+strconv.Itoa(i)+" near "+place)
		first := ""
		for c, nc := 0, 2+rng.IntN(3); c < nc; c++ {
			claimN++
			cid := fmt.Sprintf("C%08d", claimN)
			side := pick([]string{"armenia", "azerbaijan"})
			kind, responds := "attack", ""
			if c > 0 && rng.IntN(3) == 0 {
				kind, responds = "denial", first
			}
			if c == 0 {
				first = cid
			}
			accused := other[side]
			if kind == "denial" {
				accused = ""
			}
			cl.row(cid, id, "", pick(sources), strconv.Itoa(1+rng.IntN(20)), pick(claimants[side]), "", kind, accused, responds, place, "", "Generated claim "+cid)
			if kind == "attack" && rng.IntN(2) == 0 {
				figureN++
				ca.row(fmt.Sprintf("F%08d", figureN), cid, side, pick(statuses), "military", strconv.Itoa(1+rng.IntN(6)), "exact", strconv.Itoa(1+rng.IntN(20)), "", "")
				cw.row(cid, pick(weapons))
			}
		}
	}
	for _, t := range []*table{inc, cl, ca, cw} {
		if err := t.close(); err != nil {
			return err
		}
	}
	return nil
}

// extend starts a table with the embedded dataset's rows, to be followed
// by generated ones.
func extend(dir, name string) (*table, error) {
	in, err := dataset.FS().Open(name + ".csv")
	if err != nil {
		return nil, err
	}
	defer in.Close()
	recs, err := csv.NewReader(in).ReadAll()
	if err != nil {
		return nil, err
	}
	t, err := create(dir, name, recs[0]...)
	if err != nil {
		return nil, err
	}
	for _, r := range recs[1:] {
		t.row(r...)
	}
	return t, nil
}

func date(rng *rand.Rand) string {
	return fmt.Sprintf("%d-%02d-%02d", 2021+rng.IntN(3), 1+rng.IntN(12), 1+rng.IntN(28))
}

func copyTable(dir, name string) error {
	in, err := dataset.FS().Open(name + ".csv")
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(filepath.Join(dir, name+".csv"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in.(fs.File)); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
