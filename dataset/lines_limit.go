package dataset

import (
	"bytes"
	"fmt"
	"io"
)

// MaxLine is the longest line of a dataset file incq reads: far more than
// any cell a person writes, and a stop for a file that is one endless
// line, which a CSV reader would otherwise hold whole in memory.
const MaxLine = 1 << 20

// lineTooLong is the error for a line longer than MaxLine.
type lineTooLong struct{ line int }

func (e *lineTooLong) Error() string {
	return fmt.Sprintf("line %d is longer than %d KiB; a dataset line may hold at most that", e.line, MaxLine>>10)
}

// lineLimiter passes a reader through, failing at the first line longer
// than max bytes.
type lineLimiter struct {
	r    io.Reader
	max  int
	line int // the line being read, from 1
	run  int // bytes of that line read so far
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for chunk := p[:n]; len(chunk) > 0; {
		i := bytes.IndexByte(chunk, '\n')
		if i < 0 {
			l.run += len(chunk)
			break
		}
		if l.run+i > l.max {
			return n, &lineTooLong{line: l.line}
		}
		l.line++
		l.run = 0
		chunk = chunk[i+1:]
	}
	if l.run > l.max {
		return n, &lineTooLong{line: l.line}
	}
	return n, err
}
