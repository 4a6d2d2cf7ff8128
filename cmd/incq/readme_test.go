package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// example is one `$ incq ...` line of README.md and the output it shows.
type example struct {
	line  int      // where the command stands in README.md
	raw   string   // the command as written
	args  []string // nil when the line is not a plain incq command
	stdin string   // what printf '...' | incq gives it
	want  []string // the lines shown under it
	at    int      // the index in README.md's lines of the first of them
	more  bool     // the output shown ends in "...": it is a prefix
}

// readmeExamples reads every command of README.md's code blocks that runs
// incq alone: no pipe or redirection, no variables (those are left out).
func readmeExamples(tb testing.TB, text string) []example {
	tb.Helper()
	var out []example
	lines := strings.Split(text, "\n")
	fenced := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "```") {
			fenced = !fenced
			continue
		}
		if !fenced || !strings.HasPrefix(l, "$ ") {
			continue
		}
		ex := example{line: i + 1}
		cmd := strings.TrimPrefix(l, "$ ")
		for !quotesClosed(cmd) && i+1 < len(lines) {
			i++
			cmd += "\n" + lines[i]
		}
		ex.raw, ex.args, ex.at = cmd, shellWords(cmd), i+1
		if stdin, rest, ok := printfPipe(cmd); ok {
			ex.stdin, ex.args = stdin, shellWords(rest)
		}
		for i+1 < len(lines) && !strings.HasPrefix(lines[i+1], "$ ") && !strings.HasPrefix(lines[i+1], "```") {
			i++
			if lines[i] == "..." {
				ex.more = true
				continue
			}
			if !ex.more {
				ex.want = append(ex.want, lines[i])
			}
		}
		out = append(out, ex)
	}
	return out
}

// printfPipe reads printf 'TEXT' | incq ...: TEXT with its \n as line
// breaks, and the incq command it is piped to.
func printfPipe(cmd string) (stdin, rest string, ok bool) {
	body, ok := strings.CutPrefix(cmd, "printf '")
	if !ok {
		return "", "", false
	}
	text, rest, ok := strings.Cut(body, "' | incq ")
	if !ok || strings.ContainsAny(strings.ReplaceAll(text, `\n`, ""), `'%\`) {
		return "", "", false
	}
	return strings.ReplaceAll(text, "\\n", "\n"), "incq " + rest, true
}

// quotesClosed reports whether every quote opened in s is closed.
func quotesClosed(s string) bool {
	var open byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case open == 0 && (c == '"' || c == '\''):
			open = c
		case open == '"' && c == '\\':
			i++
		case c == open:
			open = 0
		}
	}
	return open == 0
}

// shellWords splits a command line as a POSIX shell would, for the simple
// lines README.md shows: words, 'single' and "double" quotes (with \ before
// " \ $ in double quotes), and a # comment. It returns nil for a line
// that is not incq alone (a pipe, a redirection, a variable, another
// program) or whose quotes are not closed.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil
			}
			w.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`"\$`, s[i+1]) >= 0 {
					i++
				} else if s[i] == '$' {
					return nil
				}
				w.WriteByte(s[i])
			}
			if i == len(s) {
				return nil
			}
			inWord = true
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case c == '#' && !inWord:
			i = len(s)
		case strings.IndexByte("|<>$;&`", c) >= 0:
			return nil
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	if len(words) == 0 || words[0] != "incq" {
		return nil
	}
	return words[1:]
}

