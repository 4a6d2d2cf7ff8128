package incq

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/incq/incq/internal/atomicfile"
)

// A cache file is sealed when built: a record beside it, FILE.seal, holds
// its size and SHA-256, and where the system has one a fingerprint of the
// file as stored (device, inode, modification and change times). A later
// run that finds the fingerprint unchanged trusts the file at the cost of
// a stat; otherwise it hashes the file, and a file that does not match its
// record (rows planted by hand, a damaged page) is rebuilt, never served.
// Writing to a file changes its change time, which no user can set back.

const sealFormat = "incq-seal-1"

type seal struct {
	size int64
	sum  [sha256.Size]byte
	fp   string // fingerprint; "-" when the system gives none
}

func (s seal) String() string { return fmt.Sprintf("%s %d %x %s\n", sealFormat, s.size, s.sum, s.fp) }

func sealPath(path string) string { return path + ".seal" }

// sealFile hashes the complete temporary file t, renames it to path and
// records its seal.
func sealFile(t *atomicfile.Temp, path string) error {
	f, err := os.Open(t.Name())
	if err != nil {
		return err
	}
	s, err := sumOf(f)
	f.Close()
	if err != nil {
		return err
	}
	if err := t.Rename(path); err != nil {
		return err
	}
	// The fingerprint of the file in place: renaming changes the change
	// time.
	if st, err := os.Stat(path); err == nil {
		s.fp = fingerprint(st)
	}
	return writeSeal(path, s)
}

func sumOf(f *os.File) (seal, error) {
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return seal{}, err
	}
	s := seal{size: n, fp: "-"}
	h.Sum(s.sum[:0])
	return s, nil
}

func writeSeal(path string, s seal) error {
	t, err := atomicfile.NewTemp(filepath.Dir(path), filepath.Base(sealPath(path)))
	if err != nil {
		return err
	}
	defer t.Remove()
	if err := os.WriteFile(t.Name(), []byte(s.String()), 0o600); err != nil {
		return err
	}
	return t.Rename(sealPath(path))
}

// check finds path as it was built. It returns an error wrapping
// fs.ErrNotExist when there is no file, or *badCacheError when the file
// is not what was built or not a regular file of this user.
func check(path string) error {
	bad := func(why string) error { return &badCacheError{path: path, why: why, replaceable: true} }
	// Not following a link, and not waiting on a named pipe.
	f, err := openNoFollow(path)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return err
		case isLink(path):
			return bad("is a symbolic link")
		}
		return bad(fmt.Sprintf("cannot be read (%v)", cause(err)))
	}
	defer f.Close()
	st, err := f.Stat()
	switch {
	case err != nil:
		return bad(fmt.Sprintf("cannot be read (%v)", cause(err)))
	case st.IsDir():
		return &badCacheError{path: path, why: "is a directory"}
	case !st.Mode().IsRegular():
		return bad("is not a regular file")
	case !owned(st):
		return bad("belongs to another user")
	}
	want, err := readSeal(path)
	if err != nil {
		return bad(err.Error())
	}
	if st.Size() != want.size {
		return bad("does not match what was built")
	}
	if fp := fingerprint(st); fp != "-" && fp == want.fp {
		return nil
	}
	got, err := sumOf(f)
	if err != nil {
		return bad(fmt.Sprintf("cannot be read (%v)", cause(err)))
	}
	if got.size != want.size || got.sum != want.sum {
		return bad("does not match what was built")
	}
	// As built, but moved or copied: record where it is now, so that the
	// next run need not hash it again.
	if got.fp = fingerprint(st); got.fp != "-" {
		writeSeal(path, got)
	}
	return nil
}

// readSeal reads the seal of path.
func readSeal(path string) (seal, error) {
	f, err := openNoFollow(sealPath(path))
	if err != nil {
		return seal{}, errors.New("has no record of what was built")
	}
	defer f.Close()
	var buf [256]byte
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || !owned(st) || st.Size() >= int64(len(buf)) {
		return seal{}, errors.New("has a damaged record of what was built")
	}
	n, _ := io.ReadFull(f, buf[:])
	var s seal
	var sum []byte
	var format string
	if _, err := fmt.Sscanf(string(buf[:n]), "%s %d %x %s\n", &format, &s.size, &sum, &s.fp); err != nil ||
		format != sealFormat || len(sum) != sha256.Size || !bytes.HasSuffix(buf[:n], []byte("\n")) {
		return seal{}, errors.New("has a damaged record of what was built")
	}
	copy(s.sum[:], sum)
	return s, nil
}

// cause strips the operation and name of an *fs.PathError: messages name
// the file themselves.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// badCacheError is a cache entry that is not what incq built: changed,
// damaged, or not a file of this user. replaceable says a new file can be
// renamed over it (false for a directory).
type badCacheError struct {
	path, why   string
	replaceable bool
}

func (e *badCacheError) Error() string { return fmt.Sprintf("cache file %s %s", e.path, e.why) }
