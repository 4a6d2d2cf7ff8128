package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/incq/incq"
	"github.com/incq/incq/queries"
	"github.com/incq/incq/render"
	"github.com/incq/incq/schema"
)

// serverConfig is what incq serve serves, and its limits.
type serverConfig struct {
	db      *incq.DB
	cat     *catalogSet
	dataset string // how pages name the dataset
	sources fs.FS  // the reports' text files; nil to serve without the text
	timeout time.Duration
	// loopbackOnly refuses requests whose Host is not this machine: a
	// page elsewhere cannot reach a loopback server through a name of its
	// own (DNS rebinding).
	loopbackOnly bool
	log          io.Writer // where the server says what went wrong on its side
}

// server answers the web front's requests.
type server struct {
	serverConfig
	pages  map[string]*template.Template
	links  *linker
	tables []schema.Table
	views  []schema.View
	kinds  []string // the kinds of record with a page
	static fs.FS
	// handler answers every request: routes, behind guard.
	handler http.Handler

	// Limits: rows shown on a result page, rows of a table page, requests
	// doing database work at once, connections at once, and how long
	// writing a response may take.
	rowCap, pageSize int
	slots            chan struct{}
	maxConns         int
	downloadStall    time.Duration // how long one write of a download may wait for the client to read
	writeTimeout     time.Duration
}

func newServer(ctx context.Context, cfg serverConfig) (*server, error) {
	s := &server{serverConfig: cfg, static: staticFiles(), rowCap: 500, pageSize: 50,
		maxConns: 256, writeTimeout: 30 * time.Second, downloadStall: 5 * time.Second}
	s.slots = make(chan struct{}, max(4, 2*runtime.GOMAXPROCS(0)))
	// No request builds a value past this (the dataset's longest text is a
	// few KiB): a request for zeroblob(1e9) fails at once, it does not
	// fill the server's memory and end it for everyone.
	cfg.db.LimitValues(serveMaxValue)
	if s.timeout <= 0 {
		s.timeout = defaultServeTimeout
	}
	if s.log == nil {
		s.log = io.Discard
	}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	if s.tables, err = schema.Describe(schema.FS()); err != nil {
		return nil, err
	}
	if s.views, err = schema.DescribeViews(schema.FS()); err != nil {
		return nil, err
	}
	s.kinds = dossierKinds()
	if s.links, err = newLinker(ctx, s.db, s.tables); err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.handler = s.routes()
	return s, nil
}

// routes routes requests, behind the checks every request passes.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /table/{name}", s.table)
	mux.HandleFunc("GET /query/{name}", s.query)
	mux.HandleFunc("GET /sql", s.sql)
	mux.HandleFunc("GET /search", s.search)
	mux.HandleFunc("GET /map", s.mapPage)
	for ext := range dataForms {
		mux.HandleFunc("GET /sql"+ext, s.sql)
		mux.HandleFunc("GET /search"+ext, s.search)
	}
	mux.HandleFunc("GET /map.geojson", s.mapPage)
	mux.HandleFunc("GET /static/{file...}", s.staticFile)
	for _, kind := range s.kinds {
		mux.HandleFunc("GET /"+kind+"/{id}", func(w http.ResponseWriter, r *http.Request) { s.record(w, r, kind) })
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, "", &httpError{status: http.StatusNotFound, msg: fmt.Sprintf("no page %q here; the home page lists what there is", r.URL.Path)})
	})
	return s.guard(mux)
}

