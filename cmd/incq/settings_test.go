package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A run reads the environment only through its settings: the folders of
// INCQ_QUERIES and the cache directory come from there, and the process's
// own environment is not looked at.
func TestSettingsEnvironment(t *testing.T) {
	t.Setenv("INCQ_QUERIES", filepath.Join(t.TempDir(), "missing")) // would fail the run if read
	dir := t.TempDir()
	q := "-- name: mine\n-- description: One row.\nSELECT 1 AS one\n"
	if err := os.WriteFile(filepath.Join(dir, "mine.sql"), []byte(q), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	s := testSettings(t, "INCQ_QUERIES="+dir, "INCQ_CACHE_DIR="+cache)
	code, stdout, stderr := runIncq(context.Background(), s, "", "query", "mine", "-f", "csv")
	if code != 0 || stdout != "one\n1\n" {
		t.Fatalf("got %d %q %q, want 0 \"one\\n1\\n\"", code, stdout, stderr)
	}
	if files, _ := filepath.Glob(filepath.Join(cache, "*")); len(files) == 0 {
		t.Errorf("no cache file in INCQ_CACHE_DIR %s", cache)
	}
	for _, tt := range []struct{ env, want string }{
		{"INCQ_CACHE_DIR=off", ""},
		{"INCQ_CACHE_DIR=" + cache, cache},
	} {
		if got, _ := testSettings(t, tt.env).cacheDir(); got != tt.want {
			t.Errorf("%s: cacheDir got %q, want %q", tt.env, got, tt.want)
		}
	}
	if got, _ := testSettings(t, "INCQ_CACHE_DIR=").cacheDir(); !strings.HasSuffix(got, string(filepath.Separator)+"incq") {
		t.Errorf("INCQ_CACHE_DIR unset: cacheDir got %q, want the user's cache directory's incq", got)
	}
}
