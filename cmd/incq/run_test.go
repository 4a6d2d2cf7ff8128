package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runIncq runs incq in-process with the given standard input.
func runIncq(ctx context.Context, stdin string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(ctx, append([]string{"incq"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	t.Setenv("INCQ_CACHE_DIR", t.TempDir())
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name     string
		ctx      context.Context
		args     []string
		code     int
		stderrRE string
	}{
		{"ok", context.Background(), []string{"sql", "select 1"}, 0, ""},
		{"sql error", context.Background(), []string{"sql", "select nope"}, 1, "incq: sql:1:8: no such column: nope; did you mean \"note\"?\n  select nope\n         ^\n"},
		{"usage", context.Background(), []string{"nope"}, 2, "incq: unknown command \"nope\"\nTry: incq --help\n"},
		{"interrupted", canceled, []string{"sql", "select 1"}, 130, "incq: interrupted\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runIncq(tt.ctx, "", tt.args...)
			if code != tt.code || stderr != tt.stderrRE {
				t.Errorf("got %d %q, want %d %q", code, stderr, tt.code, tt.stderrRE)
			}
		})
	}
}

// The same query from standard input, as an argument and from the command
// line's end gives the same answer.
func TestSQLFromStdin(t *testing.T) {
	t.Setenv("INCQ_CACHE_DIR", t.TempDir())
	code, stdout, stderr := runIncq(context.Background(), "select count(*) as n from incidents", "sql", "-f", "csv")
	if code != 0 || stdout != "n\n11\n" {
		t.Errorf("got %d %q %q, want 0 \"n\\n11\\n\"", code, stdout, stderr)
	}
}
