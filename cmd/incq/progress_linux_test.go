package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/incq/incq/dataset"
)

// openPTY returns the two ends of a new pseudo-terminal.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	return m, s
}

// A load shows its progress on stderr when stderr is a terminal, and
// nothing when it is not. The delay before progress shows is set to zero
// here, so that a dataset of 10,000 incidents, loaded in a blink, is long
// enough.
func TestProgressOnTerminal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	err := fs.WalkDir(dataset.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(dataset.FS(), path)
		if err != nil {
			return err
		}
		if path == "incidents.csv" {
			var b bytes.Buffer
			b.Write(data)
			for i := range 10_000 {
				fmt.Fprintf(&b, "X%05d,incursion,2023-01-01,2023-01-01,2023-01-01,day,test,,sotk,settlement,,Test incident %d,curated\n", i, i)
			}
			data = b.Bytes()
		}
		return os.WriteFile(filepath.Join(dir, path), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--dataset", dir, "query", "casualties-by-side", "-f", "csv"}

	master, tty := openPTY(t)
	cmd := incqProcess(args...)
	cmd.Env = append(cmd.Env, "INCQ_TEST_PROGRESS_AFTER=0s")
	cmd.Stderr = tty
	shown := make(chan string)
	go func() {
		b, _ := io.ReadAll(master) // ends with EIO once no one holds the tty
		shown <- string(b)
	}()
	err = cmd.Run()
	tty.Close()
	got := <-shown
	if err != nil {
		t.Fatalf("on a terminal: %v\n%s", err, got)
	}
	const line = "\r\033[Kincq: loading incidents: 8192 rows"
	if !strings.HasPrefix(got, line) || !strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("on a terminal, stderr got %q; want %q, then a cleared line", got, line)
	}

	var stderr bytes.Buffer
	cmd = incqProcess(args...)
	cmd.Env = append(cmd.Env, "INCQ_TEST_PROGRESS_AFTER=0s")
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("off a terminal: %v\n%s", err, stderr.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("off a terminal, stderr got %q; want nothing", stderr.String())
	}
}

// The first search, which builds the search index, reports its progress
// on a terminal, as a load does, and clears the line before the results.
func TestSearchProgressOnTerminal(t *testing.T) {
	master, tty := openPTY(t)
	cmd := incqProcess("search", "Sotk", "-f", "csv")
	cmd.Env = append(cmd.Env, "INCQ_TEST_PROGRESS_AFTER=0s")
	cmd.Stderr = tty
	shown := make(chan string)
	go func() {
		b, _ := io.ReadAll(master)
		shown <- string(b)
	}()
	err := cmd.Run()
	tty.Close()
	got := <-shown
	if err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	// The load of the small embedded dataset reports nothing; the index
	// build reports at once (0 records), then its count, then clears.
	const line = "\r\033[Kincq: loading search index: 0 rows"
	if !strings.HasPrefix(got, line) || !strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("stderr got %q; want %q, then a cleared line", got, line)
	}
}

// An import of a file over a few MB shows how far it has read on a
// terminal, then clears the line before its summary; off a terminal it
// shows nothing of the kind.
func TestImportProgressOnTerminal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("..", "..", "ingest", "testdata", "acled2020_arm_aze_excerpt.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// A real row, again and again under new ids: just over the size from
	// which progress shows.
	lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	row := strings.Split(lines[1], ",")
	var b bytes.Buffer
	b.WriteString(lines[0] + "\r\n")
	for i := 0; b.Len() < progressFrom+1<<16; i++ {
		row[2] = fmt.Sprintf("AZE%d", 900000+i)
		b.WriteString(strings.Join(row, ",") + "\r\n")
	}
	file := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	master, tty := openPTY(t)
	cmd := incqProcess("import", "acled", file, "--no-curated", "-o", filepath.Join(dir, "out"))
	cmd.Stderr = tty
	shown := make(chan string)
	go func() {
		b, _ := io.ReadAll(master)
		shown <- string(b)
	}()
	err = cmd.Run()
	tty.Close()
	got := <-shown
	if err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	if !strings.HasPrefix(got, "\r\033[Kincq: reading "+file+": ") || !strings.Contains(got, "%\r\033[Kincq: read ") {
		t.Errorf("stderr got %.300q; want the reading shown, then cleared before the summary", got)
	}
	var stderr bytes.Buffer
	cmd = incqProcess("import", "acled", file, "--no-curated", "-o", filepath.Join(dir, "out2"))
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("off a terminal: %v\n%s", err, stderr.String())
	}
	if strings.Contains(stderr.String(), "reading") || !strings.HasPrefix(stderr.String(), "incq: read ") {
		t.Errorf("off a terminal, stderr got %.200q; want the summary alone", stderr.String())
	}
}
