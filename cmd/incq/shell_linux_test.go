package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// ptyShell is incq running on a real pseudo-terminal, as a person types
// at it: what it writes is read as it comes, and expect waits for text.
type ptyShell struct {
	t      *testing.T
	cmd    *exec.Cmd
	master *os.File
	mu     sync.Mutex
	out    bytes.Buffer
	seen   int // what expect has already matched ends here
	done   chan struct{}
}

// startShell starts incq with args on a new terminal 120 columns wide,
// with state (history) under stateDir and the dataset cached in cacheDir.
func startShell(t *testing.T, stateDir, cacheDir string, args ...string) *ptyShell {
	t.Helper()
	cmd := incqProcess(args...)
	cmd.Env = append(cmd.Env, "XDG_STATE_HOME="+stateDir, "INCQ_CACHE_DIR="+cacheDir, "TERM=xterm", "LANG=C.UTF-8", "COLUMNS=")
	master, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 120})
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	p := &ptyShell{t: t, cmd: cmd, master: master, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			p.mu.Lock()
			p.out.Write(buf[:n])
			p.mu.Unlock()
			if err != nil {
				return // EIO once the process has gone
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		master.Close()
	})
	return p
}

// send types s.
func (p *ptyShell) send(s string) {
	p.t.Helper()
	if _, err := p.master.WriteString(s); err != nil {
		p.t.Fatalf("typing %q: %v", s, err)
	}
}

// expect waits until the output after the last match holds want.
func (p *ptyShell) expect(want string) {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		p.mu.Lock()
		out := p.out.String()
		p.mu.Unlock()
		if i := strings.Index(out[p.seen:], want); i >= 0 {
			p.seen += i + len(want)
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("waited for %q; the terminal shows:\n%s", want, out[p.seen:])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// wait waits for incq to exit and returns its exit status.
func (p *ptyShell) wait() int {
	p.t.Helper()
	err := p.cmd.Wait()
	<-p.done
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		p.t.Fatal(err)
	}
	return 0
}

// Typing at the prompt: a statement over two lines (the continuation
// prompt shows), a table, an error with its caret and suggestion that
// leaves the shell running, Ctrl-C clearing an open statement, Ctrl-D
// leaving. incq alone opens the same shell on a terminal.
func TestShellTyping(t *testing.T) {
	p := startShell(t, t.TempDir(), t.TempDir())
	p.expect(promptFirst)
	p.send("SELECT 40 +\r")
	p.expect(promptMore)
	p.send("2 AS answer;\r")
	p.expect("│ answer │")
	p.expect("│     42 │")
	p.expect(promptFirst)
	p.send("select nope from incidents;\r")
	p.expect(`incq: sql:1:8: no such column: nope; did you mean "note"?`)
	p.expect("         ^")
	p.expect(promptFirst)
	p.send("select 1 +\r")
	p.expect(promptMore)
	p.send("\x03") // Ctrl-C drops the open statement
	p.expect(promptFirst)
	p.send("select 5 as five;\r")
	p.expect("│    5 │")
	p.expect(promptFirst)
	p.send("\x04") // Ctrl-D
	if code := p.wait(); code != 0 {
		t.Errorf("exit status %d after Ctrl-D, want 0", code)
	}
}

// History is kept across sessions, in XDG_STATE_HOME/incq/history, mode
// 0600: up-arrow in a new session brings back the last statement, whole
// though it was typed over two lines.
func TestShellHistory(t *testing.T) {
	state, cache := t.TempDir(), t.TempDir()
	p := startShell(t, state, cache, "shell")
	p.expect(promptFirst)
	p.send("select 6 * 7\r")
	p.expect(promptMore)
	p.send("  as answer; -- the answer\r")
	p.expect("│     42 │")
	p.expect(promptFirst)
	p.send(".quit\r")
	if code := p.wait(); code != 0 {
		t.Fatalf("exit status %d after .quit, want 0", code)
	}
	path := filepath.Join(state, "incq", "history")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("history mode %v, want 0600", st.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	if got, want := string(data), "select 6 * 7 as answer;\n.quit\n"; got != want {
		t.Errorf("history holds %q, want %q", got, want)
	}

	p = startShell(t, state, cache, "shell")
	p.expect(promptFirst)
	p.send("\x1b[A\x1b[A\r") // up twice: past .quit to the statement
	p.expect("│     42 │")
	p.expect(promptFirst)
	p.send("\x04")
	p.wait()
}

// Tab completes table names (to what the candidates share, then the
// rest typed), dot-commands and query names.
func TestShellCompletion(t *testing.T) {
	p := startShell(t, t.TempDir(), t.TempDir(), "shell")
	p.expect(promptFirst)
	p.send("select count(*) as n from incid\t")
	p.send("s;\r")
	p.expect("│ 11 │")
	p.expect(promptFirst)
	p.send(".ru\tcasualties-by\tsi\t")
	p.send("2023-01-01\r")
	p.expect("│ curated │ armenia    │         2 │")
	p.expect(promptFirst)
	p.send("\x04")
	p.wait()
}

// Ctrl-C during a long statement stops it and the shell goes on; a
// .once file it was writing is not left behind, whole or half.
func TestShellInterrupt(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := startShell(t, t.TempDir(), t.TempDir(), "shell")
	p.expect(promptFirst)
	big := filepath.Join(dir, "big.csv")
	p.send(".once " + big + "\r")
	p.expect(promptFirst)
	p.send("with recursive r(n) as (select 1 union all select n + 1 from r where n < 1e9) select n from r;\r")
	time.Sleep(1500 * time.Millisecond) // into the query, on a loaded machine too
	p.send("\x03")
	p.expect("incq: interrupted")
	p.expect(promptFirst)
	p.send("with recursive r(n) as (select 1 union all select n + 1 from r where n < 1e9) select count(*) from r;\r")
	time.Sleep(1500 * time.Millisecond)
	p.send("\x03")
	p.expect("incq: interrupted")
	p.expect(promptFirst)
	small := filepath.Join(dir, "small.csv")
	p.send(".once " + small + "\r")
	p.expect(promptFirst)
	p.send("select 7 as seven;\r")
	p.expect(promptFirst)
	p.send("\x04")
	if code := p.wait(); code != 0 {
		t.Errorf("exit status %d, want 0", code)
	}
	if got, err := os.ReadFile(small); err != nil || string(got) != "seven\n7\n" {
		t.Errorf("small.csv holds %q, %v; want \"seven\\n7\\n\"", got, err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(names) != 1 {
		t.Errorf("the folder holds %q, want small.csv alone", names)
	}
}
