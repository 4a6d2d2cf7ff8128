// Package atomicfile writes files so that a reader sees either the old
// content or the complete new content, never a partial file: data goes to a
// temporary file in the target's directory, which is renamed over the
// target only once it is fully written and synced.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned by Create and Commit when the target exists and
// overwriting was not asked for.
var ErrExists = errors.New("file exists (use --force to overwrite)")

// File is a pending write to Path. Write to it, then Commit or Abort.
type File struct {
	*os.File
	Path  string
	force bool
	done  bool
}

// Create starts a write to path. Unless force is set, it refuses a path
// that already exists, and Commit refuses it too if it appears meanwhile.
func Create(path string, force bool) (*File, error) {
	st, err := os.Lstat(path)
	switch {
	case err == nil && st.IsDir():
		return nil, fmt.Errorf("%s: is a directory", path)
	case err == nil && !force:
		return nil, fmt.Errorf("%s: %w", path, ErrExists)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &File{File: f, Path: path, force: force}, nil
}

// Commit flushes the file to disk and moves it into place.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: commit after commit or abort")
	}
	f.done = true
	tmp := f.Name()
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if err = os.Chmod(tmp, 0o644); err == nil {
			err = f.place(tmp)
		}
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

func (f *File) place(tmp string) error {
	if f.force {
		return os.Rename(tmp, f.Path)
	}
	// A hard link fails when the target exists, so a file created by
	// someone else since Create is never clobbered.
	if err := os.Link(tmp, f.Path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", f.Path, ErrExists)
		}
		return err
	}
	return os.Remove(tmp)
}

// Abort discards the pending write. It is safe to call after Commit.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	os.Remove(f.Name())
}
