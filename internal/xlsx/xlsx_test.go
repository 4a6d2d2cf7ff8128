package xlsx

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/incq/incq/internal/atomicfile"
)

// open reads a workbook back through excelize, the reference reader.
func open(tb testing.TB, b []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Tovuz", "Tovuz"},
		{"markup", `a<b & c>d "e" 'f'`, `a<b & c>d "e" 'f'`},
		{"lines", "one\ntwo\r\nthree\tfour", "one\ntwo\r\nthree\tfour"},
		{"spaces kept", "  both ends \n", "  both ends \n"},
		{"control", "a\x01b\x1fc", "a\uFFFDb\uFFFDc"},
		{"not UTF-8", "a\xffb", "a\uFFFDb"},
		{"noncharacter", "a\uFFFEb", "a\uFFFDb"},
		{"looks escaped", "_x0041_ and _x005F_", "_x0041_ and _x005F_"},
		{"escapes overlap", "_x005F_x0041_", "_x005F_x0041_"},
		{"not an escape", "_x00G1_ _x41_", "_x00G1_ _x41_"},
		{"Armenian", "Երևան", "Երևան"},
	}
	b := New()
	s := b.AddSheet("s")
	if err := s.Begin(nil, false); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		s.StartRow()
		s.Text(tt.in, Plain)
	}
	if err := s.End(0); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f := open(t, buf.Bytes())
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.GetCellValue("s", "A"+strconv.Itoa(i+1))
			if err != nil {
				t.Fatal(err)
			}
			// excelize turns the CR of a CRLF into LF on reading, as an
			// XML parser would without the escape; compare after that.
			if want := strings.ReplaceAll(tt.want, "\r\n", "\n"); strings.ReplaceAll(got, "\r\n", "\n") != want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 701: "ZZ", 702: "AAA", MaxCols - 1: "XFD"} {
		if got := ColumnName(i); got != want {
			t.Errorf("ColumnName(%d): got %q, want %q", i, got, want)
		}
	}
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0.25, "0.25"},
		{-1234.5, "-1234.5"},
		{1e20, "100000000000000000000"},
		{0.1 + 0.2, "0.3"},
		{1234567890.123456789, "1234567890.12345"},
		{12345678901234567890, "12345678901234500000"},
		{1e-7, "0.0000001"},
	}
	for _, tt := range tests {
		if got := formatFloat(tt.in); got != tt.want {
			t.Errorf("formatFloat(%v): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSpill writes a sheet larger than the memory limit: it goes through a
// temporary file, which WriteTo removes.
func TestSpill(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	b := New()
	s := b.AddSheet("big")
	s.data.limit = 4 << 10
	if err := s.Begin([]float64{8, 12.5}, true); err != nil {
		t.Fatal(err)
	}
	s.StartRow()
	s.Text("n", Bold)
	s.Text("when", Bold)
	const n = 5000
	for i := range n {
		s.StartRow()
		s.Int(int64(i))
		s.Float(44024+float64(i), Date)
	}
	if err := s.End(2); err != nil {
		t.Fatal(err)
	}
	if s.data.file == nil {
		t.Fatal("the sheet did not spill to a temporary file")
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
	f := open(t, buf.Bytes())
	rows, err := f.GetRows("big")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+1 {
		t.Fatalf("got %d rows, want %d", len(rows), n+1)
	}
	if got, want := rows[n], []string{"4999", "2034-03-20"}; !reflect.DeepEqual(got, want) {
		t.Errorf("last row: got %q, want %q", got, want)
	}
	if w, _ := f.GetColWidth("big", "B"); w != 12.5 {
		t.Errorf("width of B: got %v, want 12.5", w)
	}
}

// Abort removes the temporary files of a workbook never written.
func TestAbort(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	b := New()
	s := b.AddSheet("big")
	s.data.limit = 1
	if err := s.Begin(nil, false); err != nil {
		t.Fatal(err)
	}
	for i := range 1000 {
		s.StartRow()
		s.Int(int64(i))
	}
	if err := s.End(0); err != nil {
		t.Fatal(err)
	}
	b.Abort()
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if _, err := b.WriteTo(&bytes.Buffer{}); err == nil {
		t.Error("WriteTo after Abort: no error")
	}
}

// A sheet past its memory limit spills into a temporary file of incq's
// own, in $TMPDIR, which release removes, and which RemovePending (every
// way out of the process) removes too when the workbook is left open.
func TestSpillFileIsRemoved(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	temps := func() []string {
		names, _ := filepath.Glob(filepath.Join(os.TempDir(), "xlsx-sheet.incq-*.tmp"))
		return names
	}
	s := spill{limit: 4}
	if _, err := s.Write([]byte("0123456789")); err != nil {
		t.Fatal(err)
	}
	if got := temps(); len(got) != 1 {
		t.Fatalf("spilled: got temporary files %q, want one", got)
	}
	r, err := s.reader()
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := io.ReadAll(r); string(data) != "0123456789" {
		t.Errorf("read back %q", data)
	}
	s.release()
	if got := temps(); len(got) != 0 {
		t.Errorf("released: got temporary files %q, want none", got)
	}
	left := spill{limit: 4}
	left.Write([]byte("0123456789"))
	atomicfile.RemovePending()
	if got := temps(); len(got) != 0 {
		t.Errorf("abandoned: got temporary files %q after RemovePending, want none", got)
	}
}
