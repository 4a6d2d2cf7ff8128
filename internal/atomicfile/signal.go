package atomicfile

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

// ExitOnSignal handles the signals that end a run (SIGINT, SIGTERM, SIGHUP,
// SIGQUIT) for a program that writes through this package. The first
// signal calls cancel with it, so that the program aborts its writes and
// returns; if it has not returned within grace() (asked when the signal
// comes: a server draining its requests needs longer than a command), or
// a second signal comes, every pending temporary file is removed
// (RemovePending), exiting is called (to say why, when not nil) and the
// process exits with status 128 + the signal's number. Call stop once
// the program is done, before it exits on its own.
//
// cancel reports whether the signal ends the run. One that the program
// handles itself (an interactive shell stopping one statement on Ctrl-C)
// is not counted: cancel returns false, the run goes on, and the next
// signal is again a first one.
func ExitOnSignal(cancel func(os.Signal) (ends bool), grace func() time.Duration, exiting func(os.Signal)) (stop func()) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	done := make(chan struct{})
	go func() {
		var sig os.Signal
		for {
			select {
			case sig = <-sigs:
			case <-done:
				return
			}
			if cancel(sig) {
				break
			}
		}
		select {
		case sig = <-sigs:
		case <-time.After(grace()):
		}
		RemovePending()
		if exiting != nil {
			exiting(sig)
		}
		os.Exit(128 + int(sig.(syscall.Signal)))
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}
