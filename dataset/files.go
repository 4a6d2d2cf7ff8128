package dataset

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
)

// MaxFileSize is the largest dataset file incq reads: far more than any
// real dataset holds, and a stop for a file that never ends.
const MaxFileSize = 4 << 30

// List returns the names of the files in the top directory of fsys that
// match pattern ("*.csv"), sorted. Unlike fs.Glob, which passes over a
// directory it cannot read as if it were empty, List fails when the
// directory cannot be listed.
func List(fsys fs.FS, pattern string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("cannot list the directory: %w", cause(err))
	}
	var names []string
	for _, e := range entries {
		ok, err := path.Match(pattern, e.Name())
		if err != nil {
			return nil, err
		}
		if ok {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// Open opens the dataset file name for reading. It refuses what is not a
// regular file, or a link to one, before opening it: a directory, a named
// pipe (which would wait for a writer), a device (/dev/zero never ends), a
// link to nothing. It refuses a file larger than MaxFileSize, and the file
// it returns fails a read that goes past MaxFileSize (a file growing as it
// is read). A missing file's error wraps fs.ErrNotExist. Errors say what
// is wrong in a few words, to follow the file's name.
func Open(fsys fs.FS, name string) (fs.File, error) {
	link := false
	if lst, err := fs.Lstat(fsys, name); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
		link = true
	}
	st, err := fs.Stat(fsys, name)
	if errors.Is(err, fs.ErrNotExist) && link {
		return nil, errors.New("is a symbolic link to a missing file")
	}
	if err != nil {
		return nil, openError(err)
	}
	if err := regular(st, link); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, openError(err)
	}
	// Check the file opened too: it may have been swapped since.
	if st, err = f.Stat(); err == nil {
		err = regular(st, link)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return &boundedFile{File: f, left: MaxFileSize}, nil
}

func openError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return fmt.Errorf("cannot read: %w", cause(err))
}

// cause strips the operation and the name an *fs.PathError adds, which
// name the file as the fs.FS knows it rather than as the user does.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// regular refuses what st describes unless it is a regular file of at
// most MaxFileSize bytes.
func regular(st fs.FileInfo, link bool) error {
	is := "is"
	if link {
		is = "is a link to"
	}
	switch m := st.Mode(); {
	case m.IsRegular():
		if st.Size() > MaxFileSize {
			return fmt.Errorf("is larger than %d GiB, the most incq reads from one file", MaxFileSize>>30)
		}
		return nil
	case m.IsDir():
		return fmt.Errorf("%s a directory, not a CSV file", is)
	case m&fs.ModeNamedPipe != 0:
		return fmt.Errorf("%s a named pipe, not a regular file", is)
	case m&fs.ModeDevice != 0:
		return fmt.Errorf("%s a device, not a regular file", is)
	case m&fs.ModeSocket != 0:
		return fmt.Errorf("%s a socket, not a regular file", is)
	}
	return fmt.Errorf("%s not a regular file", is)
}

// errTooLarge ends a read past MaxFileSize.
var errTooLarge = fmt.Errorf("grew past %d GiB while being read, the most incq reads from one file", MaxFileSize>>30)

// boundedFile fails a read past MaxFileSize.
type boundedFile struct {
	fs.File
	left int64
}

func (f *boundedFile) Read(p []byte) (int, error) {
	if f.left <= 0 {
		// One byte more tells a file of exactly the limit from a longer one.
		var b [1]byte
		if n, err := f.File.Read(b[:]); n == 0 {
			return 0, err
		}
		return 0, errTooLarge
	}
	if int64(len(p)) > f.left {
		p = p[:f.left]
	}
	n, err := f.File.Read(p)
	f.left -= int64(n)
	return n, err
}

var _ io.Reader = (*boundedFile)(nil)
