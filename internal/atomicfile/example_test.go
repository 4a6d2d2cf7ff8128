package atomicfile_test

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/incq/incq/internal/atomicfile"
)

// A command stops on SIGINT, SIGTERM, SIGHUP or SIGQUIT: the first signal
// cancels its context, so it aborts its writes and returns; if it has not
// returned after a grace period, or a second signal comes, ExitOnSignal
// removes what it left pending and exits.
func Example_signals() {
	run := func(ctx context.Context) int {
		out := filepath.Join(os.TempDir(), "example.csv")
		atomicfile.CleanStale(out) // files of a run killed outright
		f, err := atomicfile.Create(out, true)
		if err != nil {
			return 1
		}
		if _, err := f.Write([]byte("a,b\n")); err != nil || ctx.Err() != nil {
			f.Abort()
			return 1
		}
		if err := f.Commit(); err != nil {
			return 1
		}
		return 0
	}

	ctx, cancel := context.WithCancel(context.Background())
	stop := atomicfile.ExitOnSignal(func(os.Signal) bool { cancel(); return true }, func() time.Duration { return 2 * time.Second }, nil)
	code := run(ctx)
	stop()
	_ = code // os.Exit(code) in a real main
}
