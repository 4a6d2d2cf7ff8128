package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/incq/incq/incqtest"
)

// sharedSources is where the five reports live beside the checkout.
const sharedSources = "../../../shared/sources"

// testServer is incq serve's handler on the embedded dataset, with the
// reports' text when they are beside the checkout.
func testServer(tb testing.TB, tune func(*server)) (*server, *httptest.Server) {
	tb.Helper()
	cat, err := loadCatalog(nil)
	if err != nil {
		tb.Fatal(err)
	}
	cfg := serverConfig{db: incqtest.Open(tb, nil), cat: cat, dataset: "the embedded dataset", timeout: 2 * time.Second, loopbackOnly: true}
	if _, err := os.Stat(sharedSources); err == nil {
		cfg.sources = os.DirFS(sharedSources)
	}
	s, err := newServer(context.Background(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	if tune != nil {
		tune(s)
	}
	ts := httptest.NewUnstartedServer(s.handler)
	ts.Config.WriteTimeout = s.writeTimeout
	ts.Config.MaxHeaderBytes = maxHeaderBytes
	ts.Start()
	tb.Cleanup(ts.Close)
	return s, ts
}

type response struct {
	status int
	header http.Header
	body   string
}

func get(tb testing.TB, ts *httptest.Server, path string) response {
	tb.Helper()
	c := ts.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Get(ts.URL + path)
	if err != nil {
		tb.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("GET %s: reading the body: %v", path, err)
	}
	return response{resp.StatusCode, resp.Header, string(body)}
}

// Every page answers, and says what it is for.
func TestServePages(t *testing.T) {
	_, ts := testServer(t, nil)
	for _, tc := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{`<a href="/query/casualties-by-side">casualties-by-side</a>`, `<a href="/table/incidents">incidents</a>`, `<td class="num">11</td>`, `name="q"`}},
		{"/table/incidents", 200, []string{"11 rows", `<a href="/incident/I08" id="I08">I08</a>`, `<a href="/place/sotk">sotk</a>`, "how exactly the date is known", "<h3>date_precision</h3>"}},
		{"/table/incidents?date__gte=2022-09-01&_sort=date&_desc=1", 200, []string{"rows pass the filters", "date gte 2022-09-01", "▼"}},
		{"/table/casualties?side=armenia", 200, []string{`<a href="/claim/C013">C013</a>`, `<li class="on"><a href="/table/casualties">armenia</a>`}},
		{"/table/claims?_size=5", 200, []string{`rel="next"`, "_next="}},
		{"/incident/I08", 200, []string{"<h1>incident I08</h1>", `<a href="/claim/C037">C037</a>`, `<a href="/source/S004#p2">¶2</a>`, `<a href="/place/nakhchivan">[nakhchivan]</a>`, `<a href="/ceasefire/CF2020">CF2020</a>`}},
		{"/claim/C039", 200, []string{"categorically denies", `<a href="/incident/I08">`}},
		{"/actor/am-mod", 200, []string{"Armenian Defence Ministry"}},
		{"/episode/E2020", 200, []string{"2020 war"}},
		{"/ceasefire/CF2022", 200, []string{"contested"}},
		{"/talks/TK02", 200, []string{"Brussels"}},
		{"/place/sotk", 200, []string{"<h1>place sotk</h1>"}},
		{"/source/S001", 200, []string{`id="p4"`, `<a class="pn" href="#p4">¶4</a>`, `<a href="/claim/C013">C013</a>`, "context", `<a href="/source/S001#p12">12</a>`}},
		{"/query/casualties-by-side", 200, []string{`<input type="date" name="since"`, `<img src="/query/casualties-by-side.svg"`, `<a href="/query/casualty-evidence">incq query casualty-evidence</a>`}},
		{"/query/casualties-by-side?since=2023-01-01", 200, []string{`value="2023-01-01"`, `<a href="/query/casualty-evidence?since=2023-01-01">`, `<a href="/query/casualties-by-side.csv?since=2023-01-01">csv</a>`}},
		{"/query/at-place", 200, []string{`<select name="place">`, `<option value="sotk">Sotk</option>`, "Give place to run the query"}},
		{"/query/at-place?place=Kelbecer", 200, []string{`<a href="/incident/I02">I02</a>`}},
		{"/query/clashes-after-ceasefires?within=", 200, []string{`<input type="number" name="within"`}},
		{"/sql", 200, []string{`<textarea name="sql"`}},
		{"/sql?sql=SELECT+incident_id+FROM+incidents+WHERE+date+%3E%3D+%3Asince", 200, []string{`name="p.since"`, "Fill in :since"}},
		{"/sql?sql=SELECT+incident_id+FROM+incidents+WHERE+date+%3E%3D+%3Asince&p.since=2023-09-01&t.since=date", 200, []string{`<a href="/incident/I05">I05</a>`}},
		{"/search?q=Kelbecer", 200, []string{"<h2>place</h2>", `<a href="/place/kelbajar">kelbajar</a>`, "<mark>"}},
		{"/search", 200, []string{`<input type="search"`}},
		{"/map", 200, []string{`<div id="map"`, `src="/static/map.js"`}},
		{"/static/style.css", 200, []string{"font"}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := get(t, ts, tc.path)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d\n%s", r.status, tc.status, r.body)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.body, w) {
					t.Errorf("the page lacks %s", w)
				}
			}
			if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("Content-Security-Policy %q", csp)
			}
		})
	}
}