// guard is what every request passes: only GET and HEAD, a Host naming
// this machine when it listens on loopback, the security headers, and a
// recovery that turns a bug into a one-line 500.
func (s *server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				fmt.Fprintf(s.log, "incq: internal error serving %s: %v\n", r.URL.Path, v)
				s.fail(w, r, "", &httpError{status: http.StatusInternalServerError, msg: fmt.Sprintf("internal error: %v (a bug in incq)", v)})
			}
		}()
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			s.fail(w, r, "", &httpError{status: http.StatusMethodNotAllowed, msg: fmt.Sprintf("method %s: the server is read-only; use GET", r.Method)})
			return
		}
		if s.loopbackOnly && !loopbackHost(r.Host) {
			s.fail(w, r, "", &httpError{status: http.StatusMisdirectedRequest, msg: "this server answers requests for localhost only"})
			return
		}
		if strings.Contains(r.URL.RawQuery, ";") {
			// Go drops a parameter holding a bare ; : a filter would be
			// left out in silence and every row shown.
			s.fail(w, r, "", &httpError{status: http.StatusBadRequest, msg: "a ; in the query string: separate parameters with &, and write a semicolon in a value as %3B"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a request's Host names this machine.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	return isLoopbackHost(strings.Trim(host, "[]"))
}

// begin starts a request's database work: it waits for a slot (at most
// the request's time limit, then 503) and bounds the work by --timeout.
// Call done when the database work is over; a page calls it before
// writing to a client that may be slow, a data stream when it has
// streamed.
func (s *server) begin(r *http.Request) (ctx context.Context, done func(), err error) {
	wait := time.NewTimer(s.timeout)
	defer wait.Stop()
	select {
	case s.slots <- struct{}{}:
	case <-wait.C:
		return nil, nil, &httpError{status: http.StatusServiceUnavailable, msg: "the server is busy; try again in a moment"}
	case <-r.Context().Done():
		return nil, nil, r.Context().Err()
	}
	ctx, cancel := context.WithTimeoutCause(r.Context(), s.timeout, &requestTimeout{s.timeout})
	released := false
	return ctx, func() {
		if !released {
			released = true
			cancel()
			<-s.slots
		}
	}, nil
}

// requestTimeout is the cause of a request's end at the server's limit.
type requestTimeout struct{ limit time.Duration }

func (e *requestTimeout) Error() string {
	return fmt.Sprintf("stopped: the request took longer than the server's limit of %s (incq serve --timeout)", e.limit)
}

// httpError is an error with its HTTP status; detail is shown beneath
// the message (a SQL line and its caret), links are suggestions.
type httpError struct {
	status int
	msg    string
	detail string
	links  []pageLink
}

func (e *httpError) Error() string { return e.msg }

// httpErrorOf gives an error its status: the user's mistakes 4xx, the
// server's limits 4xx or 503, anything else 500.
func httpErrorOf(err error) *httpError {
	var (
		he  *httpError
		ue  *usageError
		pe  *sqlPlaceError
		nf  *incq.NotFoundError
		nm  *incq.NoMatchError
		se  *incq.SearchSyntaxError
		be  *incq.BrowseError
		qe  *incq.SQLError
		de  *documentError
		rt  *requestTimeout
		pqe *queries.ParseError
	)
	switch {
	case errors.As(err, &he):
		return he
	case errors.As(err, &rt):
		return &httpError{status: http.StatusUnprocessableEntity, msg: rt.Error()}
	case errors.Is(err, context.Canceled):
		return &httpError{status: 499, msg: "the request was cancelled"}
	case errors.Is(err, context.DeadlineExceeded):
		return &httpError{status: http.StatusUnprocessableEntity, msg: "the request took longer than its time limit (--timeout)"}
	case errors.As(err, &pe):
		return &httpError{status: http.StatusBadRequest, msg: pe.msg, detail: pe.context}
	case errors.As(err, &ue):
		return &httpError{status: http.StatusBadRequest, msg: ue.msg}
	case errors.As(err, &nf):
		e := &httpError{status: http.StatusNotFound, msg: nf.Error()}
		return e
	case errors.As(err, &nm):
		e := &httpError{status: http.StatusNotFound, msg: nm.Error()}
		for _, sug := range nm.Suggestions {
			e.links = append(e.links, pageLink{Text: sug, Href: "/search?q=" + url.QueryEscape(sug)})
		}
		return e
	case errors.As(err, &be):
		status := http.StatusBadRequest
		if strings.HasPrefix(be.Msg, "no table") {
			status = http.StatusNotFound
		}
		return &httpError{status: status, msg: be.Msg}
	case errors.As(err, &se), errors.As(err, &qe), errors.As(err, &de), errors.As(err, &pqe), errors.Is(err, incq.ErrReadOnly):
		return &httpError{status: http.StatusBadRequest, msg: strings.Join(strings.Fields(err.Error()), " ")}
	}
	return &httpError{status: http.StatusInternalServerError, msg: strings.Join(strings.Fields(err.Error()), " ")}
}

// fail answers a request with an error: JSON ({"ok": false, "error": ...})
// for a data form (ext set), else an HTML page.
func (s *server) fail(w http.ResponseWriter, r *http.Request, ext string, err error) {
	he := httpErrorOf(err)
	if he.status == 499 {
		return // nobody is listening
	}
	if he.status >= 500 && he.status != http.StatusServiceUnavailable {
		fmt.Fprintf(s.log, "incq: %s: %s\n", r.URL.Path, he.msg)
	}
	if he.status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	h := w.Header()
	h.Del("Content-Disposition")
	if ext != "" {
		msg := he.msg
		if he.detail != "" {
			msg += "\n" + he.detail
		}
		h.Set("Content-Type", "application/json")
		w.WriteHeader(he.status)
		body, _ := json.Marshal(struct {
			OK    bool   `json:"ok"`
			Error string `json:"error"`
		}{false, msg})
		w.Write(append(body, '\n'))
		return
	}
	s.render(w, r, he.status, "error", "Error", map[string]any{"Msg": he.msg, "Detail": he.detail, "Links": he.links, "Status": he.status})
}

// page is what every page's template gets: its title and its own data.
type page struct {
	Title   string
	Dataset string
	Query   string // the search box's text
	Data    any
}

// render executes a page's template into a buffer and writes it: a page
// is whole or not sent (a template error is a 500, never half a page).
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	var buf bytes.Buffer
	p := page{Title: title, Dataset: s.dataset, Data: data, Query: r.URL.Query().Get("q")}
	if err := s.pages[name].ExecuteTemplate(&buf, "base", p); err != nil {
		fmt.Fprintf(s.log, "incq: %s: template %s: %v\n", r.URL.Path, name, err)
		http.Error(w, "internal error rendering the page (a bug in incq)", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// dataForms are the extensions a page's path takes for its data, and the
// media type of each: the command line's formats (extensionFormats).
var dataForms = map[string]string{
	".json":    "application/json",
	".csv":     "text/csv; charset=utf-8",
	".tsv":     "text/tab-separated-values; charset=utf-8",
	".ndjson":  "application/x-ndjson",
	".jsonl":   "application/x-ndjson",
	".md":      "text/markdown; charset=utf-8",
	".xlsx":    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".parquet": "application/vnd.apache.parquet",
	".geojson": "application/geo+json",
}

// splitExt splits a path's last segment into a name and the extension of
// a data form, if it has one.
func splitExt(name string) (string, string) {
	ext := path.Ext(name)
	if _, ok := dataForms[ext]; ok {
		return strings.TrimSuffix(name, ext), ext
	}
	return name, ""
}

// serveData streams results as the data form ext asks for: the bytes incq
// gives on the command line for the same results (writeDocument), with a
// Content-Disposition naming the file. An error before the first byte is
// an error response; one after it cuts the connection, so that a client
// never takes half a file for a whole one.
// place, when set, words an error in the terms of the SQL that failed.
func (s *server) serveData(w http.ResponseWriter, r *http.Request, ctx context.Context, ext, filename string, sections bool, place func(error) error, results ...result) {
	f := extensionFormats[ext]
	lw := &lazyWriter{w: w, until: time.Now().Add(s.writeTimeout), stall: s.downloadStall, start: func() {
		h := w.Header()
		h.Set("Content-Type", dataForms[ext])
		disp := "inline"
		if f == render.XLSX || f == render.Parquet {
			disp = "attachment"
		}
		h.Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": filename + ext}))
	}}
	opts := render.Options{Width: 80, Note: func(string) {}}
	var out io.Writer = lw
	if r.Method == http.MethodHead {
		out = io.Discard // the headers come at the end, or the error's
	}
	_, err := writeDocument(ctx, out, f, opts, sections, results)
	if err != nil && place != nil {
		err = place(err)
	}
	if err != nil && !lw.started {
		s.fail(w, r, ext, err)
		return
	}
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	lw.begin() // an empty body is still this form
}

// lazyWriter sets a response's headers at its first byte, so that an
// error found before any output can still be answered as an error.
type lazyWriter struct {
	w       http.ResponseWriter
	start   func()
	started bool
	until   time.Time     // the response's write limit
	stall   time.Duration // how long one write may wait for the client
}

func (l *lazyWriter) begin() {
	if !l.started {
		l.started = true
		l.start()
	}
}

func (l *lazyWriter) Write(p []byte) (int, error) {
	l.begin()
	// Each write of a download has a few seconds: a client that reads
	// nothing is cut off then, and frees the database slot its download
	// holds, rather than keeping it for the whole write timeout.
	deadline := time.Now().Add(l.stall)
	if !l.until.IsZero() && l.until.Before(deadline) {
		deadline = l.until
	}
	http.NewResponseController(l.w).SetWriteDeadline(deadline)
	return l.w.Write(p)
}

// staticFile serves the embedded scripts, styles and map data, and
// nothing else: no listing, no path outside them.
func (s *server) staticFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if !fs.ValidPath(name) || strings.Contains(name, "\\") {
		s.fail(w, r, "", &httpError{status: http.StatusNotFound, msg: "no such file"})
		return
	}
	st, err := fs.Stat(s.static, name)
	if err != nil || st.IsDir() {
		s.fail(w, r, "", &httpError{status: http.StatusNotFound, msg: fmt.Sprintf("no file %q", name)})
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeFileFS(w, r, s.static, name)
}
