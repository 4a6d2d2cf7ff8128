//go:build unix

package boundedread

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "q.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	t.Run("no writer", func(t *testing.T) {
		within(t, 200*time.Millisecond, func(ctx context.Context) ([]byte, error) {
			return ReadFile(ctx, fifo, MaxSQL)
		})
		// Let the lingering open end.
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
	t.Run("silent writer", func(t *testing.T) {
		w, err := os.OpenFile(fifo, os.O_RDWR, 0) // a writer that never writes
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		within(t, 200*time.Millisecond, func(ctx context.Context) ([]byte, error) {
			return ReadFile(ctx, fifo, MaxSQL)
		})
	})
	t.Run("writer", func(t *testing.T) {
		go func() {
			w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
			if err == nil {
				w.Write([]byte("SELECT 1"))
				w.Close()
			}
		}()
		data, err := ReadFile(context.Background(), fifo, MaxSQL)
		if err != nil || string(data) != "SELECT 1" {
			t.Fatalf("got %q, %v", data, err)
		}
	})
}
