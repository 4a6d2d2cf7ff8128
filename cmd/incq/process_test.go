package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/incq/incq/internal/heavy"
)

// incqProcess returns a command running this test binary as incq.
func incqProcess(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "INCQ_TEST_MAIN=1", "INCQ_CACHE_DIR=off")
	return cmd
}

// watchPeak reads the process's peak resident memory (VmHWM) from /proc
// until it exits, and sends the highest seen. rusage's Maxrss would not
// do: the child starts as a vfork of this test process, and inherits its
// high-water mark, which earlier tests in the same binary have raised;
// VmHWM belongs to the memory the child's exec set up.
func watchPeak(pid int) <-chan int64 {
	peaks := make(chan int64, 1)
	go func() {
		var peak int64
		status := fmt.Sprintf("/proc/%d/status", pid)
		for {
			data, err := os.ReadFile(status)
			if err != nil {
				break
			}
			_, rest, ok := bytes.Cut(data, []byte("VmHWM:"))
			if !ok {
				break // a zombie: the process has exited
			}
			var kb int64
			fmt.Sscan(string(rest), &kb)
			peak = max(peak, kb*1024)
			time.Sleep(10 * time.Millisecond)
		}
		peaks <- peak
	}()
	return peaks
}

func generated(rows int) string {
	return fmt.Sprintf("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < %d) "+
		"SELECT n, 'incident ' || n AS label, n * 0.5 AS half, NULL AS empty FROM r", rows)
}

// lineCounter counts the lines written to it and keeps the last one.
type lineCounter struct {
	lines int
	last  []byte
}

func (c *lineCounter) Write(p []byte) (int, error) {
	c.lines += bytes.Count(p, []byte("\n"))
	if i := bytes.LastIndexByte(p[:max(0, len(p)-1)], '\n'); i >= 0 {
		c.last = append(c.last[:0], p[i+1:]...)
	} else {
		c.last = append(c.last, p...)
	}
	return len(p), nil
}

// A result of millions of rows streams out in flat memory: peak resident
// memory stays under 100 MB whatever the row count. Heavy: INCQ_HEAVY=1.
func TestStreamingMemory(t *testing.T) {
	heavy.Test(t, "streams 3 million rows per format, about 20 s")
	if runtime.GOOS != "linux" {
		t.Skip("reads peak memory from Linux rusage")
	}
	const rows = 3_000_000
	for _, tt := range []struct {
		format string
		lines  int
		last   string
	}{
		{"csv", rows + 1, "3000000,incident 3000000,1500000.0,\n"},
		{"tsv", rows + 1, "3000000\tincident 3000000\t1500000.0\t\n"},
		{"ndjson", rows, `{"n":3000000,"label":"incident 3000000","half":1500000.0,"empty":null}` + "\n"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			cmd := incqProcess("sql", generated(rows), "--format", tt.format, "--timeout", "10m")
			var out lineCounter
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			peaks := watchPeak(cmd.Process.Pid)
			if err := cmd.Wait(); err != nil {
				t.Fatalf("%v: %s", err, stderr.String())
			}
			peak := <-peaks
			if out.lines != tt.lines || string(out.last) != tt.last {
				t.Errorf("got %d lines ending %q, want %d ending %q", out.lines, out.last, tt.lines, tt.last)
			}
			t.Logf("%s: peak resident memory %.1f MB for %d rows", tt.format, float64(peak)/1e6, rows)
			if peak > 100<<20 {
				t.Errorf("peak resident memory %d MB, want under 100 MB", peak>>20)
			}
		})
	}
}

// A write killed with SIGKILL midway leaves the old file intact, or no file
// when there was none: the output goes to a temporary file renamed into
// place only when complete.
func TestKilledWriteIsAtomic(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL")
	}
	dir := t.TempDir()
	old := filepath.Join(dir, "old.csv")
	if err := os.WriteFile(old, []byte("my own work\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		target string
		args   []string
	}{
		{old, []string{"--force"}},
		{filepath.Join(dir, "new.csv"), nil},
	} {
		args := append([]string{"sql", generated(50_000_000), "-f", "csv", "--timeout", "10m", "-o", tt.target}, tt.args...)
		cmd := incqProcess(args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until the temporary file holds data, then kill.
		tmpPattern := filepath.Join(dir, "."+filepath.Base(tt.target)+".*.tmp")
		deadline := time.Now().Add(30 * time.Second)
		for {
			tmps, _ := filepath.Glob(tmpPattern)
			if len(tmps) == 1 {
				if st, err := os.Stat(tmps[0]); err == nil && st.Size() > 1<<20 {
					break
				}
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatal("no temporary file with data appeared")
			}
			time.Sleep(20 * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got, err := os.ReadFile(tt.target)
		switch {
		case tt.target == old && string(got) != "my own work\n":
			t.Errorf("old file changed: %q, %v", trim(got), err)
		case tt.target != old && !os.IsNotExist(err):
			t.Errorf("new file exists after kill -9: %q", trim(got))
		}
	}
}

func trim(b []byte) string {
	s := string(b)
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return strings.TrimSpace(s)
}

// A run ended by a signal exits as a shell reports a death by that signal:
// 128 + its number (130 for Ctrl-C, 143 for SIGTERM), saying interrupted.
func TestSignalExitStatus(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := incqProcess("sql", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitCaught(t, cmd.Process.Pid, sig)
			cmd.Process.Signal(sig)
			cmd.Wait()
			if got, want := cmd.ProcessState.ExitCode(), 128+int(sig); got != want || stderr.String() != "incq: interrupted\n" {
				t.Errorf("exit %d, stderr %q; want %d and \"incq: interrupted\\n\"", got, stderr.String(), want)
			}
		})
	}
}

// waitCaught waits until process pid handles sig (on Linux, its SigCgt
// mask in /proc says so), so that the signal finds incq's handler and not
// the default action of a process still starting up on a loaded machine;
// elsewhere it waits a while.
func waitCaught(t *testing.T, pid int, sig syscall.Signal) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
		if err != nil {
			time.Sleep(300 * time.Millisecond) // no /proc here
			return
		}
		for _, line := range strings.Split(string(data), "\n") {
			if mask, ok := strings.CutPrefix(line, "SigCgt:"); ok {
				if n, err := strconv.ParseUint(strings.TrimSpace(mask), 16, 64); err == nil && n&(1<<(uint(sig)-1)) != 0 {
					time.Sleep(100 * time.Millisecond) // and into the query
					return
				}
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("process %d never caught %v", pid, sig)
}