// TestREADMEExamples runs the README's examples in a fresh directory
// (holding docs/, which one writes into): each must succeed, unless it
// shows an error, and one that shows output must print exactly that, on
// standard output, or on standard error when it prints nothing else.
// Tables are drawn 80 columns wide, or as wide as the README shows them.
// A `cat FILE` example writes the lines it shows to FILE, and `export
// NAME=VALUE` sets NAME ($PWD is the directory) for the examples after it.
// INCQ_UPDATE_README=1 writes what the examples print into README.md
// instead (review the diff).
func TestREADMEExamples(t *testing.T) {
	dir0, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeExamples(t, string(text))
	update := os.Getenv("INCQ_UPDATE_README") == "1"
	readme := strings.Split(string(text), "\n")
	var edits []readmeEdit
	t.Chdir(t.TempDir())
	if err := os.Mkdir("docs", 0o755); err != nil {
		t.Fatal(err)
	}
	// The real event exports the import examples read, where a checkout
	// has them.
	if err := os.CopyFS(filepath.Join("ingest", "testdata"), os.DirFS(filepath.Join(dir0, "../../ingest/testdata"))); err != nil {
		t.Fatal(err)
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"INCQ_CACHE_DIR=" + t.TempDir(), "LANG=C.UTF-8", "TERM=xterm"}
	ran := 0
	for _, ex := range examples {
		if name, ok := strings.CutPrefix(ex.raw, "cat "); ok {
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte(strings.Join(ex.want, "\n")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if kv, ok := strings.CutPrefix(ex.raw, "export "); ok {
			kv, _, _ = strings.Cut(kv, " ")
			env = append(env, strings.ReplaceAll(kv, "$PWD", dir))
			continue
		}
		if ex.args == nil {
			t.Logf("README.md:%d: not run: %s", ex.line, ex.raw)
			continue
		}
		ran++
		// A table wider than 80 columns is shown at the width it fills.
		width := 80
		for _, l := range ex.want {
			if n := utf8.RuneCountInString(l); n > 80 && strings.HasPrefix(l, "┌") {
				width = max(width, n)
			}
		}
		s := testSettings(t, append(env, "COLUMNS="+strconv.Itoa(width))...)
		code, stdout, stderr := runIncq(context.Background(), s, ex.stdin, ex.args...)
		got := stdout
		if got == "" {
			got = stderr
		}
		gotLines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		switch {
		case len(ex.want) == 0:
			if code != 0 {
				t.Errorf("README.md:%d: incq %s: exit %d\n%s", ex.line, strings.Join(ex.args, " "), code, stderr)
			}
		case ex.more && len(gotLines) >= len(ex.want) && equalLines(gotLines[:len(ex.want)], ex.want):
		case !ex.more && equalLines(gotLines, ex.want):
		case update:
			if ex.more {
				gotLines = gotLines[:min(len(ex.want), len(gotLines))]
			}
			edits = append(edits, readmeEdit{ex.at, len(ex.want), gotLines})
		default:
			t.Errorf("README.md:%d: incq %s (exit %d) prints\n%s\nREADME shows\n%s", ex.line, strings.Join(ex.args, " "), code, got, strings.Join(ex.want, "\n"))
		}
		if code != 0 && stdout == "" && len(ex.want) > 0 && !strings.HasPrefix(ex.want[0], "incq: ") {
			t.Errorf("README.md:%d: exit %d, but the README shows no error", ex.line, code)
		}
	}
	if update && len(edits) > 0 {
		for i := len(edits) - 1; i >= 0; i-- {
			e := edits[i]
			readme = append(readme[:e.at], append(e.lines, readme[e.at+e.n:]...)...)
		}
		if err := os.WriteFile(filepath.Join(dir0, "../../README.md"), []byte(strings.Join(readme, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("updated %d examples in README.md", len(edits))
	}
	if ran < 20 {
		t.Errorf("ran %d README examples, want at least 20: is the parser missing some?", ran)
	}
	// What the examples wrote is there.
	for _, f := range []string{"incidents.csv", "casualties.xlsx", "incidents.xlsx", "incidents.geojson", "2023.geojson", "docs/timeline.png", "casualties.svg", "kinds.pdf", filepath.Join("parquet", "incidents.parquet")} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("README example did not write %s: %v", f, err)
		}
	}
}

// readmeEdit replaces n lines of README.md from index at.
type readmeEdit struct {
	at, n int
	lines []string
}

func equalLines(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestShellWords(t *testing.T) {
	for in, want := range map[string][]string{
		`incq sql "SELECT 'a' AS \"x\"" -f csv`:      {"sql", `SELECT 'a' AS "x"`, "-f", "csv"},
		`incq show place Kelbecer   # a comment`:     {"show", "place", "Kelbecer"},
		`incq sql 'SELECT "x" # not a comment'`:      {"sql", `SELECT "x" # not a comment`},
		"incq sql \"SELECT 1\n   FROM t\"":           {"sql", "SELECT 1\n   FROM t"},
		`incq queries -f csv | grep x`:               nil,
		`export INCQ_QUERIES=$PWD/q`:                 nil,
		`cat my-queries/recent.sql`:                  nil,
		`incq sql "unclosed`:                         nil,
		`incq query recent -o r.json > out.txt`:      nil,
		`incq sql "SELECT $HOME"`:                    nil,
		`printf 'select 1;' | incq shell`:            nil,
		`incq query casualties-by-side -o c.xlsx  #`: {"query", "casualties-by-side", "-o", "c.xlsx"},
	} {
		got := shellWords(in)
		if !equalLines(got, want) || (got == nil) != (want == nil) {
			t.Errorf("shellWords(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrintfPipe(t *testing.T) {
	for _, tt := range []struct{ cmd, stdin, rest string }{
		{`printf 'select 1;\nselect 2;\n' | incq shell -f csv`, "select 1;\nselect 2;\n", "incq shell -f csv"},
		{`printf 'a %s' x | incq shell`, "", ""},
		{`printf 'a\tb' | incq shell`, "", ""},
		{`echo 'select 1;' | incq shell`, "", ""},
	} {
		stdin, rest, ok := printfPipe(tt.cmd)
		if stdin != tt.stdin || rest != tt.rest || ok != (tt.rest != "") {
			t.Errorf("printfPipe(%q) = %q, %q, %v; want %q, %q", tt.cmd, stdin, rest, ok, tt.stdin, tt.rest)
		}
	}
}
