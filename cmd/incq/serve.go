package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"
)

// incq serve: the dataset on the web, read-only. The server is a second
// front like the command line: each page resolves a request into the
// results the commands run (a named query, ad-hoc SQL, a show dossier, a
// search, a table's rows), runs them on the one road (writeDocument, or
// the same rows into an HTML table) and owns only routing, HTML and HTTP.

const serveName = "serve"

// Serving limits. A request's database work is bounded by --timeout (2 s
// by default); the rest by these.
const (
	defaultServeAddr    = "127.0.0.1:8080"
	defaultServeTimeout = 2 * time.Second
	// drainGrace is how long the requests in flight have to finish once a
	// signal stops the server.
	drainGrace = 5 * time.Second
	// maxHeaderBytes bounds a request's line and headers: the SQL of
	// /sql?sql=... is part of them.
	maxHeaderBytes = 64 << 10
)

// serveMaxValue is the longest string or blob a request's SQL may make.
const serveMaxValue = 16 << 20

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:  serveName,
		Usage: "serve the dataset as web pages and data files, read-only",
		Description: describe(
			"Serves the dataset (the embedded one, or --dataset DIR) on --addr, by\n"+
				"default 127.0.0.1:8080 (port 0 picks a free port): the tables with\n"+
				"filters and facets, a page per record (/incident/I08, /source/S001#p4),\n"+
				"the named queries as forms (/query/NAME), read-only SQL (/sql),\n"+
				"search and a map. Add .json, .csv, .xlsx (and the other formats'\n"+
				"extensions) to a page's path for its data, the same bytes incq gives\n"+
				"on the command line. --timeout bounds each request (2s by default).\n"+
				"--sources DIR shows the reports' text beside what was taken from each\n"+
				"paragraph. Ctrl-C stops accepting and lets requests in flight finish.",
			"incq serve",
			"incq serve --addr 127.0.0.1:0 --dataset mydata",
			"incq serve --sources ../shared/sources --timeout 5s",
		),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: defaultServeAddr, Usage: "listen on `HOST:PORT` (port 0: any free port); only loopback unless you name another address"},
			&cli.StringFlag{Name: "sources", Usage: "show the reports' text from the files in `DIR` (the dataset's sources.file names)"},
		},
		Action: serveAction,
	}
}

func serveAction(c *cli.Context) error {
	if err := noArgs(c); err != nil {
		return err
	}
	if c.IsSet("output") || c.IsSet("format") || c.Bool("no-header") || c.Bool("spreadsheet") {
		return usagef(serveName, "serve answers each request in the format its path asks for (.json, .csv, ...): drop --output, --format, --no-header and --spreadsheet")
	}
	addr := c.String("addr")
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef(serveName, "--addr %q: want HOST:PORT, e.g. 127.0.0.1:8080 (port 0 picks a free one)", addr)
	}
	if host == "" {
		// :8080, to change the port alone, stays on loopback (Go would
		// listen on every interface): beyond it only when named, 0.0.0.0.
		host = "127.0.0.1"
		addr = net.JoinHostPort(host, port)
	}
	var sources fs.FS
	if dir := c.String("sources"); dir != "" {
		st, err := os.Stat(dir)
		if err != nil || !st.IsDir() {
			return fmt.Errorf("--sources %q: no such directory", dir)
		}
		sources = os.DirFS(dir)
	}
	timeout := timeoutOf(c)
	if timeout <= 0 {
		timeout = defaultServeTimeout
	}
	cat, err := catalog(c)
	if err != nil {
		return err
	}
	db, err := openDB(c)
	if err != nil {
		return err
	}
	defer db.Close()
	// The search index is built now, in the background and under no
	// request's time limit: a large dataset's would not build in one
	// request's 2 s.
	go db.Search(c.Context, "incq", 1)
	// A server answers many requests at once: every CPU, not the one a
	// command starts on.
	runtime.SetDefaultGOMAXPROCS()
	name := "the embedded dataset"
	if dir := c.String("dataset"); dir != "" {
		name = dir
	}
	srv, err := newServer(c.Context, serverConfig{
		db: db, cat: cat, dataset: name, sources: sources, timeout: timeout,
		loopbackOnly: isLoopbackHost(host), log: c.App.ErrWriter,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("--addr %s: %w", addr, err)
	}
	if s := settingsOf(c.App); s.setGrace != nil {
		s.setGrace(drainGrace + time.Second)
	}
	fmt.Fprintf(c.App.ErrWriter, "incq: serving %s on http://%s/\n", name, ln.Addr())
	return srv.serve(c.Context, ln, c.App.ErrWriter)
}

// isLoopbackHost reports whether host names only this machine.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serve answers on ln until ctx ends (a signal), then stops accepting and
// gives the requests in flight drainGrace to finish.
func (s *server) serve(ctx context.Context, ln net.Listener, errlog io.Writer) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      s.writeTimeout,
		IdleTimeout:       10 * time.Second, // an idle keep-alive holds one of maxConns: not for long
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          log.New(errlog, "incq: ", 0),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(limitListener(ln, s.maxConns)) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	drain, cancel := context.WithTimeout(context.Background(), drainGrace)
	defer cancel()
	err := hs.Shutdown(drain)
	if errors.Is(err, context.DeadlineExceeded) {
		hs.Close()
		fmt.Fprintf(errlog, "incq: stopped; requests still running after %s were cut off\n", drainGrace)
		return nil
	}
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(errlog, "incq: stopped")
	return nil
}

// limitListener accepts at most n connections at once: past that, a
// client waits in the kernel's queue rather than costing a goroutine and
// buffers here. A slow client holds one connection, never the server.
func limitListener(ln net.Listener, n int) net.Listener {
	return &limitedListener{Listener: ln, slots: make(chan struct{}, n)}
}

type limitedListener struct {
	net.Listener
	slots chan struct{}
}

func (l *limitedListener) Accept() (net.Conn, error) {
	l.slots <- struct{}{}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitedConn{Conn: c, release: func() { <-l.slots }}, nil
}

type limitedConn struct {
	net.Conn
	release func()
	once    sync.Once
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
