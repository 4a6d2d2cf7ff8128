package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// The memory guard bounds a run's resident memory. SQLite keeps a query's
// temporary results in memory (temp_store = MEMORY, so that a read-only
// query writes nothing to disk), and this build of SQLite cannot cap its
// own heap; without a bound, a sort of a huge result, or SQL gone wrong,
// could take the whole machine. The guard samples the process's resident
// memory and, past the limit, ends the run as --timeout does, with its own
// message. The default, half the machine's memory, stops no query this
// dataset's size needs; --memory-limit 0 turns the guard off.

// memoryError is the cause of a run's end at --memory-limit.
type memoryError struct{ limit int64 }

func (e *memoryError) Error() string {
	return fmt.Sprintf("stopped: the run used more than %s of memory (--memory-limit; 0 for no limit)", sizeText(e.limit))
}

// guardKey finds a run's memoryGuard in its app's Metadata.
const guardKey = "memory guard"

// memoryGuard is one run's guard; tripped is set once it ends the run.
type memoryGuard struct {
	tripped atomic.Pointer[memoryError]
}

// watch samples resident memory every interval until ctx ends, and
// cancels the run with a memoryError past limit. It does nothing where
// the process's memory cannot be read (outside Linux).
func (g *memoryGuard) watch(ctx context.Context, limit int64, cancel context.CancelCauseFunc) {
	if limit <= 0 || residentBytes() < 0 {
		return
	}
	go func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if residentBytes() > limit {
					e := &memoryError{limit}
					g.tripped.Store(e)
					cancel(e)
					return
				}
			}
		}
	}()
}

// residentBytes returns the process's resident memory, or -1 when it
// cannot be read.
func residentBytes() int64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return -1
	}
	f := bytes.Fields(data)
	if len(f) < 2 {
		return -1
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return -1
	}
	return pages * int64(os.Getpagesize())
}

// defaultMemoryLimit is half the machine's memory, or 0 (no guard) when
// that cannot be read.
func defaultMemoryLimit() int64 {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err == nil && kb > 0 {
				return kb * 1024 / 2
			}
		}
	}
	return 0
}

// memoryValue is the --memory-limit flag: a size such as 4GiB, 512MiB,
// 2G or a number of bytes; 0 is no limit. Unset, it is the default.
type memoryValue struct {
	n   int64
	set bool
}

var sizeUnits = []struct {
	suffix string
	factor int64
}{
	{"tib", 1 << 40}, {"gib", 1 << 30}, {"mib", 1 << 20}, {"kib", 1 << 10},
	{"tb", 1e12}, {"gb", 1e9}, {"mb", 1e6}, {"kb", 1e3},
	{"t", 1 << 40}, {"g", 1 << 30}, {"m", 1 << 20}, {"k", 1 << 10}, {"b", 1},
}

func (v *memoryValue) Set(s string) error {
	t := strings.ToLower(strings.TrimSpace(s))
	factor := int64(1)
	for _, u := range sizeUnits {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, factor = strings.TrimSpace(rest), u.factor
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n < 0 || n*float64(factor) > 1<<62 {
		return fmt.Errorf("%q is not a size: write e.g. 4GiB, 512MiB or 0 for no limit", s)
	}
	v.n, v.set = int64(n*float64(factor)), true
	if v.n > 0 && v.n < minMemoryLimit {
		return fmt.Errorf("%s is less than incq itself takes; give at least %s, or 0 for no limit", sizeText(v.n), sizeText(minMemoryLimit))
	}
	return nil
}

// minMemoryLimit is the least --memory-limit: below it, a run would stop
// before its first query (incq and SQLite start at about 25MiB).
const minMemoryLimit = 64 << 20

func (v *memoryValue) String() string {
	if !v.set {
		return ""
	}
	return sizeText(v.n)
}

// sizeText writes a byte count the way people read it.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<30:
		return fmt.Sprintf("%.1fGiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%dMiB", n>>20)
	}
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}
