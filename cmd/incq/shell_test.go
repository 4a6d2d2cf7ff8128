package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Off a terminal, incq shell runs the statements of standard input and
// exits, as sqlite3 does: statements over several lines, several on one,
// the last without its ;, dot-commands among them. An error is printed
// with its place in standard input and the rest still runs; the exit
// status is then 1.
func TestShellPiped(t *testing.T) {
	s := testSettings(t)
	jsonFile := filepath.Join(t.TempDir(), "two.json")
	for _, tt := range []struct {
		name, stdin    string
		code           int
		stdout, stderr string
	}{
		{"statements", "select 1 as a;\nselect\n  2 as b; select 3 as c;\nselect 4 as d", 0,
			"a\n1\nb\n2\nc\n3\nd\n4\n", ""},
		{"comments and strings", "-- a comment; not a statement\nselect 'a;b' as \"x;y\"; /* ; */\n", 0,
			"x;y\na;b\n", ""},
		{"error goes on", "select 1 as a;\nselect nope\n  from incidents;\nselect 2 as b;\n", 1,
			"a\n1\nb\n2\n",
			"incq: stdin:2:8: no such column: nope; did you mean \"note\"?\n  select nope\n         ^\n"},
		{"read-only", "delete from incidents;\n", 1, "", "incq: stdin:1: ad-hoc SQL is read-only: DELETE is not allowed\n"},
		{"blank and comment lines", "select 1 as a;\n\n.mode csv\n-- a note\n/* a block */\nselect 2 as b;\n", 0,
			"a\n1\nb\n2\n", ""},
		{"byte order mark", "\ufeff.mode csv\nselect 1 as x;\n", 0, "x\n1\n", ""},
		{"param name with =", ".param set a=b c\n", 1, "", "incq: .param set a=b: a name has no =; write .param set NAME VALUE\n"},
		{"one result to a JSON file", ".output " + jsonFile + "\nselect 1 as a;\nselect 2 as b;\n.output\n", 1, "",
			"incq: stdin:3: .output " + jsonFile + " holds one result in json: end it with .output, then give this result a file of its own (.once FILE), or collect results in csv, tsv, ndjson or markdown\nincq: wrote " + jsonFile + "\n"},
		{"unplaced error", "select 1 as a;\n\nselect abs(-9223372036854775808) as c;\n", 1, "a\n1\n", "incq: stdin:3: integer overflow\n"},
		// incq's own tables (incq_cache, incq_counted_figures, ...) are not listed.
		{"tables are the dataset's", ".tables\n", 0, "name,kind\nacled_events,table\nactor_aliases,table\nactor_kinds,table\nactor_sides,table\nactors,table\nbases,table\ncasualties,table\ncasualty_categories,table\ncasualty_statuses,table\ncasualty_totals,table\nceasefire_reports,table\nceasefires,table\nclaim_citations,table\nclaim_kinds,table\nclaim_responses,table\nclaim_weapons,table\nclaims,table\ndate_precisions,table\nepisode_reports,table\nepisode_tolls,table\nepisodes,table\ngeo_precisions,table\nhost_roles,table\nincident_kinds,table\nincident_parties,table\nincidents,table\norigins,table\nparagraph_context,table\nplace_aliases,table\nplace_kinds,table\nplaces,table\nqualifiers,table\nsides,table\nsources,table\ntalk_participants,table\ntalk_reports,table\ntalk_statuses,table\ntalks,table\nucdp_events,table\nweapons,table\ncounted_figures,view\nincident_losses,view\nincident_places,view\nplace_names,view\nplace_tree,view\n", ""},
		{"params", ".param set since:date 2023-09-01\nselect count(*) as n from incidents where date >= :since;\n.param set since:date 2023-13-01\n.param unset since\nselect :since;\n", 1,
			"n\n2\n",
			"incq: .param set: parameter \"since\": \"2023-13-01\" is not a calendar date\n" +
				"incq: parameter :since is not set; give it with .param set since VALUE\n"},
		{"mode", ".mode json\nselect 1 as a;\n.mode\n.mode jsn\n", 1,
			"[\n{\"a\":1}\n]\njson\n",
			"incq: unknown format \"jsn\" (want one of table, csv, tsv, json, ndjson, markdown, xlsx, parquet, geojson); did you mean \"json\"?\n"},
		{"run", ".run casualties-by-side since=2023-01-01 until=2023-12-31\n.run casualties-by-side since=2024-01-01 until=2023-01-01\n.run casualtys\n", 1,
			"origin,side,incidents,killed,wounded,captured,missing\ncurated,armenia,2,2,5,0,0\ncurated,azerbaijan,3,1,4,0,0\n",
			"incq: query \"casualties-by-side\": since 2024-01-01 is after until 2023-01-01\n" +
				"incq: unknown query \"casualtys\"\n"},
		{"show and search", ".mode markdown\n.show place Kelbecer\n.search Kelbecer\n.show nothing I01\n", 1,
			"", ""},
		{"dot-command mistakes", ".tabels\n.show incident\n.timer maybe\n.once\n.param set x\n.schema 'claims\n", 1, "",
			"incq: unknown command \".tabels\"; did you mean \".tables\"? (.help lists them)\n" +
				"incq: usage: .show KIND NAME\n" +
				"incq: .timer \"maybe\": want on or off\n" +
				"incq: usage: .once FILE\n" +
				"incq: usage: .param set NAME[:TYPE] VALUE (quote a value with spaces)\n" +
				"incq: .schema: a ' quote is not closed\n"},
		{"quit", "select 1 as a;\n.quit\nselect 2 as b;\n", 0, "a\n1\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runIncq(context.Background(), s, tt.stdin, "shell", "-f", "csv")
			if tt.name == "show and search" {
				// Dossiers are long: their start and the search's hit.
				if code != 1 || !strings.Contains(stdout, "## names\n") || !strings.Contains(stdout, "| place | kelbajar-town |") ||
					!strings.Contains(stderr, `cannot show "nothing"`) {
					t.Errorf("got %d\n%s\n%s", code, stdout, stderr)
				}
				return
			}
			if code != tt.code || stdout != tt.stdout || stderr != tt.stderr {
				t.Errorf("got exit %d\nstdout %q\nstderr %q\nwant exit %d\nstdout %q\nstderr %q", code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

// .output collects results in one file, written whole when .output is
// given again: a result that fails partway leaves nothing of itself, and
// an existing file is refused without --force. .once takes the next
// result only, its format from the extension.
func TestShellOutputFiles(t *testing.T) {
	dir := t.TempDir()
	all, once, taken := filepath.Join(dir, "all.csv"), filepath.Join(dir, "once.json"), filepath.Join(dir, "taken.csv")
	if err := os.WriteFile(taken, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdin := strings.Join([]string{
		".output " + all,
		"select 1 as a;",
		"select 'half' as a union all select abs(-9223372036854775807 - 1);", // the second row overflows
		"select 2 as a;",
		".output",
		".once " + once,
		"select 3 as b;",
		"select 4 as c;",
		".output " + taken,
		".once " + taken,
	}, "\n")
	code, stdout, stderr := runIncq(context.Background(), testSettings(t), stdin, "shell", "-f", "csv")
	if code != 1 || stdout != "c\n4\n" {
		t.Errorf("got %d %q %q", code, stdout, stderr)
	}
	for _, want := range []string{"integer overflow", "incq: wrote " + all, "taken.csv: file exists (use --force to overwrite)"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	for path, want := range map[string]string{all: "a\n1\na\n2\n", once: "[\n{\"b\":3}\n]\n", taken: "mine\n"} {
		if got, err := os.ReadFile(path); err != nil || string(got) != want {
			t.Errorf("%s holds %q, %v; want %q", filepath.Base(path), got, err, want)
		}
	}
	if names, _ := filepath.Glob(filepath.Join(dir, ".*")); len(names) != 0 {
		t.Errorf("temporary files left: %q", names)
	}
}

// incq alone prints help when it is not on a terminal (here, buffers).
func TestBareIncqOffTerminal(t *testing.T) {
	code, stdout, _ := runIncq(context.Background(), testSettings(t), "select 1;")
	if code != 0 || !strings.Contains(stdout, "USAGE:") || !strings.Contains(stdout, "incq alone opens the shell") {
		t.Errorf("got %d %q, want help", code, stdout)
	}
}

func TestSplitStatements(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
		rest string
	}{
		{"select 1;", []string{"select 1;"}, ""},
		{"select 1; select 2", []string{"select 1;"}, " select 2"},
		{"select ';'", nil, "select ';'"},
		{"select 'it''s;'; x", []string{"select 'it''s;';"}, " x"},
		{"select \"a;b\", [c;d], `e;f`;", []string{"select \"a;b\", [c;d], `e;f`;"}, ""},
		{"select 1 -- ;\n;", []string{"select 1 -- ;\n;"}, ""},
		{"select 1 /* ; */;", []string{"select 1 /* ; */;"}, ""},
		{"select 1 /* ;", nil, "select 1 /* ;"},
		{"select 'open;", nil, "select 'open;"},
		{";;", []string{";", ";"}, ""},
	} {
		t.Run(tt.text, func(t *testing.T) {
			offs, rest := splitStatements(tt.text)
			var got []string
			for _, o := range offs {
				got = append(got, tt.text[o[0]:o[1]])
			}
			if !equalLines(got, tt.want) || tt.text[rest:] != tt.rest {
				t.Errorf("got %q, rest %q; want %q, rest %q", got, tt.text[rest:], tt.want, tt.rest)
			}
		})
	}
}

func TestHistoryEntry(t *testing.T) {
	for in, want := range map[string]string{
		"select 1;":                             "select 1;",
		"select 6 * 7\n  as answer; -- the end": "select 6 * 7 as answer;",
		"select 1 -- one\n  + 1;":               "select 1 + 1;",
		"select 'a\n b',\t2;":                   "select 'a  b', 2;",
		"select '--not a comment';":             "select '--not a comment';",
	} {
		if got := historyEntry(in); got != want {
			t.Errorf("historyEntry(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDotWords(t *testing.T) {
	for _, tt := range []struct {
		line string
		want []string
		err  string
	}{
		{".show place Kelbecer", []string{".show", "place", "Kelbecer"}, ""},
		{".show  place  'Nameless hills'", []string{".show", "place", "Nameless hills"}, ""},
		{`.param set q "it""s"`, []string{".param", "set", "q", `it"s`}, ""},
		{".param set e ''", []string{".param", "set", "e", ""}, ""},
		{".once 'a b", nil, ".once: a ' quote is not closed"},
	} {
		got, err := dotWords(tt.line)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("dotWords(%q) error %v, want %q", tt.line, err, tt.err)
			}
			continue
		}
		if err != nil || !equalLines(got, tt.want) {
			t.Errorf("dotWords(%q) = %q, %v; want %q", tt.line, got, err, tt.want)
		}
	}
}

func TestHistoryPath(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_STATE_HOME": "/state", "HOME": "/home/u"}, "/state/incq/history"},
		{map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/home/u"}, "/home/u/.local/state/incq/history"},
		{map[string]string{"HOME": "/home/u"}, "/home/u/.local/state/incq/history"},
		{map[string]string{}, ""},
	} {
		got, err := historyPath(func(k string) string { return tt.env[k] })
		if got != tt.want || (err != nil) != (tt.want == "") {
			t.Errorf("historyPath(%v) = %q, %v; want %q", tt.env, got, err, tt.want)
		}
	}
}

// liner gives the cursor in runes: text before it that is not ASCII
// must not shift the completed word (summaryyr).
func TestCompletionCursorInRunes(t *testing.T) {
	line := "select 'é' as x, summar"
	if got := byteOffset(line, len([]rune(line))); got != len(line) {
		t.Errorf("byteOffset at the end: got %d, want %d", got, len(line))
	}
	if got := byteOffset("ağ b", 2); got != 3 {
		t.Errorf("byteOffset(\"ağ b\", 2): got %d, want 3", got)
	}
}
