// Package heavy marks the tests that take seconds or gigabytes: millions
// of rows streamed, Excel's full row limit. They are skipped by a plain
// go test ./..., which stays quick, and run with INCQ_HEAVY=1 (as .ci/run
// does in its second step).
package heavy

import (
	"os"
	"testing"
)

// Enabled reports whether INCQ_HEAVY=1 asks for the heavy tests.
func Enabled() bool { return os.Getenv("INCQ_HEAVY") == "1" }

// Test skips tb unless INCQ_HEAVY=1, saying what the test would do.
func Test(tb testing.TB, what string) {
	tb.Helper()
	if !Enabled() {
		tb.Skipf("heavy: %s; run with INCQ_HEAVY=1", what)
	}
}
