package incq

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCheck measures the integrity check of a cached database: the
// usual case (fingerprint unchanged: a stat and a read of the seal) and
// the case of a changed fingerprint (the file hashed). INCQ_BENCH_DATASET
// names a dataset directory to use instead of the embedded one (see
// bench/gen).
func BenchmarkCheck(b *testing.B) {
	dir := b.TempDir()
	opts := Options{CacheDir: dir}
	if ds := os.Getenv("INCQ_BENCH_DATASET"); ds != "" {
		opts.Dataset = os.DirFS(ds)
	}
	d, err := Open(context.Background(), opts)
	if err != nil {
		b.Fatal(err)
	}
	path := d.file
	d.Close()
	if st, err := os.Stat(path); err == nil {
		b.Logf("%s: %d bytes", filepath.Base(path), st.Size())
	}
	b.Run("fingerprint", func(b *testing.B) {
		for b.Loop() {
			if err := check(path); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("hash", func(b *testing.B) {
		s, err := readSeal(path)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			b.StopTimer()
			s.fp = "-" // as if moved: the next check hashes
			if err := writeSeal(path, s); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if err := check(path); err != nil {
				b.Fatal(err)
			}
		}
	})
}
