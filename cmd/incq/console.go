package main

import (
	"os"
	"sync"
)

// console is the process's hold on its terminal while the interactive
// shell runs. Ctrl-C there stops the running statement, not the whole
// run, so the shell takes SIGINT from the process's signal handling for
// as long as it runs; and a process that ends abruptly (a second Ctrl-C,
// --memory-limit) puts the terminal back as the line editor found it.
// runProcess makes one; runs in tests have none, and a shell without one
// leaves Ctrl-C to end the run.
type console struct {
	mu        sync.Mutex
	interrupt func() bool // the shell's: stop the running statement; false to let the signal end the run
	idle      func() bool // the shell's: no statement runs, it waits at the prompt
	restore   func()      // the line editor's: the terminal's modes before it
}

// takes reports whether the shell took sig (SIGINT while it holds it).
func (k *console) takes(sig os.Signal) bool {
	if k == nil || sig != os.Interrupt {
		return false
	}
	k.mu.Lock()
	f := k.interrupt
	k.mu.Unlock()
	return f != nil && f()
}

// hold gives SIGINT to interrupt until release is called.
func (k *console) hold(interrupt func() bool) (release func()) {
	if k == nil {
		return func() {}
	}
	k.mu.Lock()
	k.interrupt = interrupt
	k.mu.Unlock()
	return func() {
		k.mu.Lock()
		k.interrupt = nil
		k.mu.Unlock()
	}
}

// onExit sets how to put the terminal back on an abrupt exit (nil: no
// need).
func (k *console) onExit(restore func()) {
	if k == nil {
		return
	}
	k.mu.Lock()
	k.restore = restore
	k.mu.Unlock()
}

// restoreTerminal puts the terminal back, before the process exits
// without returning through the shell.
func (k *console) restoreTerminal() {
	if k == nil {
		return
	}
	k.mu.Lock()
	f := k.restore
	k.mu.Unlock()
	if f != nil {
		f()
	}
}

// idleShell reports whether the shell waits at its prompt: a signal that
// ends the run then ends it at once, there being nothing to wait for.
func (k *console) idleShell() bool {
	if k == nil {
		return false
	}
	k.mu.Lock()
	f := k.idle
	k.mu.Unlock()
	return f != nil && f()
}

// whenIdle tells the console how to know the shell waits at its prompt.
func (k *console) whenIdle(f func() bool) {
	if k == nil {
		return
	}
	k.mu.Lock()
	k.idle = f
	k.mu.Unlock()
}
