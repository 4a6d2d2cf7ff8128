package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// importCase times incq import of an ACLED export of n events plus the
// first query on the folder (two processes: times add up, the larger peak
// memory counts) against the sqlite3 shell importing the same CSV into a
// table and running a query of the same size.
func importCase(incq string, n, reps int) [2]float64 {
	file := filepath.Join(*work, fmt.Sprintf("acled-%d.csv", n))
	if _, err := os.Stat(file); err != nil {
		run(nil, filepath.Join(*work, "gen"), "-layout", "acled", "-n", strconv.Itoa(n), "-seed", "1", "-out", file)
	}
	script := fmt.Sprintf(".import --csv %s acled\n.mode csv\n.headers on\nSELECT country, count(*) AS events, sum(fatalities) AS killed FROM acled GROUP BY country ORDER BY country;\n", file)
	var is, ss []sample
	for range reps {
		out := filepath.Join(*work, "import-out")
		cache := filepath.Join(*work, "cache-import")
		os.RemoveAll(out)
		os.RemoveAll(cache)
		a := measure(env(cache), nil, incq, "import", "acled", file, "--no-curated", "-o", out)
		b := measure(env(cache), nil, incq, "--dataset", out, "query", "casualties-by-side", "-f", "csv")
		is = append(is, sample{wall: a.wall + b.wall, rss: max(a.rss, b.rss)})
		ss = append(ss, measure(nil, []byte(script), "sqlite3", ":memory:"))
	}
	return report(n, "import", is, ss)
}
