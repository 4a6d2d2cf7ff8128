package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/peterh/liner"

	"github.com/incq/incq/internal/atomicfile"
	"github.com/incq/incq/queries"
)

// editor reads the shell's lines from a terminal with peterh/liner: line
// editing, history kept across sessions, Tab completion. liner was
// chosen for its start-up cost, which every incq command pays once it is
// linked: by GODEBUG=inittrace=1 its init takes 0.005 ms and it brings no
// package incq did not link already (README.md, The shell, has the
// numbers against chzyer/readline and reeflective/readline).
type editor struct {
	st      *liner.State
	history string // the history file; "" when none is kept
	sh      *shell
	warned  bool // that the history could not be saved, once
}

// historySize is how many entries the history keeps.
const historySize = 1000

func newEditor(sh *shell) *editor {
	st := liner.NewLiner()
	st.SetCtrlCAborts(true)
	st.SetMultiLineMode(true)
	st.SetTabCompletionStyle(liner.TabPrints)
	// liner counts the cursor in runes; complete works in bytes.
	st.SetWordCompleter(func(line string, pos int) (string, []string, string) {
		return sh.complete(line, byteOffset(line, pos))
	})
	e := &editor{st: st, sh: sh}
	path, err := historyPath(settingsOf(sh.c.App).getenv)
	if err != nil {
		fmt.Fprintf(sh.c.App.ErrWriter, "incq: history is not kept: %v\n", err)
		return e
	}
	e.history = path
	if f, err := os.Open(path); err == nil {
		st.ReadHistory(f)
		f.Close()
	}
	return e
}

func (e *editor) line(prompt string) (string, error) {
	s, err := e.st.Prompt(prompt)
	if errors.Is(err, liner.ErrPromptAborted) {
		return "", errCleared
	}
	return s, err
}

// maxHistoryEntry is the longest entry the history keeps: liner reads
// lines of its file up to 4 KiB.
const maxHistoryEntry = 4000

// remember adds entry to the history and saves the history, so that a
// session that ends abruptly keeps what was typed.
func (e *editor) remember(entry string) {
	if strings.TrimSpace(entry) == "" {
		return
	}
	if len(entry) > maxHistoryEntry {
		// liner stops reading a history file at a longer line, and drops
		// the entries after it: such a statement is not kept.
		return
	}
	e.st.AppendHistory(entry)
	if e.history == "" {
		return
	}
	if err := e.save(); err != nil && !e.warned {
		e.warned = true
		fmt.Fprintf(e.sh.c.App.ErrWriter, "incq: history is not saved: %v\n", err)
	}
}

