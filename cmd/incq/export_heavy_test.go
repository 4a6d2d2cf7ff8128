package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// On a generated dataset of 20,000 incidents (INCQ_HEAVY=1): each export
// completes, and a --timeout that ends one midway, after the load, leaves
// no file and no temporary file behind.
func TestExportHeavy(t *testing.T) {
	if os.Getenv("INCQ_HEAVY") != "1" {
		t.Skip("set INCQ_HEAVY=1 to export a generated dataset of 20,000 incidents")
	}
	data := filepath.Join(t.TempDir(), "data")
	gen := exec.Command("go", "run", "../../bench/gen", "-n", "20000", "-out", data)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("bench/gen: %v\n%s", err, out)
	}
	s := testSettings(t)
	ctx := context.Background()
	if code, _, stderr := runIncq(ctx, s, "", "--dataset", data, "check"); code != 0 { // load and cache
		t.Fatalf("check: %s", stderr)
	}
	out := t.TempDir()
	for _, tt := range []struct{ flag, path string }{
		{"--xlsx", filepath.Join(out, "data.xlsx")},
		{"--parquet", filepath.Join(out, "pq")},
		{"--geojson", filepath.Join(out, "map.geojson")},
	} {
		t.Run(tt.flag, func(t *testing.T) {
			code, _, stderr := runIncq(ctx, s, "", "--dataset", data, "--timeout", "0.2s", "export", tt.flag, tt.path)
			if code != exitError || !strings.Contains(stderr, "incq: stopped: the run took longer than --timeout") {
				t.Errorf("with --timeout 0.2s: exit %d, %q; want 1 and stopped", code, stderr)
			}
			if left, _ := filepath.Glob(filepath.Join(out, "*")); len(left) > 0 {
				t.Fatalf("a stopped export left %q", left)
			}
			code, _, stderr = runIncq(ctx, s, "", "--dataset", data, "export", tt.flag, tt.path)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if tt.flag == "--parquet" {
				b, err := os.ReadFile(filepath.Join(tt.path, "incidents.parquet"))
				if err != nil {
					t.Fatal(err)
				}
				f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
				if err != nil {
					t.Fatal(err)
				}
				// bench/gen keeps the embedded dataset's 11 incidents.
				if f.NumRows() != 20011 {
					t.Errorf("incidents.parquet: %d rows, want 20011", f.NumRows())
				}
			}
			os.RemoveAll(tt.path)
		})
	}
}
