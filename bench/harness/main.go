// Command harness measures incq against the sqlite3 shell; bench/run builds
// and runs it. For each dataset size it alternates the paired commands
// several times and reports median wall time, peak resident memory and
// the ratio of each pair. A second table sets incq's search against its
// own cold load: the first search, which builds the search index on the
// cached dataset, and a warm one.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/incq/incq/queries"
	"github.com/incq/incq/schema"
)

var work = flag.String("work", "", "work directory holding incq, gen and the datasets")

type sample struct {
	wall time.Duration
	rss  int64 // bytes
}

func main() {
	flag.Parse()
	sizes := []int{10000, 100000, 1000000}
	if flag.NArg() > 0 {
		sizes = nil
		for _, a := range flag.Args() {
			n, err := strconv.Atoi(a)
			if err != nil || n < 1 {
				fail("bad size %q", a)
			}
			sizes = append(sizes, n)
		}
	}
	query := casualtiesSQL()
	incq := filepath.Join(*work, "incq")

	// The embedded pair does not depend on N: incq on its embedded dataset
	// (cache warm) against sqlite3 on that dataset exported with export --db.
	embCache := filepath.Join(*work, "cache-embedded")
	embDB := filepath.Join(*work, "embedded.db")
	run(env(embCache), incq, "export", "--db", embDB, "--force")

	fmt.Printf("%-9s %-9s %12s %12s %7s %10s %10s %7s\n", "N", "case", "incq", "sqlite3", "ratio", "incq MB", "sqlite MB", "ratio")
	var last [6]float64
	type searchRow struct {
		n                 int
		first, warm, cold []sample
	}
	var searches []searchRow
	for _, n := range sizes {
		dir := dataset(n)
		reps := 5
		if n >= 1000000 {
			reps = 3
		}
		script := importScript(dir, query)
		prebuilt := filepath.Join(*work, fmt.Sprintf("prebuilt-%d.db", n))
		warmCache := filepath.Join(*work, fmt.Sprintf("cache-%d", n))
		os.RemoveAll(warmCache)
		run(env(warmCache), incq, "--dataset", dir, "export", "--db", prebuilt, "--force")

		// The first search builds the index beside the cached dataset;
		// removing the index (and its seal) makes the next search a
		// first one again.
		searchCache := filepath.Join(*work, fmt.Sprintf("cache-search-%d", n))
		os.RemoveAll(searchCache)
		run(env(searchCache), incq, "--dataset", dir, "query", "casualties-by-side", "-f", "csv")
		var ic, sc, iw, sw, ie, se, sf, sr []sample
		for r := 0; r < reps; r++ {
			index, _ := filepath.Glob(filepath.Join(searchCache, "*.db.search*"))
			for _, f := range index {
				os.Remove(f)
			}
			sf = append(sf, measure(env(searchCache), nil, incq, "--dataset", dir, "search", searchWord, "-f", "csv"))
			sr = append(sr, measure(env(searchCache), nil, incq, "--dataset", dir, "search", searchWord, "-f", "csv"))
			cold := filepath.Join(*work, "cache-cold")
			os.RemoveAll(cold)
			ic = append(ic, measure(env(cold), nil, incq, "--dataset", dir, "query", "casualties-by-side", "-f", "csv"))
			sc = append(sc, measure(nil, []byte(script), "sqlite3", ":memory:"))
			iw = append(iw, measure(env(warmCache), nil, incq, "--dataset", dir, "query", "casualties-by-side", "-f", "csv"))
			sw = append(sw, measure(nil, nil, "sqlite3", "-readonly", "-csv", "-header", prebuilt, query))
			ie = append(ie, measure(env(embCache), nil, incq, "query", "casualties-by-side", "-f", "csv"))
			se = append(se, measure(nil, nil, "sqlite3", "-readonly", "-csv", "-header", embDB, query))
		}
		c := report(n, "cold", ic, sc)
		w := report(n, "warm", iw, sw)
		e := report(n, "embedded", ie, se)
		im := importCase(incq, n, min(reps, 2))
		last = [6]float64{c[0], w[0], e[0], c[1], im[0], im[1]}
		searches = append(searches, searchRow{n, sf, sr, ic})
	}
	fmt.Printf("\n%-9s %-9s %12s %12s %7s %10s %10s %7s\n", "N", "search", "incq", "cold load", "ratio", "incq MB", "cold MB", "ratio")
	var first float64
	for _, s := range searches {
		first = report(s.n, "first", s.first, s.cold)[0]
		report(s.n, "warm", s.warm, s.cold)
	}
	fmt.Printf("RESULT cold=%.2f warm=%.2f embedded=%.2f memory=%.2f import=%.2f import-memory=%.2f search=%.2f\n", last[0], last[1], last[2], last[3], last[4], last[5], first)
}