// A page's data forms are the bytes incq gives on the command line for
// the same query and parameters.
func TestServeSameBytes(t *testing.T) {
	_, ts := testServer(t, nil)
	s := testSettings(t)
	for _, tc := range []struct {
		path string
		args []string
	}{
		{"/query/casualties-by-side.csv", []string{"query", "casualties-by-side", "-f", "csv"}},
		{"/query/casualties-by-side.json?since=2023-01-01", []string{"query", "casualties-by-side", "-p", "since=2023-01-01", "-f", "json"}},
		{"/query/casualty-evidence.tsv?since=2022-09-28&until=2022-09-28", []string{"query", "casualty-evidence", "-p", "since=2022-09-28", "-p", "until=2022-09-28", "-f", "tsv"}},
		{"/query/timeline.md", []string{"query", "timeline", "-f", "markdown"}},
		{"/query/at-place.ndjson?place=Sotk", []string{"query", "at-place", "-p", "place=Sotk", "-f", "ndjson"}},
		{"/query/timeline.geojson", []string{"query", "timeline", "-f", "geojson", "-o", "-"}},
		{"/incident/I08.json", []string{"show", "incident", "I08", "-f", "json"}},
		{"/source/S001.md", []string{"show", "source", "S001", "-f", "markdown"}},
		{"/sql.csv?sql=" + url.QueryEscape("SELECT incident_id, date FROM incidents WHERE date >= :since ORDER BY date") + "&p.since=2023-01-01&t.since=date", []string{"sql", "SELECT incident_id, date FROM incidents WHERE date >= :since ORDER BY date", "-p", "since:date=2023-01-01", "-f", "csv"}},
		{"/search.csv?q=Stepanakert", []string{"search", "Stepanakert", "-f", "csv"}},
		{"/table/incidents.csv", []string{"sql", "SELECT * FROM incidents ORDER BY rowid", "-f", "csv"}},
		{"/table/casualties.json?side=armenia&_sort=count&_desc=1", []string{"sql", "SELECT * FROM casualties WHERE side = 'armenia' ORDER BY count DESC, rowid DESC", "-f", "json"}},
		{"/map.geojson", []string{"export", "--geojson", "-"}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := get(t, ts, tc.path)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var want string
			if tc.args[0] == "export" {
				path := t.TempDir() + "/map.geojson"
				code, _, stderr := runIncq(context.Background(), s, "", "export", "--geojson", path)
				if code != 0 {
					t.Fatalf("incq export: %s", stderr)
				}
				data, _ := os.ReadFile(path)
				want = string(data)
			} else {
				code, stdout, stderr := runIncq(context.Background(), s, "", tc.args...)
				if code != 0 {
					t.Fatalf("incq %s: %s", strings.Join(tc.args, " "), stderr)
				}
				want = stdout
			}
			if r.body != want {
				t.Errorf("%s differs from incq %s:\n--- server\n%s\n--- incq\n%s", tc.path, strings.Join(tc.args, " "), r.body, want)
			}
			if cd := r.header.Get("Content-Disposition"); !strings.Contains(cd, "filename=") {
				t.Errorf("Content-Disposition %q names no file", cd)
			}
		})
	}
	// A workbook is binary: it is a zip, named as one.
	r := get(t, ts, "/query/casualties-by-side.xlsx")
	if r.status != 200 || !strings.HasPrefix(r.body, "PK") || !strings.Contains(r.header.Get("Content-Disposition"), `attachment; filename=casualties-by-side.xlsx`) {
		t.Errorf("xlsx: status %d, %q, disposition %q", r.status, r.body[:min(4, len(r.body))], r.header.Get("Content-Disposition"))
	}
	r = get(t, ts, "/query/casualties-by-side.svg?since=2023-01-01")
	if r.status != 200 || !strings.Contains(r.body, "<svg") || r.header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("svg: status %d, type %q", r.status, r.header.Get("Content-Type"))
	}
}

