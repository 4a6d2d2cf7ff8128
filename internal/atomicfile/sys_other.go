//go:build !unix

package atomicfile

import (
	"errors"
	"io/fs"
	"os"
)

// Without Unix permissions, owners and locks, these do what they can: no
// umask, no owners, and a temporary file counts as stale only by its age.

func umask() fs.FileMode { return 0 }

func keepOwner(*os.File, fs.FileInfo) {}

func openDirect(path string, flag int, fifo bool) (*File, error) {
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return nil, userError("open", path, err)
	}
	return &File{Path: path, f: f}, nil
}

const noFollow = 0

func lock(*os.File)         {}
func inUse(*os.File) bool   { return false }
func alive(int) bool        { return true }
func ours(fs.FileInfo) bool { return true }

func dupFD(int, string) (*os.File, error) { return nil, errors.ErrUnsupported }
