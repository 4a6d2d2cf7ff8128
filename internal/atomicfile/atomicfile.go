// Package atomicfile writes files so that a reader sees either the old
// content or the complete new content, never a partial file, and so that no
// temporary file outlives the run that made it.
//
// Create writes to a temporary file beside the target, which Commit syncs
// and renames over the target only once it is complete. A target that is a
// named pipe or a character device (/dev/null, a terminal, /dev/stdout) is
// not a file to replace: Create opens it and writes straight into it, as a
// shell redirect would. Every temporary file is entered in a process-wide
// registry until it is renamed or removed, so a signal handler can remove
// them all (RemovePending); those of a run killed outright are found and
// removed by a later run (CleanStale, CleanStaleIn).
//
// Temporary files are named PREFIX.incq-PID-RANDOM.tmp, where PREFIX is
// ".NAME" for a target NAME, and are locked (flock) by the process writing
// them for as long as they are pending; see CleanStaleIn for how the name
// and the lock tell a stale file from a live one.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
)

// ErrExists is returned by Create and Commit when the target exists and
// overwriting was not asked for.
var ErrExists = errors.New("file exists (use --force to overwrite)")

// File is a pending write to Path. Write to it, then Commit or Abort.
// Abort may be called from another goroutine, to stop a Write blocked on
// a pipe nobody reads; otherwise a File is for one goroutine.
type File struct {
	Path string // the target, as given to Create

	f      *os.File
	tmp    *Temp  // nil when writing straight into a pipe or device
	target string // what Commit renames tmp over: Path, links followed
	force  bool
	done   atomic.Bool
	size   int64 // bytes written
}

// Create starts a write to path.
//
// Unless force is set, it refuses any path that exists, even a dangling
// symbolic link, with ErrExists; Commit refuses too if the path appears
// meanwhile, so a file someone else creates is never clobbered.
//
// With force, what happens depends on what path is:
//   - a regular file is replaced atomically by Commit; the new file keeps
//     the old one's permission bits (not setuid, setgid or sticky) and,
//     where permitted, its owner and group;
//   - a symbolic link is followed: the file it leads to is replaced as
//     above and the link is kept, as a shell redirect writes through a
//     link; a link to a missing file is refused, so incq never creates a
//     file at a place only a link names;
//   - a named pipe or character device is written straight into, opened
//     write-only without truncating; Commit only closes it. A named pipe
//     that no process is reading is refused at once rather than waited on;
//   - /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N are written
//     straight into through the process's own descriptor N (a duplicate,
//     which shares its offset), whatever it leads to, so that
//     "(echo a; incq -o /dev/stdout; echo b) >file" fills file in order as
//     ">" would, and replaces nothing; another process's /proc/PID/fd/N is
//     opened for appending;
//   - a directory is refused ("is a directory"), and so are sockets and
//     block devices.
//
// A new file gets mode 0666 less the umask, as a shell redirect would.
// Replacing a file breaks any hard links to it (the other names keep the
// old content), and needs write permission on its directory.
func Create(path string, force bool) (*File, error) {
	lst, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return create(path, path, nil, force)
	case err != nil:
		return nil, userError("create", path, err)
	case lst.IsDir():
		return nil, fmt.Errorf("%s: is a directory", path)
	case !force && !isFDPath(path) && !isStream(path):
		return nil, fmt.Errorf("%s: %w", path, ErrExists)
	}
	if isFDPath(path) {
		if n, ok := ownFD(path); ok {
			if f, err := dupFD(n, path); err == nil {
				return &File{Path: path, f: f}, nil
			}
		}
		return openDirect(path, os.O_WRONLY|os.O_APPEND, false)
	}
	target, st := path, lst
	if lst.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: symbolic link to a missing file (incq does not create files through links)", path)
			}
			return nil, userError("create", path, err)
		}
		if st, err = os.Stat(target); err != nil {
			return nil, userError("create", path, err)
		}
	}
	switch m := st.Mode(); {
	case m.IsRegular():
		return create(path, target, st, force)
	case m.IsDir():
		return nil, fmt.Errorf("%s: is a directory", path)
	case m&fs.ModeNamedPipe != 0:
		return openDirect(path, os.O_WRONLY, true)
	case m&fs.ModeCharDevice != 0:
		return openDirect(path, os.O_WRONLY, false)
	case m&fs.ModeSocket != 0:
		return nil, fmt.Errorf("%s: is a socket (incq writes to files, pipes and character devices)", path)
	case m&fs.ModeDevice != 0:
		return nil, fmt.Errorf("%s: is a block device (incq writes to files, pipes and character devices)", path)
	}
	return nil, fmt.Errorf("%s: is not a regular file", path)
}

// isStream reports whether path is, or links to, a named pipe or a
// character device (/dev/null, a terminal): writing into one replaces
// nothing, so it needs no --force, as a shell redirect needs none.
func isStream(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode()&(fs.ModeNamedPipe|fs.ModeCharDevice) != 0
}