// Errors: the right status, one clear line, JSON for a data form.
func TestServeErrors(t *testing.T) {
	_, ts := testServer(t, nil)
	for _, tc := range []struct {
		path   string
		status int
		want   string
	}{
		{"/nope", 404, `no page &#34;/nope&#34; here`},
		{"/sql?sql=select+1+as+one&_page=922337203685477580", 400, `_page &#34;922337203685477580&#34;: want a page number from 1 to 4294967`},
		// Found by a hostile test: a value of a gigabyte, a bare ; that Go
		// would drop with its filter, a chart of no rows.
		{"/sql.json?sql=select+zeroblob(999999999)", 400, `{"ok":false,"error":"string or blob too big"}`},
		{"/table/incidents.csv?kind=nonexistent;x", 400, `a ; in the query string: separate parameters with &amp;, and write a semicolon in a value as %3B`},
		{"/query/casualties-by-side.svg?since=2099-01-01", 422, `{"ok":false,"error":"plot casualties-by-side: the result has no rows"}`},
		{"/incident/I99", 404, `no incident &#34;I99&#34;`},
		{"/incident/I99.json", 404, `{"ok":false,"error":"no incident \"I99\"`},
		{"/place/Yerevan", 404, `is an actor here`},
		{"/table/incident", 404, `did you mean &#34;incidents&#34;?`},
		{"/table/incidents.json?dat=1", 400, `{"ok":false,"error":"table incidents has no column \"dat\" to filter on; did you mean \"date\"`},
		{"/table/incidents?_size=0", 400, "_size"},
		{"/query/casualties-by-sid", 404, `did you mean &#34;casualties-by-side&#34;?`},
		{"/query/casualties-by-side?sinc=2022-01-01", 400, `has no parameter &#34;sinc&#34;`},
		{"/query/casualties-by-side.json?since=2023-13-01", 400, `"ok":false`},
		{"/query/casualties-by-side.csv?since=2024-01-01&until=2023-01-01", 400, `since 2024-01-01 is after until 2023-01-01`},
		{"/query/at-place.json?place=Atlantis", 400, `no place \"Atlantis\"`},
		{"/query/at-place.json", 400, `give place`},
		{"/sql?sql=SELECT+incident_id,+dat+FROM+incidents", 400, `sql:1:21: no such column: dat; did you mean &#34;date&#34; or &#34;lat&#34;?`},
		{"/sql.json?sql=SELECT+incident_id,+dat+FROM+incidents", 400, `"error":"sql:1:21: no such column: dat; did you mean \"date\" or \"lat\"?\n  SELECT incident_id, dat FROM incidents\n                      ^"`},
		{"/sql?sql=DELETE+FROM+incidents", 400, "ad-hoc SQL is read-only: DELETE is not allowed"},
		{"/sql?sql=ATTACH+%27%2Ftmp%2Fx.db%27+AS+x", 400, "read-only"},
		{"/sql?sql=PRAGMA+query_only%3D0", 400, "read-only"},
		{"/sql.csv?sql=SELECT+1+WHERE+1%3D%3Ax", 400, "parameter :x is not set"},
		{"/sql?sql=SELECT+%3Ax&p.x=abc&t.x=integer", 400, "abc"},
		{"/search?q=zzzzqqq", 404, "no matches"},
		{"/search.json?q=%22unclosed", 400, `"ok":false`},
		{"/incident/I08.csv", 400, `several sections: use --format table, markdown or json, not csv`},
		{"/static/nope.js", 404, "no file"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := get(t, ts, tc.path)
			if r.status != tc.status {
				t.Errorf("status %d, want %d", r.status, tc.status)
			}
			if !strings.Contains(r.body, tc.want) {
				t.Errorf("body lacks %s:\n%s", tc.want, r.body)
			}
			if strings.Contains(tc.path, ".json") {
				var e struct {
					OK    *bool  `json:"ok"`
					Error string `json:"error"`
				}
				if err := json.Unmarshal([]byte(r.body), &e); err != nil || e.OK == nil || *e.OK || e.Error == "" {
					t.Errorf("not a JSON error: %s", r.body)
				}
			}
		})
	}
}

