//go:build !linux

package incq

import (
	"errors"
	"io/fs"
	"os"
)

// openNoFollow opens path for reading unless it is a symbolic link or
// not a regular file (a named pipe would wait for a writer). Elsewhere
// than on Linux a file may be swapped between the check and the open.
func openNoFollow(path string) (*os.File, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() && !st.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: errors.New("not a regular file")}
	}
	return os.Open(path)
}

func isLink(path string) bool {
	st, err := os.Lstat(path)
	return err == nil && st.Mode()&fs.ModeSymlink != 0
}

// owned reports true: ownership is checked on Linux only.
func owned(fs.FileInfo) bool { return true }

// fingerprint gives none: every open hashes the file.
func fingerprint(fs.FileInfo) string { return "-" }
