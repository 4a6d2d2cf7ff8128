// Package duckdb finds DuckDB for tests that read incq's Parquet files
// with a reader independent of the one that wrote them: Node.js and the
// @duckdb/node-api package, in the repository's .duckdb directory (npm
// install --prefix .duckdb @duckdb/node-api, as .ci/run does) or in the
// directory INCQ_DUCKDB names.
package duckdb

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Read reads the Parquet file with DuckDB (read.js, beside this file) and
// returns what it prints: one line "name TYPE" per column, then one JSON
// array per row. It skips the test as find does when DuckDB is missing,
// and fails it, with what DuckDB said, when the read fails. root is the
// repository's root, relative to the test.
func Read(tb testing.TB, root, file string) []byte {
	tb.Helper()
	return run(tb, root, file)
}

// Query runs sql with DuckDB and returns what read.js prints for its
// result, as Read does for a file.
func Query(tb testing.TB, root, sql string) []byte {
	tb.Helper()
	return run(tb, root, "--sql", sql)
}

func run(tb testing.TB, root string, args ...string) []byte {
	tb.Helper()
	node, modules := find(tb, root)
	cmd := exec.Command(node, append([]string{filepath.Join(root, "internal", "duckdb", "read.js")}, args...)...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("duckdb: %v\n%s", err, stderr.Bytes())
	}
	return out
}

// find returns the node binary and the node_modules directory holding
// @duckdb/node-api, or skips the test, saying how to install what is
// missing. root is the repository's root, relative to the test.
func find(tb testing.TB, root string) (node, modules string) {
	tb.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		tb.Skip("node is not installed; install Node.js to check Parquet output with DuckDB")
	}
	dir := os.Getenv("INCQ_DUCKDB")
	if dir == "" {
		dir = filepath.Join(root, ".duckdb")
	}
	modules, err = filepath.Abs(filepath.Join(dir, "node_modules"))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(modules, "@duckdb", "node-api")); err != nil {
		tb.Skipf("@duckdb/node-api is not in %s; run: npm install --prefix %s @duckdb/node-api", modules, dir)
	}
	return node, modules
}