// A name that is not a record's id, a place's other spelling, redirects
// to the record's page.
func TestServeRedirects(t *testing.T) {
	_, ts := testServer(t, nil)
	for path, want := range map[string]string{
		"/incident/i08":           "/incident/I08",
		"/source/001":             "/source/S001",
		"/place/Nakhichevan":      "/place/nakhchivan",
		"/place/Nakhichevan.json": "/place/nakhchivan.json",
		"/table/incidents?_col=kind&_op=exact&_val=capture": "/table/incidents?kind=capture",
	} {
		r := get(t, ts, path)
		if r.status/100 != 3 || r.header.Get("Location") != want {
			t.Errorf("%s: %d to %q, want a redirect to %s", path, r.status, r.header.Get("Location"), want)
		}
	}
}

// Hostile input is escaped wherever it is shown, never run.
func TestServeXSS(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t, nil)
	probes := []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `javascript:alert(1)`, `'><svg/onload=alert(1)>`}
	for _, p := range probes {
		e := url.QueryEscape(p)
		pe := url.PathEscape(p)
		for _, path := range []string{
			"/search?q=" + e, "/search?q=" + e + "&limit=" + e, "/sql?sql=" + e, "/sql?sql=SELECT+%3Aa&p.a=" + e + "&t.a=" + e,
			"/sql?sql=SELECT+" + url.QueryEscape("'"+p+"'") + "+AS+x",
			"/table/incidents?kind=" + e, "/table/incidents?" + e + "=1", "/table/incidents?_sort=" + e, "/table/incidents?_next=" + e,
			"/table/" + pe, "/query/" + pe, "/query/casualties-by-side?since=" + e, "/query/at-place?place=" + e,
			"/incident/" + pe, "/place/" + pe, "/source/" + pe, "/static/" + pe, "/" + pe,
		} {
			r := get(t, ts, path)
			shown := p
			if strings.HasPrefix(p, "javascript:") {
				// As text or a field's value it is harmless; as a link it
				// must never be.
				shown = `href="javascript:`
			}
			if strings.Contains(r.body, shown) || strings.Contains(r.body, `src="javascript:`) {
				t.Errorf("%s: the probe %s comes back unescaped (status %d)", path, p, r.status)
			}
			if r.status >= 500 {
				t.Errorf("%s: status %d", path, r.status)
			}
		}
	}
}

