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
	s := testSettings(b)
	args := []string{"incq", "query", "casualties-by-side", "-f", "csv"}
	if code := run(context.Background(), s, args, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
		b.Fatalf("exit %d", code)
	}
	b.ReportAllocs()
	for b.Loop() {
		run(context.Background(), s, args, strings.NewReader(""), io.Discard, io.Discard)
	}
}
