//go:build unix

package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// umask returns the process's umask, read once. Linux shows it in
// /proc/self/status; elsewhere reading it means setting it and setting it
// back, and a file another goroutine creates in between gets mode bits
// the umask would have cleared. incq reads it on its first Create, before
// it creates files anywhere else.
var umask = sync.OnceValue(readUmask)

func readUmask() fs.FileMode {
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "Umask:"); ok {
				if m, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32); err == nil {
					return fs.FileMode(m) & fs.ModePerm
				}
			}
		}
	}
	m := syscall.Umask(0o022)
	syscall.Umask(m)
	return fs.FileMode(m) & fs.ModePerm
}

// keepOwner gives f the owner and group of old where permitted: root can
// give both, another user at most a group they belong to.
func keepOwner(f *os.File, old fs.FileInfo) {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	uid, gid := int(st.Uid), int(st.Gid)
	if uid == os.Geteuid() && gid == os.Getegid() {
		return
	}
	if f.Chown(uid, gid) != nil {
		f.Chown(-1, gid)
	}
}

// openDirect opens a pipe or device for writing. A named pipe is opened
// non-blocking first, which fails at once when no process reads it (an
// ordinary open would wait for a reader for ever); it then stays
// non-blocking, which lets Go's poller park a blocked Write and Abort
// unblock it.
func openDirect(path string, flag int, fifo bool) (*File, error) {
	if fifo {
		flag |= syscall.O_NONBLOCK
	}
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		if fifo && errors.Is(err, syscall.ENXIO) {
			return nil, fmt.Errorf("%s: named pipe has no reader", path)
		}
		return nil, userError("open", path, err)
	}
	return &File{Path: path, f: f}, nil
}

// noFollow makes opening a link fail, and opening a pipe not wait.
const noFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// lock takes f's advisory lock, which CleanStaleIn tests to tell a live
// temporary file from a stale one. Where the file system has no locks,
// the name's process ID is all there is to go on.
func lock(f *os.File) { flock(f) }

// inUse reports whether a process holds f's lock; if not, f now holds it.
func inUse(f *os.File) bool { return errors.Is(flock(f), syscall.EWOULDBLOCK) }

func flock(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	if cerr := rc.Control(func(fd uintptr) {
		err = syscall.Flock(int(fd), syscall.LOCK_EX|syscall.LOCK_NB)
	}); cerr != nil {
		return cerr
	}
	return err
}

// alive reports whether a process with the given ID is running, as far as
// this process can tell (EPERM means it runs as another user).
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// ours reports whether fi is owned by this process's effective user.
func ours(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}

// dupFD duplicates this process's descriptor n, for writing into what it
// leads to at its current offset.
func dupFD(n int, name string) (*os.File, error) {
	d, err := syscall.Dup(n)
	if err != nil {
		return nil, err
	}
	syscall.CloseOnExec(d)
	return os.NewFile(uintptr(d), name), nil
}
