package render

import (
	"fmt"
	"io"
	"testing"
)

// benchRows writes n rows shaped like the timeline query's through the
// writer for format f.
func benchRows(b *testing.B, f Format, n int) {
	cols := []Column{{"incident_id", TypeText}, {"date", TypeDate}, {"place", TypeText},
		{"killed", TypeAny}, {"lat", TypeReal}, {"summary", TypeText}}
	row := make([]any, len(cols))
	for b.Loop() {
		w, err := New(f, io.Discard, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := w.Header(cols); err != nil {
			b.Fatal(err)
		}
		for i := range n {
			row[0] = fmt.Sprintf("I%06d", i)
			row[1] = fmt.Sprintf("20%02d-%02d-%02d", i%25, i%12+1, i%28+1)
			row[2] = "Tovuz"
			row[3] = int64(i % 7)
			row[4] = 40.99
			row[5] = "Shelling of positions near the village, reported by both sides."
			if err := w.Row(row); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkXLSX100k(b *testing.B)    { benchRows(b, XLSX, 100_000) }
func BenchmarkParquet100k(b *testing.B) { benchRows(b, Parquet, 100_000) }
func BenchmarkCSV100k(b *testing.B)     { benchRows(b, CSV, 100_000) }
