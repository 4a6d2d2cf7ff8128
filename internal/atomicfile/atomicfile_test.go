//go:build unix

package atomicfile

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestMain doubles as the helper process of the signal tests.
func TestMain(m *testing.M) {
	if dir := os.Getenv("ATOMICFILE_HELPER_DIR"); dir != "" {
		helper(dir)
		return
	}
	os.Exit(m.Run())
}

// helper starts a write to dir/out.csv, says "ready" and waits to be
// signalled, handling signals with ExitOnSignal as incq's main does, but
// without a grace period: the write never ends by itself.
func helper(dir string) {
	ExitOnSignal(func(os.Signal) bool { return true }, func() time.Duration { return 0 }, nil)
	f, err := Create(filepath.Join(dir, "out.csv"), false)
	if err != nil {
		os.Stdout.WriteString(err.Error() + "\n")
		os.Exit(3)
	}
	f.Write([]byte("partial"))
	os.Stdout.WriteString("ready\n")
	select {}
}

// resetRegistry undoes RemovePending's stop, for the next test.
func resetRegistry(tb testing.TB) {
	tb.Helper()
	tb.Cleanup(func() {
		pending.mu.Lock()
		pending.stopped = false
		pending.mu.Unlock()
	})
}

// setUmask sets the process umask for one test and makes Create read it.
func setUmask(tb testing.TB, m int) {
	tb.Helper()
	old := syscall.Umask(m)
	umask = sync.OnceValue(readUmask)
	tb.Cleanup(func() {
		syscall.Umask(old)
		umask = sync.OnceValue(readUmask)
	})
}

func write(tb testing.TB, path string, force bool, content string) error {
	tb.Helper()
	f, err := Create(path, force)
	if err != nil {
		return err
	}
	if _, err := f.Write([]byte(content)); err != nil {
		tb.Fatal(err)
	}
	return f.Commit()
}

// names lists dir, sorted.
func names(tb testing.TB, dir string) []string {
	tb.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var ns []string
	for _, e := range es {
		ns = append(ns, e.Name())
	}
	sort.Strings(ns)
	return ns
}

func wantNames(tb testing.TB, dir string, want ...string) {
	tb.Helper()
	got := names(tb, dir)
	if len(got) != len(want) {
		tb.Fatalf("%s holds %q, want %q", dir, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			tb.Fatalf("%s holds %q, want %q", dir, got, want)
		}
	}
}

func wantContent(tb testing.TB, path, want string) {
	tb.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if string(got) != want {
		tb.Fatalf("%s holds %q, want %q", path, got, want)
	}
}

func wantErr(tb testing.TB, err error, want string) {
	tb.Helper()
	if err == nil || err.Error() != want {
		tb.Fatalf("got error %v\nwant %s", err, want)
	}
}

func TestNewFileHonoursUmask(t *testing.T) {
	for _, tt := range []struct {
		umask int
		want  fs.FileMode
	}{{0o022, 0o644}, {0o077, 0o600}, {0o002, 0o664}} {
		t.Run(strconv.FormatInt(int64(tt.umask), 8), func(t *testing.T) {
			setUmask(t, tt.umask)
			path := filepath.Join(t.TempDir(), "out.csv")
			if err := write(t, path, false, "a\n"); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Mode(); got != tt.want {
				t.Errorf("got mode %v, want %v", got, tt.want)
			}
			wantContent(t, path, "a\n")
		})
	}
}

func TestReadUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	if got := readUmask(); got != 0o027 {
		t.Errorf("got %o, want 027", got)
	}
}

// replaced writes "old" to a file name of mode perm, lets change act on
// it, replaces it with "new" (Create with force) and returns its path and
// what it is then.
func replaced(tb testing.TB, name string, perm os.FileMode, change func(path string) error) (string, os.FileInfo) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, []byte("old"), perm); err != nil {
		tb.Fatal(err)
	}
	if err := change(path); err != nil {
		tb.Fatal(err)
	}
	if err := write(tb, path, true, "new"); err != nil {
		tb.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	return path, st
}