// searchWord is what the search case looks for: a village that about one
// generated incident in a hundred is set in, so that a warm search ranks
// some of the records rather than all of them.
const searchWord = "Sotk"

// report prints one row and returns the time and memory ratios.
func report(n int, name string, a, b []sample) [2]float64 {
	ta, tb := medianWall(a), medianWall(b)
	ma, mb := medianRSS(a), medianRSS(b)
	rt, rm := float64(ta)/float64(tb), float64(ma)/float64(mb)
	fmt.Printf("%-9d %-9s %12s %12s %7.2f %10.1f %10.1f %7.2f\n", n, name, round(ta), round(tb), rt, float64(ma)/1e6, float64(mb)/1e6, rm)
	return [2]float64{rt, rm}
}

func round(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(10 * time.Microsecond)
}

func medianWall(s []sample) time.Duration {
	v := make([]time.Duration, len(s))
	for i, x := range s {
		v[i] = x.wall
	}
	sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	return v[len(v)/2]
}

func medianRSS(s []sample) int64 {
	v := make([]int64, len(s))
	for i, x := range s {
		v[i] = x.rss
	}
	sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	return v[len(v)/2]
}

func env(cacheDir string) []string {
	return append(os.Environ(), "INCQ_CACHE_DIR="+cacheDir)
}

// measure runs a command to completion, discarding its output, and
// returns its wall time and peak resident memory.
func measure(environ []string, stdin []byte, name string, args ...string) sample {
	cmd := exec.Command(name, args...)
	cmd.Env = environ
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fail("%s: %v", name, err)
	}
	// rusage's ru_maxrss is no use here: a child started with vfork keeps
	// the parent's high-water mark across exec. Poll the kernel's VmHWM
	// for the child instead; it only grows, so the last reading is the
	// peak up to a few milliseconds before exit.
	done := make(chan struct{})
	peak := make(chan int64)
	go func() {
		var hwm int64
		for {
			if v := vmHWM(cmd.Process.Pid); v > hwm {
				hwm = v
			}
			select {
			case <-done:
				peak <- hwm
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	hwm := <-peak
	if err != nil && name != "sqlite3" { // .import reports the few rows its empty cells break
		fail("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return sample{wall: wall, rss: hwm}
}

// vmHWM reads a live process's peak resident set size, in bytes.
func vmHWM(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func run(environ []string, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Env = environ
	if out, err := cmd.CombinedOutput(); err != nil {
		fail("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// dataset returns the directory of the synthetic dataset of n incidents,
// generating it the first time.
func dataset(n int) string {
	// The directory is named after the schema too: a dataset generated for
	// another schema would not load.
	dir := filepath.Join(*work, fmt.Sprintf("data-%d-%s", n, schemaHash()))
	if _, err := os.Stat(filepath.Join(dir, "incidents.csv")); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	run(nil, filepath.Join(*work, "gen"), "-n", strconv.Itoa(n), "-seed", "1", "-out", dir)
	return dir
}

// schemaHash is a short hash of the schema files.
func schemaHash() string {
	h := sha256.New()
	names, _ := fs.Glob(schema.FS(), "*.sql")
	sort.Strings(names)
	for _, name := range names {
		data, _ := fs.ReadFile(schema.FS(), name)
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:8]
}

// casualtiesSQL is the casualties-by-side query with its defaults bound.
func casualtiesSQL() string {
	cat, err := queries.Catalog(queries.FS(), "queries")
	if err != nil {
		fail("%v", err)
	}
	q, err := queries.Find(cat, "casualties-by-side")
	if err != nil {
		fail("%v", err)
	}
	sql := q.SQL
	for _, p := range q.Params {
		sql = strings.ReplaceAll(sql, ":"+p.Name, "'"+p.Default+"'")
	}
	return sql
}

// importScript is what the sqlite3 shell runs for a cold start: the same
// schema, every CSV file imported, then the query.
func importScript(dir, query string) string {
	var b strings.Builder
	names, err := fs.Glob(schema.FS(), "*.sql")
	if err != nil {
		fail("%v", err)
	}
	sort.Strings(names)
	for _, name := range names {
		ddl, err := fs.ReadFile(schema.FS(), name)
		if err != nil {
			fail("%v", err)
		}
		b.Write(ddl)
		b.WriteString("\n")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	for _, f := range files {
		fmt.Fprintf(&b, ".import --csv --skip 1 %s %s\n", f, strings.TrimSuffix(filepath.Base(f), ".csv"))
	}
	b.WriteString(".mode csv\n.headers on\n")
	b.WriteString(query + "\n")
	return b.String()
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}