// create starts a write through a temporary file beside target, to be
// renamed over it. old describes the file being replaced, or is nil.
func create(path, target string, old fs.FileInfo, force bool) (*File, error) {
	dir, base := filepath.Split(target)
	t, err := newTemp(dir, "."+base, path)
	if err != nil {
		return nil, err
	}
	if old != nil {
		keepOwner(t.f, old)
		err = t.f.Chmod(old.Mode().Perm())
	} else {
		err = t.f.Chmod(0o666 &^ umask())
	}
	if err != nil {
		t.Remove()
		return nil, userError("create", path, err)
	}
	return &File{Path: path, f: t.f, tmp: t, target: target, force: force}, nil
}

// ownFD returns the descriptor number a path to one of this process's
// open files names: 1 for /dev/stdout, N for /dev/fd/N or /proc/self/fd/N.
func ownFD(path string) (int, bool) {
	switch path {
	case "/dev/stdin":
		return 0, true
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	for _, prefix := range []string{"/dev/fd/", "/proc/self/fd/", fmt.Sprintf("/proc/%d/fd/", os.Getpid())} {
		if rest, ok := strings.CutPrefix(path, prefix); ok {
			n, err := strconv.Atoi(rest)
			return n, err == nil && n >= 0
		}
	}
	return 0, false
}

// isFDPath reports whether path names one of the process's open files.
func isFDPath(path string) bool {
	switch path {
	case "/dev/stdout", "/dev/stderr":
		return true
	}
	if strings.HasPrefix(path, "/dev/fd/") {
		return true
	}
	rest, ok := strings.CutPrefix(path, "/proc/")
	if !ok {
		return false
	}
	_, rest, ok = strings.Cut(rest, "/")
	return ok && strings.HasPrefix(rest, "fd/")
}

// Write writes to the pending file. Errors name the target, not the
// temporary file.
func (f *File) Write(p []byte) (int, error) {
	if f.done.Load() {
		return 0, &fs.PathError{Op: "write", Path: f.Path, Err: fs.ErrClosed}
	}
	n, err := f.f.Write(p)
	f.size += int64(n)
	if err != nil {
		err = userError("write", f.Path, err)
	}
	return n, err
}

// Size returns how many bytes have been written to the pending file.
func (f *File) Size() int64 { return f.size }

// Truncate drops what was written after the first size bytes, so that a
// writer that failed partway (the interactive shell's statement stopped
// by Ctrl-C, while .output collects several results in one file) leaves
// nothing of itself. A Direct file cannot take back what went into a
// pipe or device: Truncate reports false and changes nothing.
func (f *File) Truncate(size int64) (bool, error) {
	if f.tmp == nil || f.done.Load() || size > f.size {
		return false, nil
	}
	if err := f.f.Truncate(size); err != nil {
		return false, userError("truncate", f.Path, err)
	}
	if _, err := f.f.Seek(size, io.SeekStart); err != nil {
		return false, userError("seek", f.Path, err)
	}
	f.size = size
	return true, nil
}

// Name returns the name of the file the bytes go to: the temporary file,
// or Path when Direct. It is for callers that hand the file to another
// writer by name (SQLite's VACUUM INTO); they must refuse a Direct File,
// whose target is a pipe or device and has no temporary file.
func (f *File) Name() string {
	if f.tmp == nil {
		return f.Path
	}
	return f.tmp.name
}

// Direct reports whether writes go straight into the target (a named pipe
// or a character device) rather than to a temporary file.
func (f *File) Direct() bool { return f.tmp == nil }

// Commit flushes the file to disk and moves it into place, or, when
// Direct, closes it. It returns the first error of syncing, closing and
// renaming; on any error the temporary file is removed and the target is
// untouched. A File can be committed once; Commit after Commit or Abort
// fails, and so does Write.
func (f *File) Commit() error {
	if !f.done.CompareAndSwap(false, true) {
		return &fs.PathError{Op: "commit", Path: f.Path, Err: fs.ErrClosed}
	}
	if f.tmp == nil {
		if err := f.f.Close(); err != nil {
			return userError("close", f.Path, err)
		}
		return nil
	}
	err := f.f.Sync()
	if err != nil {
		err = userError("sync", f.Path, err)
	}
	// Close reports late write errors on some file systems (NFS).
	if cerr := f.f.Close(); err == nil && cerr != nil {
		err = userError("close", f.Path, cerr)
	}
	if err == nil {
		if f.force {
			err = f.tmp.rename(f.target, f.Path)
		} else {
			err = f.tmp.link(f.Path)
		}
	}
	if err != nil {
		f.tmp.Remove()
	}
	return err
}

// Abort discards the pending write: it removes the temporary file, or
// closes the pipe or device. It is safe to call after Commit and more than
// once.
func (f *File) Abort() {
	if !f.done.CompareAndSwap(false, true) {
		return
	}
	f.f.Close()
	if f.tmp != nil {
		f.tmp.Remove()
	}
}

// userError restates err, typically an *fs.PathError naming a temporary
// file, as "op path: cause" in the user's terms.
func userError(op, path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return &fs.PathError{Op: op, Path: path, Err: err}
}
