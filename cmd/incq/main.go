// Command incq answers questions about a curated dataset of Armenia-Azerbaijan
// border incidents: named queries, read-only ad-hoc SQL, schema listings and
// whole-dataset export, as terminal tables, CSV, TSV, JSON, NDJSON, Markdown,
// Excel, Parquet or GeoJSON.
package main

import (
	"context"
	"os"
	"time"

	"github.com/incq/incq/internal/atomicfile"
)

func main() {
	os.Exit(runProcess(processSettings()))
}

// runProcess runs incq as this process, with its arguments, streams and
// signals, and returns the exit status.
func runProcess(s settings) int {
	s.start()
	// Any signal that ends a run stops it through its context; if it does
	// not end within two seconds (or a second signal comes), temporary
	// files are removed and incq exits at once.
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := atomicfile.ExitOnSignal(func(sig os.Signal) { cancel(&signalled{sig}) }, 2*time.Second)
	code := run(ctx, s, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	atomicfile.RemovePending()
	return code
}

// signalled is why a run was cancelled: a signal, whose number the exit
// status carries (128 + n, as shells report it).
type signalled struct{ sig os.Signal }

func (s *signalled) Error() string { return "interrupted by " + s.sig.String() }