// Nothing outside the embedded assets is served: no parent folder, no
// listing, no other method than reading.
func TestServePaths(t *testing.T) {
	_, ts := testServer(t, nil)
	for _, path := range []string{
		"/static/../../go.mod", "/static/..%2f..%2fgo.mod", "/static/%2e%2e/%2e%2e/go.mod", "/static/", "/static/.",
		"/static/..\\..\\go.mod", "/static//etc/passwd", "/static/%00", "/table/..%2f..%2fgo.mod", "/source/..%2f..%2f..%2fetc%2fpasswd",
	} {
		r := get(t, ts, path)
		if strings.Contains(r.body, "module github.com") || strings.Contains(r.body, "root:") || strings.Contains(r.body, "<a href=\"style.css\">") {
			t.Errorf("%s serves a file outside the assets", path)
		}
		if r.status == 200 {
			t.Errorf("%s: status 200", path)
		}
	}
	req, _ := http.NewRequest("POST", ts.URL+"/sql", strings.NewReader("sql=DELETE FROM incidents"))
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	// A page elsewhere cannot reach the server through a name of its own.
	req, _ = http.NewRequest("GET", ts.URL+"/", nil)
	req.Host = "evil.example:8080"
	resp, err = ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("Host evil.example: status %d", resp.StatusCode)
	}
}

// Huge and malformed requests are refused, and the server goes on.
func TestServeBadRequests(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t, nil)
	addr := ts.Listener.Addr().String()
	raw := func(req string) string {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(5 * time.Second))
		io.WriteString(c, req)
		line, _ := bufio.NewReader(c).ReadString('\n')
		return strings.TrimSpace(line)
	}
	for _, tc := range []struct{ name, req, want string }{
		{"garbage", "GARBAGE\r\n\r\n", "HTTP/1.1 400"},
		{"huge header", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + strings.Repeat("a", 200<<10) + "\r\n\r\n", "HTTP/1.1 431"},
		{"huge url", "GET /sql?sql=" + strings.Repeat("a", 200<<10) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "HTTP/1.1 431"},
		{"no host", "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 400"},
		{"bad escape", "GET /search?q=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "HTTP/1.1"},
	} {
		if got := raw(tc.req); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.want)
		}
	}
	r := get(t, ts, "/sql?sql="+strings.Repeat("x", maxWebSQL+1))
	if r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("long SQL: status %d", r.status)
	}
	if r := get(t, ts, "/"); r.status != 200 {
		t.Errorf("after bad requests: status %d", r.status)
	}
}

// A query that never ends is stopped at the time limit, with a clear
// message, and the server goes on.
func TestServeTimeout(t *testing.T) {
	_, ts := testServer(t, func(s *server) { s.timeout = 300 * time.Millisecond })
	forever := url.QueryEscape("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r")
	for _, path := range []string{"/sql?sql=" + forever, "/sql.json?sql=" + forever} {
		start := time.Now()
		r := get(t, ts, path)
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("%s took %s", path, took)
		}
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "took longer than the server&#39;s limit of 300ms") && !strings.Contains(r.body, "took longer than the server's limit of 300ms") {
			t.Errorf("%s: %d %s", path, r.status, r.body)
		}
	}
	if r := get(t, ts, "/incident/I08"); r.status != 200 {
		t.Errorf("after the endless query: status %d", r.status)
	}
}

// A client that asks for much and reads nothing holds its own connection
// until the write time limit, never the others.
func TestServeSlowClient(t *testing.T) {
	_, ts := testServer(t, func(s *server) { s.writeTimeout = time.Second; s.timeout = 10 * time.Second })
	big := url.QueryEscape("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3000000) SELECT n, printf('%050d', n) AS pad FROM r")
	var conns []net.Conn
	for range 3 {
		c, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "GET /sql.csv?sql=%s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", big)
		conns = append(conns, c)
	}
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	for range 5 {
		if r := get(t, ts, "/table/incidents"); r.status != 200 {
			t.Errorf("while clients read nothing: status %d", r.status)
		}
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("5 pages took %s while 3 clients read nothing", took)
	}
	// Past the write limit, the slow clients are cut off: their
	// connections end well short of the whole result.
	time.Sleep(1500 * time.Millisecond)
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		n, _ := io.Copy(io.Discard, c)
		if n > 100<<20 {
			t.Errorf("a slow client got %d bytes", n)
		}
	}
}

