// Package ingest reads other people's event data (ACLED and UCDP GED
// exports) into incq's own model: each event an incident, its figures the
// coder's claim citing the sources the row names, the row itself kept whole.
// The formats live in subpackages (ingest/acled, ingest/ucdp), each owning
// its columns and its codebook's codes; this package opens the files,
// reads CSV records, and hands each mapped event to a Writer, the one place
// that puts rows into the dataset's tables.
package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// Input is one export being read: a CSV file, a gzipped one, the one CSV
// inside a zip, or standard input.
type Input struct {
	Name  string // as given on the command line; "-" for standard input
	Size  int64  // bytes on disk, for progress; 0 when unknown
	r     io.Reader
	count *countingReader
	close func() error
}

// Read reads the uncompressed CSV text.
func (in *Input) Read(p []byte) (int, error) { return in.r.Read(p) }

// Done is how many bytes of the file (compressed, as on disk) were read.
func (in *Input) Done() int64 { return in.count.n }

// Close closes the file.
func (in *Input) Close() error {
	if in.close == nil {
		return nil
	}
	return in.close()
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Open opens name for reading: "-" is stdin; a name ending in .gz is
// gunzipped; a .zip must hold exactly one .csv file, which is read. What is
// read must look like text: a file with NUL bytes, or in UTF-16, is not
// CSV and is refused.
func Open(name string, stdin io.Reader) (*Input, error) {
	in := &Input{Name: name}
	var raw io.Reader
	switch {
	case name == "-":
		raw = stdin
	case strings.EqualFold(path.Ext(name), ".zip"):
		return openZip(name)
	default:
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, err
		}
		if !st.Mode().IsRegular() && st.Mode()&os.ModeNamedPipe == 0 && st.Mode()&os.ModeCharDevice == 0 {
			f.Close()
			return nil, fmt.Errorf("%s: not a file", name)
		}
		in.Size = st.Size()
		raw = f
		in.close = f.Close
	}
	in.count = &countingReader{r: raw}
	var r io.Reader = in.count
	if strings.EqualFold(path.Ext(name), ".gz") {
		zr, err := gzip.NewReader(bufio.NewReader(in.count))
		if err != nil {
			in.Close()
			return nil, fmt.Errorf("%s: not a gzip file: %w", name, err)
		}
		r = zr
	}
	br, err := textReader(name, r)
	if err != nil {
		in.Close()
		return nil, err
	}
	in.r = br
	return in, nil
}

func openZip(name string) (*Input, error) {
	zr, err := zip.OpenReader(name)
	if err != nil {
		if errors.Is(err, zip.ErrFormat) {
			return nil, fmt.Errorf("%s: not a zip file", name)
		}
		return nil, err
	}
	var csvs []*zip.File
	for _, f := range zr.File {
		base := path.Base(f.Name)
		if f.FileInfo().IsDir() || strings.HasPrefix(f.Name, "__MACOSX/") || strings.HasPrefix(base, "._") {
			continue // a folder, or the resource forks macOS adds to zips it makes
		}
		if strings.EqualFold(path.Ext(base), ".csv") {
			csvs = append(csvs, f)
		}
	}
	switch len(csvs) {
	case 0:
		zr.Close()
		return nil, fmt.Errorf("%s: the zip holds no .csv file", name)
	case 1:
	default:
		names := make([]string, len(csvs))
		for i, f := range csvs {
			names[i] = f.Name
		}
		zr.Close()
		return nil, fmt.Errorf("%s: the zip holds %d .csv files (%s); unpack it and give the one to import", name, len(csvs), strings.Join(names, ", "))
	}
	rc, err := csvs[0].Open()
	if err != nil {
		zr.Close()
		return nil, fmt.Errorf("%s: %s: %w", name, csvs[0].Name, err)
	}
	in := &Input{Name: name, Size: int64(csvs[0].UncompressedSize64)}
	in.count = &countingReader{r: rc}
	in.close = func() error { rc.Close(); return zr.Close() }
	br, err := textReader(name, in.count)
	if err != nil {
		in.Close()
		return nil, err
	}
	in.r = br
	return in, nil
}

// textReader checks the start of r for what is no CSV text and skips a
// UTF-8 byte order mark.
func textReader(name string, r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, err := br.Peek(4096)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	switch {
	case len(head) == 0:
		return nil, fmt.Errorf("%s: empty file: want a header line", name)
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return nil, fmt.Errorf("%s: file is UTF-16; save it as UTF-8", name)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) && name == "-":
		return nil, fmt.Errorf("standard input is a zip archive: unpack it, or give the file's name ending .zip")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return nil, fmt.Errorf("%s: a zip archive: name it .zip", name)
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}) && name == "-":
		return nil, fmt.Errorf("standard input is gzip-compressed: gunzip it first (gunzip -c FILE | incq import ...), or give the file's name ending .gz")
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return nil, fmt.Errorf("%s: gzip-compressed: name it .gz", name)
	case bytes.IndexByte(head, 0) >= 0:
		return nil, fmt.Errorf("%s: not a CSV file (it holds binary data)", name)
	}
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 && head[i] == '\r' && i+1 < len(head) && head[i+1] != '\n' {
		return nil, fmt.Errorf("%s: lines end in CR alone; save with LF or CRLF line ends", name)
	}
	if bytes.HasPrefix(head, []byte("\ufeff")) {
		br.Discard(3)
	}
	return br, nil
}
