package atomicfile_test

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/incq/incq/internal/atomicfile"
)

// A command stops on SIGINT, SIGTERM, SIGHUP or SIGQUIT: the first signal
// cancels its context, so it aborts its writes and returns; if it has not
// returned after a grace period, or a second signal comes, the handler
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
	code := run(ctx)
	signal.Stop(sigs)
	_ = code // os.Exit(code) in a real main
}
