package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// testSettings are the settings of a run in a test: env, as NAME=VALUE,
// is its whole environment, and it has a cache of its own unless env sets
// INCQ_CACHE_DIR. The real environment and GOMAXPROCS are left alone.
func testSettings(tb testing.TB, env ...string) settings {
	tb.Helper()
	vars := map[string]string{"INCQ_CACHE_DIR": tb.TempDir()}
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		vars[name] = value
	}
	return settings{getenv: func(name string) string { return vars[name] }, progressAfter: time.Second}
}

// runIncq runs incq in-process with settings s and the given standard
// input.
func runIncq(ctx context.Context, s settings, stdin string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(ctx, s, append([]string{"incq"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	s := testSettings(t)
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
			code, _, stderr := runIncq(tt.ctx, s, "", tt.args...)
			if code != tt.code || stderr != tt.stderrRE {
				t.Errorf("got %d %q, want %d %q", code, stderr, tt.code, tt.stderrRE)
			}
		})
	}
}

// The same query from standard input, as an argument and from the command
// line's end gives the same answer.
func TestSQLFromStdin(t *testing.T) {
	code, stdout, stderr := runIncq(context.Background(), testSettings(t), "select count(*) as n from incidents", "sql", "-f", "csv")
	if code != 0 || stdout != "n\n11\n" {
		t.Errorf("got %d %q %q, want 0 \"n\\n11\\n\"", code, stdout, stderr)
	}
}

// A message quoting data shows the characters a reader could not see
// escaped, as %q does, whatever built the message; incq's own progress
// line keeps its "\r\x1b[K".
func TestVisibleWriter(t *testing.T) {
	tests := []struct{ in, want string }{
		{"incq: no incident I08\u00a0\n", `incq: no incident I08\u00a0` + "\n"},
		{"want one of: I08, I09\u200b, I10\n", `want one of: I08, I09\u200b, I10` + "\n"},
		{"bell \a, escape \x1b[31m, bidi \u202e, bad \xff\n", `bell \a, escape \x1b[31m, bidi \u202e, bad \xff` + "\n"},
		{"\r\x1b[Kincq: loading claims: 12 rows", "\r\x1b[Kincq: loading claims: 12 rows"},
		{"Naxçıvan, U+FFFD �, tab\there\n", "Naxçıvan, U+FFFD \\ufffd, tab\there\n"},
	}
	for _, tc := range tests {
		var b strings.Builder
		n, err := visibleWriter{&b}.Write([]byte(tc.in))
		if err != nil || n != len(tc.in) {
			t.Errorf("Write(%q) = %d, %v; want %d, nil", tc.in, n, err, len(tc.in))
		}
		if got := b.String(); got != tc.want {
			t.Errorf("Write(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}
