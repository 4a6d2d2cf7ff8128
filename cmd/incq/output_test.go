package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/incq/incq/internal/atomicfile"
)

// TestOutputNotCommittedOnceStopped: a run stopped (--timeout, a signal)
// while its last write was finishing leaves no file, and says why.
func TestOutputNotCommittedOnceStopped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.xlsx")
	f, err := atomicfile.Create(path, false)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	cause := &timeoutError{limit: 13e9}
	cancel(cause)
	o := &output{Writer: f, file: f, flag: "-o", ctx: ctx}
	if _, err := o.Write([]byte("complete, but too late")); err != nil {
		t.Fatal(err)
	}
	if err := o.done(nil); !errors.Is(err, cause) {
		t.Errorf("done: got %v, want %v", err, cause)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s: got %v, want no file", path, err)
	}
}