// A download whose client reads nothing is cut off once a write has
// waited downloadStall, well before the write limit: its database slot
// is free again, for four such clients as for one.
func TestServeStalledDownloadFreesSlot(t *testing.T) {
	_, ts := testServer(t, func(s *server) {
		s.writeTimeout = time.Minute
		s.downloadStall = 300 * time.Millisecond
		s.timeout = 10 * time.Second
	})
	big := url.QueryEscape("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3000000) SELECT n, printf('%050d', n) AS pad FROM r")
	start := time.Now()
	for range 4 {
		c, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "GET /sql.csv?sql=%s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", big)
	}
	time.Sleep(1500 * time.Millisecond)
	if r := get(t, ts, "/incident/I08"); r.status != 200 {
		t.Errorf("with four stalled downloads: status %d", r.status)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("a page took until %s after four stalled downloads began", took)
	}
}

// HEAD on a data form that fails answers with the error's status (it
// sent no response at all); on one that works, with the form's headers.
func TestServeHead(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t, nil)
	for path, want := range map[string]int{"/table/nonexist.csv": 404, "/sql.json?sql=selec+1": 400, "/table/incidents.csv": 200} {
		resp, err := ts.Client().Head(ts.URL + path)
		if err != nil {
			t.Fatalf("HEAD %s: %v", path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("HEAD %s: status %d, want %d", path, resp.StatusCode, want)
		}
		if want == 200 && resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Errorf("HEAD %s: Content-Type %q", path, resp.Header.Get("Content-Type"))
		}
	}
}

// With every slot taken, a request waits its time limit, then is told
// the server is busy, and is answered once a slot frees.
func TestServeBusy(t *testing.T) {
	s, ts := testServer(t, func(s *server) { s.timeout = 200 * time.Millisecond })
	for range cap(s.slots) {
		s.slots <- struct{}{}
	}
	r := get(t, ts, "/table/incidents")
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
		t.Errorf("busy: status %d", r.status)
	}
	for range cap(s.slots) {
		<-s.slots
	}
	s.timeout = 10 * time.Second // the page itself may be slow on a loaded machine; nothing is in flight
	if r := get(t, ts, "/table/incidents"); r.status != 200 {
		t.Errorf("after: status %d", r.status)
	}
}

// Stopping the server lets a request in flight finish, and returns nil.
func TestServeShutdown(t *testing.T) {
	s, _ := testServer(t, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var log strings.Builder
	done := make(chan error, 1)
	go func() { done <- s.serve(ctx, ln, &log) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(drainGrace + time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(log.String(), "incq: stopped") {
		t.Errorf("log: %q", log.String())
	}
}

// incq serve as a process: one line on standard error naming the address,
// pages served, and SIGTERM ends it with status 0.
func TestServeProcess(t *testing.T) {
	cmd := incqProcess("serve", "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stderr)
	if !lines.Scan() {
		t.Fatal("no line on standard error")
	}
	line := lines.Text()
	addr, ok := strings.CutPrefix(line, "incq: serving the embedded dataset on ")
	if !ok || !strings.HasPrefix(addr, "http://127.0.0.1:") || !strings.HasSuffix(addr, "/") {
		t.Fatalf("first line %q", line)
	}
	resp, err := http.Get(addr + "incident/I08")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	rest, _ := io.ReadAll(stderr)
	err = cmd.Wait()
	if err != nil {
		t.Errorf("after SIGTERM: %v; stderr %s", err, rest)
	}
	if !strings.Contains(string(rest), "incq: stopped") {
		t.Errorf("stderr after SIGTERM: %q", rest)
	}
}

func TestServeUsage(t *testing.T) {
	s := testSettings(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--addr", "nope"}, `--addr "nope": want HOST:PORT`},
		{[]string{"serve", "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "-f", "csv"}, "drop --output, --format"},
		{[]string{"serve", "--sources", "/no/such/dir"}, `--sources "/no/such/dir": no such directory`},
	} {
		code, _, stderr := runIncq(context.Background(), s, "", tc.args...)
		if code == 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("incq %s: %d %q, want %s", strings.Join(tc.args, " "), code, stderr, tc.want)
		}
	}
}
