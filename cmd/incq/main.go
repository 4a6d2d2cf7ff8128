// Command incq answers questions about a curated dataset of Armenia-Azerbaijan
// border incidents: named queries, read-only ad-hoc SQL, schema listings and
// whole-dataset export, as terminal tables, CSV, TSV, JSON, NDJSON, Markdown,
// Excel, Parquet or GeoJSON.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/incq/incq/internal/atomicfile"
)

func main() {
	// Most runs open a cached database and answer one query, and start
	// faster on one thread: the runtime's other threads cost more to start
	// than they give back. A load runs on every CPU (see openDB).
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	// Any signal that ends a run stops it through its context; if it does
	// not end within two seconds (or a second signal comes), temporary
	// files are removed and incq exits at once.
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	go func() {
		s := <-sigs
		cancel()
		select {
		case s = <-sigs:
		case <-time.After(2 * time.Second):
		}
		atomicfile.RemovePending()
		os.Exit(128 + int(s.(syscall.Signal)))
	}()
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	atomicfile.RemovePending()
	os.Exit(code)
}