// save writes the history file whole, mode 0600 (it may hold what one
// searched for), through a temporary file renamed into place.
func (e *editor) save() error {
	path := e.history
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real // a history kept elsewhere through a link: write there, keep the link
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	t, err := atomicfile.NewTemp(dir, filepath.Base(path))
	if err != nil {
		return err
	}
	defer t.Remove()
	f, err := os.OpenFile(t.Name(), os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = e.st.WriteHistory(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return t.Rename(path)
}

// restore puts the terminal back as the editor found it.
func (e *editor) restore() { e.st.Close() }

func (e *editor) close() { e.st.Close() }

// historyPath is where the shell's history is kept:
// $XDG_STATE_HOME/incq/history, or ~/.local/state/incq/history.
func historyPath(getenv func(string) string) (string, error) {
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "incq", "history"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("neither XDG_STATE_HOME nor HOME is set")
	}
	return filepath.Join(home, ".local", "state", "incq", "history"), nil
}

// sqlKeywords are the words Tab completes in SQL besides the schema's
// names: SQLite's keywords a query uses, and its common functions.
func sqlKeywords() []string {
	return strings.Fields(`SELECT FROM WHERE GROUP BY ORDER HAVING LIMIT OFFSET
	JOIN LEFT RIGHT FULL INNER OUTER CROSS NATURAL ON USING AS AND OR NOT IN IS NULL
	LIKE GLOB BETWEEN CASE WHEN THEN ELSE END DISTINCT UNION ALL EXCEPT INTERSECT
	WITH RECURSIVE EXISTS ASC DESC NULLS FIRST LAST COLLATE NOCASE CAST VALUES
	OVER PARTITION WINDOW FILTER ROWS RANGE PRECEDING FOLLOWING CURRENT ROW
	UNBOUNDED EXPLAIN QUERY PLAN PRAGMA TRUE FALSE
	abs avg coalesce count date datetime group_concat ifnull iif instr json_each
	json_extract json_group_array julianday length lower max min nullif printf
	replace round strftime substr sum total trim typeof upper`)
}

// completionChars are those a word being completed is made of: names,
// :parameters, table.column, and a query's name-with-dashes after .run.
func completionChar(c byte, dot bool) bool {
	return isWord(c) || c == '.' || c == ':' || c == '@' || dot && c == '-'
}

// complete is Tab at pos in line: the word before pos is replaced by each
// candidate. In a dot-command line, the dot-commands and their
// arguments (query names and their parameters, kinds, tables, formats);
// in SQL, keywords and functions, tables, views and columns (a table's
// own after "table."), and :names set with .param.
func (sh *shell) complete(line string, pos int) (head string, cands []string, tail string) {
	before, tail := line[:pos], line[pos:]
	dot := strings.HasPrefix(strings.TrimLeft(line, " \t"), ".")
	start := pos
	for start > 0 && completionChar(before[start-1], dot) {
		start--
	}
	head, word := before[:start], before[start:]
	var all []string
	if dot {
		fields := strings.Fields(head)
		all = sh.dotCandidates(fields, word)
	} else {
		all = sh.sqlCandidates(word)
	}
	fold := word == strings.ToLower(word)
	for _, c := range all {
		if strings.HasPrefix(strings.ToLower(c), strings.ToLower(word)) {
			if fold && strings.ToUpper(c) == c {
				c = strings.ToLower(c) // select, not SELECT, for one who types lower case
			}
			cands = append(cands, c)
		}
	}
	slices.Sort(cands)
	return head, slices.Compact(cands), tail
}

func (sh *shell) dotCandidates(fields []string, word string) []string {
	if len(fields) == 0 {
		var out []string
		for name := range dotCommands() {
			out = append(out, name+" ")
		}
		return out
	}
	var out []string
	switch n := len(fields); fields[0] {
	case ".run", ".queries":
		if n == 1 {
			for _, q := range sh.cat.queries {
				out = append(out, q.Name+" ")
			}
		} else if fields[0] == ".run" {
			if q, err := queries.Find(sh.cat.queries, fields[1]); err == nil {
				for _, p := range q.Params {
					out = append(out, p.Name+"=")
				}
			}
		}
	case ".show":
		if n == 1 {
			out = dossierKinds()
		}
	case ".schema":
		if n == 1 {
			sh.loadNames()
			for t := range sh.tables {
				out = append(out, t)
			}
		}
	case ".mode":
		if n == 1 {
			out = formatNames()
		}
	case ".timer":
		if n == 1 {
			out = []string{"on", "off"}
		}
	case ".param":
		switch {
		case n == 1:
			out = []string{"set", "list", "unset", "clear"}
		case n == 2 && fields[1] == "unset":
			for name := range sh.params {
				out = append(out, name)
			}
		}
	}
	return out
}

func (sh *shell) sqlCandidates(word string) []string {
	if p := strings.IndexAny(word, ":@"); p == 0 {
		var out []string
		for name := range sh.params {
			out = append(out, word[:1]+name)
		}
		return out
	}
	sh.loadNames()
	if i := strings.LastIndexByte(word, '.'); i >= 0 {
		cols, ok := sh.tables[strings.ToLower(word[:i])]
		if !ok {
			cols = sh.columns // an alias: any column
		}
		out := make([]string, len(cols))
		for j, c := range cols {
			out[j] = word[:i+1] + c
		}
		return out
	}
	out := sqlKeywords()
	for t := range sh.tables {
		out = append(out, t)
	}
	return append(out, sh.columns...)
}

// loadNames reads the tables, views and columns of the database once,
// at the first Tab that needs them.
func (sh *shell) loadNames() {
	sh.schema.Do(func() {
		sh.tables = map[string][]string{}
		rows, err := sh.db.Query(context.Background(), `SELECT s.name, p.name FROM sqlite_schema AS s, pragma_table_info(s.name) AS p
			WHERE s.type IN ('table', 'view') AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND s.name NOT LIKE 'incq\_%' ESCAPE '\' ORDER BY s.name, p.cid`)
		if err != nil {
			return
		}
		defer rows.Close()
		seen := map[string]bool{}
		for rows.Next() {
			v := rows.Values()
			t, _ := v[0].(string)
			c, _ := v[1].(string)
			sh.tables[strings.ToLower(t)] = append(sh.tables[strings.ToLower(t)], c)
			if !seen[c] {
				seen[c] = true
				sh.columns = append(sh.columns, c)
			}
		}
	})
}

// byteOffset is the byte offset of the rune at index pos of line.
func byteOffset(line string, pos int) int {
	return len(string([]rune(line)[:min(pos, utf8.RuneCountInString(line))]))
}