func TestForceKeepsMode(t *testing.T) {
	setUmask(t, 0o022)
	path, st := replaced(t, "secret.csv", 0o600, func(string) error { return nil })
	if st.Mode() != 0o600 {
		t.Errorf("got mode %v, want -rw-------", st.Mode())
	}
	wantContent(t, path, "new")
	wantNames(t, filepath.Dir(path), "secret.csv")
}

func TestForceKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can make a file owned by another user to replace")
	}
	_, st := replaced(t, "theirs.csv", 0o640, func(path string) error { return os.Chown(path, 4321, 4322) })
	sys := st.Sys().(*syscall.Stat_t)
	if sys.Uid != 4321 || sys.Gid != 4322 || st.Mode() != 0o640 {
		t.Errorf("got %d:%d %v, want 4321:4322 -rw-r-----", sys.Uid, sys.Gid, st.Mode())
	}
}

func TestExisting(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.csv")
	os.WriteFile(file, []byte("old"), 0o644)
	dangling := filepath.Join(dir, "dangling.csv")
	os.Symlink("nowhere.csv", dangling)
	link := filepath.Join(dir, "link.csv")
	os.Symlink("file.csv", link)
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	linkToDir := filepath.Join(dir, "linkdir")
	os.Symlink("sub", linkToDir)
	for _, tt := range []struct {
		name  string
		path  string
		force bool
		want  string
	}{
		{"file", file, false, file + ": file exists (use --force to overwrite)"},
		{"dangling link", dangling, false, dangling + ": file exists (use --force to overwrite)"},
		{"link", link, false, link + ": file exists (use --force to overwrite)"},
		{"directory", sub, false, sub + ": is a directory"},
		{"directory, force", sub, true, sub + ": is a directory"},
		{"link to directory, force", linkToDir, true, linkToDir + ": is a directory"},
		{"dangling link, force", dangling, true, dangling + ": symbolic link to a missing file (incq does not create files through links)"},
		{"no directory", filepath.Join(dir, "nodir", "out.csv"), false, "create " + filepath.Join(dir, "nodir", "out.csv") + ": no such file or directory"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Create(tt.path, tt.force)
			if err == nil {
				f.Abort()
			}
			wantErr(t, err, tt.want)
			if tt.want == tt.path+": file exists (use --force to overwrite)" && !errors.Is(err, ErrExists) {
				t.Errorf("error does not wrap ErrExists")
			}
		})
	}
	wantNames(t, dir, "dangling.csv", "file.csv", "link.csv", "linkdir", "sub")
	wantContent(t, file, "old")

	// A device or a pipe is written into, as a shell redirect would,
	// without --force: nothing there is replaced.
	f, err := Create("/dev/null", false)
	if err != nil {
		t.Fatalf("/dev/null without force: %v", err)
	}
	if !f.Direct() {
		t.Errorf("/dev/null: not written directly")
	}
	if _, err := f.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("/dev/null is no longer a character device: %v %v", st, err)
	}
}

// A file that appears after Create is not clobbered by Commit.
func TestCommitDoesNotClobber(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.csv")
	f, err := Create(path, false)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("mine"))
	os.WriteFile(path, []byte("theirs"), 0o644)
	err = f.Commit()
	wantErr(t, err, path+": file exists (use --force to overwrite)")
	if !errors.Is(err, ErrExists) {
		t.Errorf("error does not wrap ErrExists")
	}
	wantContent(t, path, "theirs")
	wantNames(t, filepath.Dir(path), "out.csv")
}

// A link is followed: the file it leads to is replaced, the link kept.
func TestForceThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "real.csv")
	os.Mkdir(filepath.Dir(real), 0o755)
	os.WriteFile(real, []byte("old"), 0o640)
	link := filepath.Join(dir, "link.csv")
	os.Symlink("data/real.csv", link)
	if err := write(t, link, true, "new"); err != nil {
		t.Fatal(err)
	}
	if got, err := os.Readlink(link); err != nil || got != "data/real.csv" {
		t.Fatalf("link now %q, %v", got, err)
	}
	wantContent(t, real, "new")
	if st, _ := os.Stat(real); st.Mode() != 0o640 {
		t.Errorf("got mode %v, want -rw-r-----", st.Mode())
	}
	wantNames(t, dir, "data", "link.csv")
	wantNames(t, filepath.Dir(real), "real.csv")
}

func TestFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}

	t.Run("no reader", func(t *testing.T) {
		start := time.Now()
		_, err := Create(fifo, true)
		wantErr(t, err, fifo+": named pipe has no reader")
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %v", d)
		}
	})

	t.Run("reader", func(t *testing.T) {
		got := make(chan string, 1)
		go func() {
			b, _ := os.ReadFile(fifo) // blocks until a writer opens
			got <- string(b)
		}()
		var f *File
		var err error
		for range 200 { // until the reader has opened its end
			if f, err = Create(fifo, true); err == nil {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		if err != nil {
			t.Fatal(err)
		}
		if !f.Direct() || f.Name() != fifo {
			t.Errorf("Direct() = %v, Name() = %q", f.Direct(), f.Name())
		}
		f.Write([]byte("a,b\n"))
		if err := f.Commit(); err != nil {
			t.Fatal(err)
		}
		if s := <-got; s != "a,b\n" {
			t.Errorf("reader got %q", s)
		}
		st, err := os.Lstat(fifo)
		if err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("pipe is now %v, %v", st.Mode(), err)
		}
		wantNames(t, dir, "pipe")
	})

	t.Run("abort unblocks a write", func(t *testing.T) {
		r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close() // a reader that never reads
		f, err := Create(fifo, true)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := f.Write(make([]byte, 1<<20)) // more than a pipe holds
			done <- err
		}()
		time.Sleep(50 * time.Millisecond)
		f.Abort()
		select {
		case err := <-done:
			wantErr(t, err, "write "+fifo+": file already closed")
		case <-time.After(2 * time.Second):
			t.Fatal("Write still blocked after Abort")
		}
	})
}

func TestDevNull(t *testing.T) {
	f, err := Create("/dev/null", true)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := f.Write([]byte("gone")); n != 4 || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat("/dev/null")
	if err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is now %v, %v", st.Mode(), err)
	}
}

// /proc/self/fd/N (as /dev/stdout is) appends to the open file, as a
// shell's ">" that opened it expects, and does not replace it.
func TestFDPathAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stdout.txt")
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	out.Write([]byte("before\n"))
	before, _ := out.Stat()
	fdPath := "/proc/self/fd/" + strconv.Itoa(int(out.Fd()))
	if _, err := os.Stat(fdPath); err != nil {
		t.Skipf("no /proc: %v", err)
	}
	if err := write(t, fdPath, true, "incq\n"); err != nil {
		t.Fatal(err)
	}
	wantContent(t, path, "before\nincq\n")
	after, _ := os.Stat(path)
	if !os.SameFile(before, after) {
		t.Error("the file was replaced")
	}
}

func TestClosedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")

	f, _ := Create(path, false)
	f.Abort()
	_, err := f.Write([]byte("x"))
	wantErr(t, err, "write "+path+": file already closed")
	wantErr(t, f.Commit(), "commit "+path+": file already closed")
	f.Abort()
	wantNames(t, dir)

	f, _ = Create(path, false)
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	_, err = f.Write([]byte("x"))
	wantErr(t, err, "write "+path+": file already closed")
	wantErr(t, f.Commit(), "commit "+path+": file already closed")
	f.Abort()
	wantNames(t, dir, "out.csv")
}

// Commit reports a failure to sync or close, removes the temporary file
// and leaves the target alone.
func TestCommitFails(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	os.WriteFile(path, []byte("old"), 0o644)
	f, err := Create(path, true)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("new"))
	f.f.Close() // as if the disk had gone
	wantErr(t, f.Commit(), "sync "+path+": file already closed")
	wantContent(t, path, "old")
	wantNames(t, dir, "out.csv")
}

func TestCommitReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may rename in a read-only directory")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	f, err := Create(path, false)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("new"))
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	wantErr(t, f.Commit(), "create "+path+": permission denied")
}

func TestRemovePending(t *testing.T) {
	resetRegistry(t)
	dir := t.TempDir()
	a, _ := Create(filepath.Join(dir, "a.csv"), false)
	b, _ := Create(filepath.Join(dir, "b.csv"), true)
	tmp, err := NewTemp(dir, "key")
	if err != nil {
		t.Fatal(err)
	}
	done, _ := Create(filepath.Join(dir, "done.csv"), false)
	done.Commit()
	if got := len(names(t, dir)); got != 4 {
		t.Fatalf("%d files before, want 4", got)
	}
	RemovePending()
	wantNames(t, dir, "done.csv")
	wantErr(t, a.Commit(), "create "+filepath.Join(dir, "a.csv")+": interrupted")
	wantErr(t, b.Commit(), "replace "+filepath.Join(dir, "b.csv")+": interrupted")
	wantErr(t, tmp.Rename(filepath.Join(dir, "key")), "replace "+filepath.Join(dir, "key")+": interrupted")
	_, err = Create(filepath.Join(dir, "c.csv"), false)
	wantErr(t, err, "create "+filepath.Join(dir, "c.csv")+": interrupted")
	wantNames(t, dir, "done.csv")
}

func TestTemp(t *testing.T) {
	dir := t.TempDir()
	tmp, err := NewTemp(dir, "abc123.db")
	if err != nil {
		t.Fatal(err)
	}
	prefix, pid, ok := parseTempName(filepath.Base(tmp.Name()))
	if prefix != "abc123.db" || pid != os.Getpid() || !ok {
		t.Fatalf("temp name %q parses as %q, %d, %v", tmp.Name(), prefix, pid, ok)
	}
	os.WriteFile(tmp.Name(), []byte("db"), 0o600)
	if err := tmp.Rename(filepath.Join(dir, "abc123.db")); err != nil {
		t.Fatal(err)
	}
	tmp.Remove()
	wantNames(t, dir, "abc123.db")
}

func TestLongName(t *testing.T) {
	dir := t.TempDir()
	base := ""
	for len(base) < 250 {
		base += "é"
	}
	base = base[:250] + ".csv" // 254 bytes, whole runes
	path := filepath.Join(dir, base)
	f, err := Create(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	wantNames(t, dir, base)
}

// deadPID returns the ID of a process that has ended.
func deadPID(tb testing.TB) int {
	tb.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		tb.Skipf("cannot run a process: %v", err)
	}
	return cmd.Process.Pid
}

func TestCleanStale(t *testing.T) {
	resetRegistry(t)
	dir := t.TempDir()
	dead, live := deadPID(t), os.Getppid()
	mk := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	d := strconv.Itoa(dead)
	l := strconv.Itoa(live)
	mk(".out.csv.incq-" + d + "-123.tmp")                       // dead: removed
	mk(".other.csv.incq-" + d + "-9.tmp")                       // another target's
	mk(".out.csv.incq-" + l + "-456.tmp")                       // live: kept
	old := mk(".out.csv.incq-" + l + "-789.tmp")                // live but an hour old: removed
	mk(".out.csv.incq-" + strconv.Itoa(os.Getpid()) + "-7.tmp") // this process's, not pending: removed
	mk(".out.csv.123.tmp")                                      // not incq's pattern
	mk(".out.csv.incq-" + d + "-x1.tmp")                        // not incq's pattern
	mk("out.csv")
	os.Symlink("out.csv", filepath.Join(dir, ".out.csv.incq-"+d+"-5.tmp")) // a link: kept
	os.Chtimes(old, time.Now().Add(-2*StaleAge), time.Now().Add(-2*StaleAge))
	locked := mk(".out.csv.incq-" + d + "-42.tmp") // dead PID but locked: kept
	lf, _ := os.Open(locked)
	defer lf.Close()
	lock(lf)
	live2, err := Create(filepath.Join(dir, "out.csv"), true) // pending: kept
	if err != nil {
		t.Fatal(err)
	}
	defer live2.Abort()
	if os.Geteuid() == 0 {
		theirs := mk(".out.csv.incq-" + d + "-77.tmp") // another user's: kept
		os.Chown(theirs, 4321, 4321)
	}
	before := names(t, dir)

	n, err := CleanStale(filepath.Join(dir, "out.csv"))
	if err != nil || n != 3 {
		t.Fatalf("CleanStale = %d, %v; want 3, nil", n, err)
	}
	var want []string
	for _, name := range before {
		switch name {
		case ".out.csv.incq-" + d + "-123.tmp", filepath.Base(old), ".out.csv.incq-" + strconv.Itoa(os.Getpid()) + "-7.tmp":
		default:
			want = append(want, name)
		}
	}
	wantNames(t, dir, want...)

	n, err = CleanStaleIn(dir)
	if err != nil || n != 1 {
		t.Fatalf("CleanStaleIn = %d, %v; want 1, nil", n, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".other.csv.incq-"+d+"-9.tmp")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("another target's stale file is still there")
	}
	if err := live2.Commit(); err != nil {
		t.Fatal(err)
	}
}

