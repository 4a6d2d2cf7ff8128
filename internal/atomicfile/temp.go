package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"unicode/utf8"
)

// Temp is a registered temporary file: an empty file created by NewTemp,
// locked and listed for RemovePending until Rename or Remove. File uses
// one; a caller that has another writer fill a file by name (SQLite
// building a database) can use one directly.
type Temp struct {
	f    *os.File // holds the lock; File writes through it too
	name string
	user string // the name to use in errors
}

// NewTemp creates an empty temporary file in dir named
// PREFIX.incq-PID-RANDOM.tmp, with mode 0600. Call Rename or Remove when
// done with it.
func NewTemp(dir, prefix string) (*Temp, error) {
	return newTemp(dir, prefix, filepath.Join(dir, prefix))
}

// tempSuffix starts what incq appends to a temporary file's prefix.
const tempSuffix = ".incq-"

// maxPrefix keeps a temporary name within the 255 bytes most file systems
// allow, leaving room for the suffix (at most ".incq-" + 10 + 1 + 10 +
// ".tmp" = 31 bytes).
const maxPrefix = 200

func newTemp(dir, prefix, user string) (*Temp, error) {
	if dir == "" {
		dir = "."
	}
	if len(prefix) > maxPrefix {
		n := maxPrefix
		for n > 0 && !utf8.RuneStart(prefix[n]) {
			n--
		}
		prefix = prefix[:n]
	}
	f, err := os.CreateTemp(dir, prefix+tempSuffix+strconv.Itoa(os.Getpid())+"-*.tmp")
	if err != nil {
		return nil, userError("create", user, err)
	}
	t := &Temp{f: f, name: f.Name(), user: user}
	lock(f)
	if err := pending.add(t); err != nil {
		f.Close()
		os.Remove(t.name)
		return nil, userError("create", user, err)
	}
	return t, nil
}

// Name returns the temporary file's name.
func (t *Temp) Name() string { return t.name }

// Rename moves the temporary file to newpath, replacing any file there,
// and forgets it. It does not sync: a caller that needs the content on
// disk first syncs it.
func (t *Temp) Rename(newpath string) error { return t.rename(newpath, newpath) }

// Remove removes the temporary file and forgets it. It is safe to call
// after Rename, and more than once.
func (t *Temp) Remove() {
	pending.mu.Lock()
	defer pending.mu.Unlock()
	if _, ok := pending.files[t]; ok {
		delete(pending.files, t)
		os.Remove(t.name)
	}
	t.f.Close()
}

func (t *Temp) rename(newpath, user string) error {
	pending.mu.Lock()
	defer pending.mu.Unlock()
	if _, ok := pending.files[t]; !ok {
		return userError("replace", user, errGone)
	}
	t.f.Close() // Windows renames no open file
	if err := os.Rename(t.name, newpath); err != nil {
		return userError("replace", user, err)
	}
	delete(pending.files, t)
	return nil
}

// link moves the temporary file to newpath unless something is there: a
// hard link fails when the target exists, so a file created by someone
// else since Create is never clobbered.
func (t *Temp) link(newpath string) error {
	pending.mu.Lock()
	defer pending.mu.Unlock()
	if _, ok := pending.files[t]; !ok {
		return userError("create", newpath, errGone)
	}
	t.f.Close()
	err := os.Link(t.name, newpath)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w", newpath, ErrExists)
	}
	if err != nil {
		// Some file systems have no hard links: check, then rename, and
		// accept the race between the two.
		if _, lerr := os.Lstat(newpath); lerr == nil {
			return fmt.Errorf("%s: %w", newpath, ErrExists)
		}
		if err := os.Rename(t.name, newpath); err != nil {
			return userError("create", newpath, err)
		}
	} else {
		os.Remove(t.name)
	}
	delete(pending.files, t)
	return nil
}

// errGone is the cause given when RemovePending took a temporary file
// away before it could be renamed into place.
var errGone = errors.New("interrupted")

// pending lists the temporary files not yet renamed or removed. Its lock
// also covers renaming one into place, so RemovePending and a Commit never
// interleave: the target is either complete or untouched.
var pending = registry{files: map[*Temp]struct{}{}}

type registry struct {
	mu      sync.Mutex
	files   map[*Temp]struct{}
	stopped bool
}

func (p *registry) add(t *Temp) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return errGone
	}
	p.files[t] = struct{}{}
	return nil
}

// RemovePending removes every temporary file not yet renamed into place or
// removed, and makes any later Create, NewTemp or Commit fail. It is for a
// signal handler about to end the process (see the package example); it is
// safe to call from any goroutine, and waits for a rename in progress.
func RemovePending() {
	pending.mu.Lock()
	defer pending.mu.Unlock()
	for t := range pending.files {
		os.Remove(t.name)
		delete(pending.files, t)
	}
	pending.stopped = true
}

// has reports whether name is one of this process's pending files.
func (p *registry) has(name string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for t := range p.files {
		if filepath.Base(t.name) == filepath.Base(name) {
			return true
		}
	}
	return false
}
