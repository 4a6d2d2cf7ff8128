// Command incq answers questions about a curated dataset of Armenia-Azerbaijan
// border incidents: named queries, read-only ad-hoc SQL, schema listings and
// whole-dataset export, as terminal tables, CSV, TSV, JSON, NDJSON or Markdown.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt)
	os.Exit(run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr))
}
