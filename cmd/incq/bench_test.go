package main

import (
	"context"
	"io"
	"strings"
	"testing"
)

// BenchmarkEmbeddedQuery measures one whole invocation of
// `incq query casualties-by-side` on the embedded dataset, cache warm,
// without the cost of starting a process.
func BenchmarkEmbeddedQuery(b *testing.B) {
	b.Setenv("INCQ_CACHE_DIR", b.TempDir())
	args := []string{"incq", "query", "casualties-by-side", "-f", "csv"}
	if code := run(context.Background(), args, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
		b.Fatalf("exit %d", code)
	}
	b.ReportAllocs()
	for b.Loop() {
		run(context.Background(), args, strings.NewReader(""), io.Discard, io.Discard)
	}
}
