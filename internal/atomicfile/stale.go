package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// StaleAge is how long a temporary file must have gone unmodified to count
// as stale when its process ID belongs to a running process: IDs are
// reused, and in a container every run may be process 1.
const StaleAge = time.Hour

// CleanStale removes the stale temporary files that writes to path (see
// Create) left in its directory, and returns how many it removed. Call it
// before writing path; errors are worth at most a warning.
func CleanStale(path string) (int, error) {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target // Create writes beside the file a link leads to
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	prefix := "." + base
	if len(prefix) > maxPrefix {
		return CleanStaleIn(dir) // the name was shortened; look at them all
	}
	return clean(dir, func(p string) bool { return p == prefix })
}

// CleanStaleIn removes the stale temporary files in dir, those of Create
// and NewTemp alike, and returns how many it removed. A file is stale
// when all of these hold:
//   - its name is PREFIX.incq-PID-RANDOM.tmp, as incq names them;
//   - it is a regular file (not a link) owned by this user;
//   - no process holds its lock (every incq run locks its temporary files
//     while it writes them, so a lock held is a run still going);
//   - the process PID is not running, or is this one (which knows its own
//     files, and so the file is from an earlier run with the same ID), or
//     the file was last modified more than StaleAge ago.
//
// The lock answers for runs in other PID namespaces sharing the directory;
// the PID covers file systems without locks, and the moments when a
// pending file is not locked: between its creation and its locking, and
// between its closing and its renaming. Errors are worth at most a warning.
func CleanStaleIn(dir string) (int, error) {
	return clean(dir, func(string) bool { return true })
}

func clean(dir string, match func(prefix string) bool) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	n := 0
	var first error
	for _, e := range entries {
		prefix, pid, ok := parseTempName(e.Name())
		if !ok || !e.Type().IsRegular() || !match(prefix) {
			continue
		}
		removed, err := removeIfStale(filepath.Join(dir, e.Name()), pid)
		if removed {
			n++
		}
		if err != nil && first == nil {
			first = err
		}
	}
	return n, first
}

// parseTempName splits PREFIX.incq-PID-RANDOM.tmp.
func parseTempName(name string) (prefix string, pid int, ok bool) {
	rest, ok := strings.CutSuffix(name, ".tmp")
	if !ok {
		return "", 0, false
	}
	i := strings.LastIndex(rest, tempSuffix)
	if i < 0 {
		return "", 0, false
	}
	p, random, ok := strings.Cut(rest[i+len(tempSuffix):], "-")
	if !ok || !digits(p) || !digits(random) {
		return "", 0, false
	}
	pid, err := strconv.Atoi(p)
	if err != nil || pid <= 0 {
		return "", 0, false
	}
	return rest[:i], pid, true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != "" && len(s) <= 10
}

func removeIfStale(path string, pid int) (bool, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|noFollow, 0)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		return false, err
	}
	defer f.Close() // after the removal, so the lock is held across it
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || !ours(fi) || inUse(f) {
		return false, err
	}
	if pid != os.Getpid() && alive(pid) && time.Since(fi.ModTime()) < StaleAge {
		return false, nil
	}
	if pid == os.Getpid() && pending.has(path) {
		return false, nil
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	return true, nil
}
