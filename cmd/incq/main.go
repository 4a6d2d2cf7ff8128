// Command incq answers questions about a curated dataset of Armenia-Azerbaijan
// border incidents: named queries, read-only ad-hoc SQL, schema listings and
// whole-dataset export, as terminal tables, CSV, TSV, JSON, NDJSON, Markdown,
// Excel, Parquet or GeoJSON.
package main

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"github.com/incq/incq/internal/atomicfile"
)

func main() {
	os.Exit(runProcess(processSettings()))
}

// runProcess runs incq as this process, with its arguments, streams and
// signals, and returns the exit status.
func runProcess(s settings) (code int) {
	s.start()
	defer func() {
		// A bug, never a user's error: one line, no stack, and no
		// temporary file left behind.
		if v := recover(); v != nil {
			atomicfile.RemovePending()
			fmt.Fprintf(os.Stderr, "incq: internal error: %v (a bug in incq; please report it with the command line)\n", v)
			code = exitInternal
		}
	}()
	// Any signal that ends a run stops it through its context; if it does
	// not end within two seconds (or a second signal comes), temporary
	// files are removed and incq exits at once.
	ctx, cancel := context.WithCancelCause(context.Background())
	var grace atomic.Int64
	grace.Store(int64(stopGrace))
	s.setGrace = func(d time.Duration) { grace.Store(int64(d)) }
	// The interactive shell takes Ctrl-C for the statement it runs (see
	// console); a second Ctrl-C, while that statement has not stopped yet,
	// is the run's again.
	stop := atomicfile.ExitOnSignal(func(sig os.Signal) bool {
		if s.console.takes(sig) {
			return false
		}
		cancel(&signalled{sig})
		return true
	}, func() time.Duration {
		if s.console.idleShell() {
			return 0 // a shell at its prompt has nothing to finish
		}
		return time.Duration(grace.Load())
	}, func(os.Signal) {
		s.console.restoreTerminal()
		if !s.console.idleShell() {
			fmt.Fprintf(os.Stderr, "incq: interrupted; %s\n", forcedStop)
		}
	})
	// Past --timeout or --memory-limit, the same: a run that has not
	// returned within the grace period is ended here, its temporary files
	// removed, with the message it would have printed.
	finished := make(chan struct{})
	s.stuck = func(cause error) {
		go func() {
			select {
			case <-finished:
				return
			case <-time.After(stopGrace):
			}
			s.console.restoreTerminal()
			fmt.Fprintf(os.Stderr, "incq: %s; %s\n", cause, forcedStop)
			atomicfile.RemovePending()
			os.Exit(exitError)
		}()
	}
	code = run(ctx, s, os.Args, os.Stdin, os.Stdout, os.Stderr)
	close(finished)
	stop()
	atomicfile.RemovePending()
	return code
}

// stopGrace is how long a run asked to stop (a signal, --timeout,
// --memory-limit) has to end on its own before the process ends it.
const stopGrace = 2 * time.Second

// forcedStop ends the message of a run the process ended past stopGrace.
var forcedStop = fmt.Sprintf("the run did not stop within %s of being asked, so incq ended it", stopGrace)

// signalled is why a run was cancelled: a signal, whose number the exit
// status carries (128 + n, as shells report it).
type signalled struct{ sig os.Signal }

func (s *signalled) Error() string { return "interrupted by " + s.sig.String() }
