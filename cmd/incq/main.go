// Command incq answers questions about a curated dataset of Armenia-Azerbaijan
// border incidents: named queries, read-only ad-hoc SQL, schema listings and
// whole-dataset export, as terminal tables, CSV, TSV, JSON, NDJSON or Markdown.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime"
)

func main() {
	// Most runs open a cached database and answer one query, and start
	// faster on one thread: the runtime's other threads cost more to start
	// than they give back. A load runs on every CPU (see openDB).
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt)
	os.Exit(run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr))
}
