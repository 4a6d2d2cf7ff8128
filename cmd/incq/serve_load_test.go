package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/incq/incq/internal/heavy"
)

// A load on loopback: 32 clients for 20 s (INCQ_LOAD_SECONDS to change)
// over a mix of pages and data forms, against incq serve as a process.
// It reports p99 latency, requests a second and the server's peak memory,
// and fails on any error or a p99 past a second.
func TestServeLoad(t *testing.T) {
	heavy.Test(t, "32 clients load incq serve for 20 s")
	seconds := 20
	if v, err := strconv.Atoi(os.Getenv("INCQ_LOAD_SECONDS")); err == nil && v > 0 {
		seconds = v
	}
	cmd := incqProcess("serve", "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	peak := watchPeak(cmd.Process.Pid)
	lines := bufio.NewScanner(stderr)
	if !lines.Scan() {
		t.Fatal("no line on standard error")
	}
	base := strings.TrimSuffix(strings.TrimPrefix(lines.Text(), "incq: serving the embedded dataset on "), "/")
	go io.Copy(io.Discard, stderr)

	paths := []string{
		"/", "/table/incidents", "/table/claims?_sort=paragraph&_desc=1", "/table/casualties?side=armenia",
		"/incident/I08", "/claim/C037", "/place/sotk", "/source/S001",
		"/query/casualties-by-side", "/query/casualties-by-side.csv?since=2022-01-01", "/query/timeline.json",
		"/query/casualty-evidence.xlsx", "/query/casualties-by-side.svg",
		"/sql?sql=" + url.QueryEscape("SELECT kind, count(*) AS n FROM claims GROUP BY kind"),
		"/sql.json?sql=" + url.QueryEscape("SELECT * FROM incidents ORDER BY date"),
		"/search?q=Kelbecer", "/search.csv?q=ceasefire", "/map.geojson", "/static/leaflet.js",
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 10 * time.Second}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		failures  []string
	)
	stop := time.Now().Add(time.Duration(seconds) * time.Second)
	var wg sync.WaitGroup
	for c := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for i := c; time.Now().Before(stop); i++ {
				path := paths[i%len(paths)]
				start := time.Now()
				resp, err := client.Get(base + path)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != 200 {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				if err != nil {
					mu.Lock()
					failures = append(failures, path+": "+err.Error())
					mu.Unlock()
					continue
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("after SIGTERM: %v", err)
	}
	slices.Sort(latencies)
	if len(latencies) == 0 {
		t.Fatalf("no request answered: %v", failures[:min(5, len(failures))])
	}
	p := func(q float64) time.Duration { return latencies[int(q*float64(len(latencies)-1))] }
	t.Logf("%d requests in %d s: %.0f req/s; latency p50 %s, p99 %s, max %s; server peak memory %.1f MiB; %d failed",
		len(latencies), seconds, float64(len(latencies))/float64(seconds), p(0.5), p(0.99), latencies[len(latencies)-1],
		float64(<-peak)/(1<<20), len(failures))
	if len(failures) > 0 {
		t.Errorf("%d requests failed, e.g. %v", len(failures), failures[:min(5, len(failures))])
	}
	if p(0.99) > time.Second {
		t.Errorf("p99 latency %s, want under 1s", p(0.99))
	}
}
