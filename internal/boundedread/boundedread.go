// Package boundedread reads the SQL text a user hands incq (standard
// input, --file) with a ceiling on its size and a way to stop: a reader
// that never ends (/dev/zero) stops at the limit with an error, and one
// that never writes (a pipe, a FIFO, a terminal) stops when the context
// is cancelled.
package boundedread

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"
	"time"
)

// MaxSQL is the most SQL text incq reads from one source.
const MaxSQL = 16 << 20

// LimitError is returned by ReadAll and ReadFile when the source holds
// more than the limit.
type LimitError struct {
	Name  string // the source, as in messages: "standard input", a path
	Limit int64
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s: more than %s of SQL; incq reads at most %s", e.Name, size(e.Limit), size(e.Limit))
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n == 1:
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadAll reads r to its end and returns what it read, or a *LimitError
// once it has read more than limit bytes. name names r in errors
// ("standard input"). When ctx ends first, ReadAll returns its cause at
// once; the read itself goes on in a goroutine until r returns, unless r
// has a SetReadDeadline method that works (an *os.File on a pipe the Go
// runtime polls), which ReadAll uses to stop it. Since ReadAll is for a
// command's single input, that goroutine ends with the process at worst.
func ReadAll(ctx context.Context, r io.Reader, limit int64, name string) ([]byte, error) {
	if ctx.Err() != nil {
		return nil, context.Cause(ctx)
	}
	done := make(chan result, 1)
	go func() {
		data, err := read(r, limit, name, 0)
		done <- result{data, err}
	}()
	select {
	case res := <-done:
		return res.data, res.err
	case <-ctx.Done():
		if d, ok := r.(interface{ SetReadDeadline(time.Time) error }); ok {
			d.SetReadDeadline(time.Unix(1, 0))
		}
		return nil, context.Cause(ctx)
	}
}

type result struct {
	data []byte
	err  error
}

// ReadFile reads the file at path, as ReadAll reads a reader. path may be
// a regular file, a named pipe or a character device (/dev/stdin, a
// terminal); directories, sockets and block devices are refused. A
// regular file larger than limit is refused before reading. Opening a
// named pipe waits for a writer; ctx stops that wait and any read, though
// a goroutine blocked in the open lingers until a writer comes or the
// process ends.
func ReadFile(ctx context.Context, path string, limit int64) ([]byte, error) {
	if ctx.Err() != nil {
		return nil, context.Cause(ctx)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	switch m := st.Mode(); {
	case m.IsDir():
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("is a directory")}
	case m.IsRegular():
		if st.Size() > limit {
			return nil, &LimitError{Name: path, Limit: limit}
		}
	case m&fs.ModeSocket != 0:
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("is a socket")}
	case m&fs.ModeDevice != 0 && m&fs.ModeCharDevice == 0:
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("is a block device")}
	}
	var (
		mu      sync.Mutex
		file    *os.File
		stopped bool
	)
	done := make(chan result, 1)
	go func() {
		f, err := os.Open(path) // waits for a writer, when a named pipe
		if err != nil {
			done <- result{nil, err}
			return
		}
		defer f.Close()
		mu.Lock()
		file = f
		if stopped {
			mu.Unlock()
			return
		}
		mu.Unlock()
		data, err := read(f, limit, path, st.Size())
		done <- result{data, err}
	}()
	select {
	case res := <-done:
		return res.data, res.err
	case <-ctx.Done():
		mu.Lock()
		stopped = true
		if file != nil {
			// Unblocks a read of a pipe or terminal; other reads end soon
			// on their own.
			file.SetReadDeadline(time.Unix(1, 0))
		}
		mu.Unlock()
		return nil, context.Cause(ctx)
	}
}

// read reads r to its end, or to limit+1 bytes. hint is the expected size.
func read(r io.Reader, limit int64, name string, hint int64) ([]byte, error) {
	if hint <= 0 || hint > limit {
		hint = 512
	}
	data := make([]byte, 0, hint+1) // +1 to see the end without growing
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		room := min(int64(cap(data)), limit+1)
		n, err := r.Read(data[len(data):room])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, &LimitError{Name: name, Limit: limit}
		}
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
	}
}