// A run stopped by a signal removes its temporary file; one killed
// outright leaves it, and the next run's CleanStale removes it.
func TestSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "ATOMICFILE_HELPER_DIR="+dir)
			stdout, _ := cmd.StdoutPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(stdout).ReadString('\n')
			if err != nil || line != "ready\n" {
				cmd.Process.Kill()
				t.Fatalf("helper said %q, %v", line, err)
			}
			if got := len(names(t, dir)); got != 1 {
				t.Fatalf("%d files while writing, want 1", got)
			}
			cmd.Process.Signal(sig)
			err = cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("helper ended with %v", err)
			}
			if sig == syscall.SIGKILL {
				if got := len(names(t, dir)); got != 1 {
					t.Fatalf("%d files after kill -9, want 1", got)
				}
				if n, err := CleanStale(filepath.Join(dir, "out.csv")); n != 1 || err != nil {
					t.Fatalf("CleanStale = %d, %v; want 1, nil", n, err)
				}
			} else if ee.ExitCode() != 128+int(sig) {
				t.Errorf("exit code %d, want %d", ee.ExitCode(), 128+int(sig))
			}
			wantNames(t, dir)
		})
	}
}

// CleanStale of a link looks beside the file the link leads to, where
// Create writes.
func TestCleanStaleThroughLink(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "data"), 0o755)
	os.WriteFile(filepath.Join(dir, "data", "real.csv"), nil, 0o644)
	os.Symlink("data/real.csv", filepath.Join(dir, "link.csv"))
	stale := ".real.csv.incq-" + strconv.Itoa(deadPID(t)) + "-1.tmp"
	os.WriteFile(filepath.Join(dir, "data", stale), nil, 0o600)
	if n, err := CleanStale(filepath.Join(dir, "link.csv")); n != 1 || err != nil {
		t.Fatalf("CleanStale = %d, %v; want 1, nil", n, err)
	}
	wantNames(t, filepath.Join(dir, "data"), "real.csv")
}

// Truncate takes back what was written after a point: the committed file
// holds only what came before it and what was written since.
func TestTruncate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	f, err := Create(path, false)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("kept\n"))
	mark := f.Size()
	f.Write([]byte("half a res"))
	if ok, err := f.Truncate(mark); !ok || err != nil {
		t.Fatalf("Truncate(%d) = %v, %v; want true, nil", mark, ok, err)
	}
	f.Write([]byte("next\n"))
	if got, want := f.Size(), int64(len("kept\nnext\n")); got != want {
		t.Errorf("Size() = %d, want %d", got, want)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	wantContent(t, path, "kept\nnext\n")
	if ok, _ := f.Truncate(0); ok {
		t.Error("Truncate after Commit reported true")
	}
}
