package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/incq/incq"
	"github.com/incq/incq/internal/boundedread"
	"github.com/incq/incq/internal/suggest"
	"github.com/incq/incq/queries"
	"github.com/incq/incq/render"
)

// The shell is a presenter, like the commands: each statement and each
// dot-command that yields rows is resolved into results and handed to
// emitTo, the road every command takes (read-only SQL, the same writers,
// atomic files). What it owns is the prompt, the statement buffer, its
// settings (.mode, .output, .param, .timer) and how an error is shown
// without ending the session.

func shellCommand() *cli.Command {
	return &cli.Command{
		Name:  "shell",
		Usage: "type SQL and dot-commands at a prompt, as in sqlite3 (incq alone opens it on a terminal)",
		Description: describe(
			"Statements end with ; and may span lines (the prompt is then ...>);\n"+
				"results print as tables, or in --format / .mode. .help lists the\n"+
				"dot-commands: .tables, .schema, .queries, .run, .show, .search, .mode,\n"+
				".output, .once, .param, .timer, .quit. Up-arrow recalls earlier\n"+
				"statements (kept in $XDG_STATE_HOME/incq/history, or\n"+
				"~/.local/state/incq/history); Tab completes keywords, tables, columns,\n"+
				"query names, parameters and dot-commands. Ctrl-C stops the running\n"+
				"statement, or clears the line; Ctrl-D leaves. --timeout applies to each\n"+
				"statement. Off a terminal, it runs the statements of standard input\n"+
				"and exits, with status 1 if any failed.",
			"incq shell",
			"incq shell --dataset mydata",
			"echo 'SELECT count(*) AS incidents FROM incidents;' | incq shell -f csv",
		),
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			return runShell(c)
		},
	}
}

// interactive reports whether the shell's input is a terminal a person
// types at: standard input, which the line editor reads.
func interactive(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && f.Fd() == os.Stdin.Fd() && term.IsTerminal(int(f.Fd()))
}

// errStopped is the cause of a statement stopped by Ctrl-C in the shell.
var errStopped = errors.New("interrupted")

// errSomeFailed ends a shell that read standard input when a statement
// failed: exit status 1, each error already printed.
var errSomeFailed = errors.New("a statement failed")

// shell is one session.
type shell struct {
	c      *cli.Context
	db     *incq.DB
	cat    *catalogSet
	names  schemaNames
	format render.Format
	params map[string]shellParam
	timer  bool
	failed bool
	live   bool // a person at a terminal: Ctrl-C is the shell's

	output     *output // .output's file, until .output again or the end
	outFormat  render.Format
	once       *output // .once's file, for the next result only
	onceFormat render.Format

	mu      sync.Mutex
	stop    context.CancelCauseFunc // the running statement's, while it runs and until asked to stop
	running bool                    // a statement runs
	schema  sync.Once
	tables  map[string][]string // table or view: its columns, for completion
	columns []string
}

// shellParam is a value .param set gave a name.
type shellParam struct {
	param queries.Param
	value string
}

// runShell runs a session on the dataset: at a prompt on a terminal,
// else over the statements of standard input.
func runShell(c *cli.Context) error {
	cat, err := catalog(c)
	if err != nil {
		return err
	}
	db, err := openDB(c)
	if err != nil {
		return err
	}
	defer db.Close()
	sh := &shell{
		c: c, db: db, cat: cat, names: dbSchemaNames(c.Context, db),
		format: formatOf(c), params: map[string]shellParam{},
		live: interactive(c.App.Reader),
	}
	if o := c.String("output"); o != "" && o != "-" {
		// -o FILE is .output FILE from the start.
		out, err := createOutput(c, o, spelled(c, "output"))
		if err != nil {
			return err
		}
		sh.output, sh.outFormat = out, sh.format
	}
	var in lineReader
	if sh.live {
		ed := newEditor(sh)
		defer ed.close()
		in = ed
		k := settingsOf(c.App).console
		k.onExit(ed.restore)
		defer k.onExit(nil)
		defer k.hold(sh.interrupt)()
		k.whenIdle(func() bool {
			sh.mu.Lock()
			defer sh.mu.Unlock()
			return !sh.running
		})
		defer k.whenIdle(nil)
	} else {
		in = &pipedLines{r: bufio.NewReader(c.App.Reader)}
	}
	err = sh.loop(in)
	if cerr := sh.endOutputs(err); err == nil {
		err = cerr
	}
	if err == nil && sh.failed && !sh.live {
		return errSomeFailed
	}
	return err
}

// interrupt is Ctrl-C while the shell runs: it stops the running
// statement. At the prompt the line editor reads Ctrl-C as a key; a
// SIGINT there (kill -INT) is ignored, as sqlite3 does. A second one
// while the statement has not stopped yet is the run's, which ends.
func (sh *shell) interrupt() bool {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if !sh.running {
		return true // at the prompt
	}
	if sh.stop == nil {
		return false // asked once already and still running (a blocked write): the run ends
	}
	stop := sh.stop
	sh.stop = nil
	stop(errStopped)
	return true
}

// lineReader is where the shell's lines come from.
type lineReader interface {
	// line reads one line, showing prompt; io.EOF at the end, errCleared
	// when Ctrl-C cleared what was typed.
	line(prompt string) (string, error)
	// remember adds an entry to the history.
	remember(entry string)
}

// errCleared is Ctrl-C at the prompt: the line and any open statement are
// dropped.
var errCleared = errors.New("cleared")

// pipedLines reads lines from standard input that is not a terminal.
type pipedLines struct {
	r *bufio.Reader
}

func (p *pipedLines) line(string) (string, error) {
	var b []byte
	for {
		chunk, err := p.r.ReadSlice('\n')
		b = append(b, chunk...)
		if len(b) > boundedread.MaxSQL {
			return "", fmt.Errorf("standard input: a line longer than %d MiB", boundedread.MaxSQL>>20)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(b) > 0:
			return string(b), nil
		case err != nil:
			return "", err
		}
		return strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r"), nil
	}
}

func (p *pipedLines) remember(string) {}

// Prompts: the first line of a statement, and the lines after it.
const (
	promptFirst = "incq> "
	promptMore  = "   ...> "
)

// loop reads lines until the end of input or .quit, running each
// statement as its ; arrives and each dot-command line as it comes. It
// returns an error only for what ends the session (the run stopped, the
// input unreadable); errors of statements are printed and the shell goes
// on.
func (sh *shell) loop(in lineReader) error {
	var buf strings.Builder
	bufLine, lineNo := 1, 0 // the input line buf starts at; lines read
	for {
		if err := sh.c.Context.Err(); err != nil {
			return context.Cause(sh.c.Context)
		}
		prompt := promptFirst
		if buf.Len() > 0 {
			prompt = promptMore
		}
		line, err := in.line(prompt)
		switch {
		case errors.Is(err, errCleared):
			buf.Reset()
			continue
		case errors.Is(err, io.EOF):
			// As sqlite3 does: what is left runs, ; or not.
			if rest := buf.String(); hasStatement(rest) {
				in.remember(historyEntry(rest))
				sh.runSQL(sh.source(rest, bufLine))
			}
			if err := sh.c.Context.Err(); err != nil {
				return context.Cause(sh.c.Context)
			}
			return nil
		case err != nil:
			return err
		}
		lineNo++
		if lineNo == 1 {
			line = strings.TrimPrefix(line, "\ufeff") // a byte order mark
		}
		if strings.IndexByte(line, 0) >= 0 {
			sh.complain(nil, fmt.Errorf("line %d holds a NUL byte: dropped", lineNo))
			continue
		}
		if buf.Len() == 0 && blankSQL(line) {
			continue // a blank or comment line opens no statement
		}
		if buf.Len() == 0 && strings.HasPrefix(strings.TrimSpace(line), ".") {
			in.remember(strings.TrimSpace(line))
			if sh.dot(strings.TrimSpace(line)) {
				return nil
			}
			continue
		}
		if buf.Len() == 0 {
			bufLine = lineNo
			if sh.live {
				bufLine = 1 // a typed statement's lines count from its prompt
			}
		}
		buf.WriteString(line)
		buf.WriteByte('\n')
		if buf.Len() > boundedread.MaxSQL {
			sh.complain(nil, fmt.Errorf("the statement is longer than %d MiB: dropped", boundedread.MaxSQL>>20))
			buf.Reset()
			continue
		}
		if !strings.Contains(line, ";") {
			continue // no statement can end on this line
		}
		text := buf.String()
		stmts, rest := splitStatements(text)
		if len(stmts) == 0 {
			continue
		}
		in.remember(historyEntry(text[:rest]))
		for _, off := range stmts {
			sh.runSQL(sh.source(text[off[0]:off[1]], bufLine+strings.Count(text[:off[0]], "\n")))
			if sh.c.Context.Err() != nil {
				return context.Cause(sh.c.Context)
			}
		}
		buf.Reset()
		if left := text[rest:]; hasStatement(left) {
			buf.WriteString(left)
			bufLine += strings.Count(text[:rest], "\n")
		}
	}
}

// source is one statement to run, for placing its errors: text, which
// starts at line (1-based) of standard input, or at line of what was
// typed since the prompt was incq> .
func (sh *shell) source(text string, line int) sqlSource {
	trimmed := strings.TrimLeft(text, " \t\r\n")
	line += strings.Count(text[:len(text)-len(trimmed)], "\n")
	name := "stdin"
	if sh.live {
		name = "sql"
	}
	return sqlSource{name: name, text: strings.TrimRight(trimmed, " \t\r\n"), lineOffset: line - 1}
}

// blankSQL reports whether a line holds no SQL: spaces, a -- comment, or
// /* comments */ that close on it.
func blankSQL(line string) bool {
	for {
		line = strings.TrimLeft(line, " \t\r")
		switch {
		case line == "" || strings.HasPrefix(line, "--"):
			return true
		case strings.HasPrefix(line, "/*"):
			end := strings.Index(line[2:], "*/")
			if end < 0 {
				return false // a comment that goes on: the statement is open
			}
			line = line[end+4:]
		default:
			return false
		}
	}
}

// splitStatements finds the statements of text that a ; outside quotes
// and comments ends: their [start, end) offsets, ; included, and the
// offset of what follows the last of them.
func splitStatements(text string) (stmts [][2]int, rest int) {
	start := 0
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\'' || c == '"' || c == '`' || c == '[':
			closer := c
			if c == '[' {
				closer = ']'
			}
			j := strings.IndexByte(text[i+1:], closer)
			if j < 0 {
				return stmts, start // a quote still open
			}
			i += j + 2 // a doubled quote closes and opens again: the same
		case strings.HasPrefix(text[i:], "--"):
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				return stmts, start
			}
			i += j + 1
		case strings.HasPrefix(text[i:], "/*"):
			j := strings.Index(text[i+2:], "*/")
			if j < 0 {
				return stmts, start // a comment still open
			}
			i += j + 4
		case c == ';':
			stmts = append(stmts, [2]int{start, i + 1})
			i++
			start = i
		default:
			i++
		}
	}
	return stmts, start
}

// historyEntry is a statement as one line of history: line breaks become
// spaces, and a -- comment, which would swallow the rest of the line, is
// dropped.
func historyEntry(text string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\'' || c == '"' || c == '`' || c == '[':
			closer := c
			if c == '[' {
				closer = ']'
			}
			end := len(text)
			if j := strings.IndexByte(text[i+1:], closer); j >= 0 {
				end = i + j + 2
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(strings.NewReplacer("\r\n", " ", "\n", " ").Replace(text[i:end]))
			i = end
			continue
		case strings.HasPrefix(text[i:], "--"):
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				j = len(text) - i
			}
			i += j
			space = true
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
		}
		i++
	}
	return b.String()
}

// runSQL runs one statement, binding its :names from .param.
func (sh *shell) runSQL(src sqlSource) {
	if !hasStatement(src.text) {
		return
	}
	sh.run(func(ctx context.Context, d destination) error {
		args, err := sh.bind(src.text)
		if err != nil {
			return err
		}
		err = emitTo(sh.c, d, false, sqlResult(sh.db, "", src.text, args...))
		err = placeSQLError(err, src, sh.names)
		var pe *sqlPlaceError
		if err != nil && !sh.live && ctx.Err() == nil && !errors.As(err, &pe) {
			// An error SQLite gives no place (integer overflow, a malformed
			// JSON): the line its statement starts on, in a script.
			err = fmt.Errorf("%s:%d: %w", src.name, src.lineOffset+1, err)
		}
		return err
	})
}

// bind returns the values of the parameters text uses, from .param set:
// one it uses and nobody set is an error; the others are not its concern.
func (sh *shell) bind(text string) ([]any, error) {
	if queries.Positional(text) {
		return nil, errors.New("positional parameters (?) cannot be bound: name them, e.g. :since, and set them with .param set since VALUE")
	}
	var params []queries.Param
	values := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(queries.Placeholders(text))) {
		p, ok := sh.params[name]
		if !ok {
			return nil, fmt.Errorf("parameter :%s is not set; give it with .param set %s VALUE", name, name)
		}
		params = append(params, p.param)
		values[name] = p.value
	}
	bound, err := queries.Query{Name: "sql", Params: params}.Bind(values)
	if err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), `query "sql": `))
	}
	return queries.NamedArgs(bound), nil
}

// run runs one thing that yields results (a statement, a dot-command)
// under its own context: --timeout for each, and Ctrl-C stops it alone.
// Its error is printed, and the session goes on.
func (sh *shell) run(what func(ctx context.Context, d destination) error) {
	ctx, cancel := context.WithCancelCause(sh.c.Context)
	defer cancel(nil)
	if t := timeoutOf(sh.c); t > 0 {
		var stop context.CancelFunc
		ctx, stop = context.WithTimeoutCause(ctx, t, &timeoutError{t})
		defer stop()
	}
	sh.mu.Lock()
	sh.stop, sh.running = cancel, true
	sh.mu.Unlock()
	defer func() {
		sh.mu.Lock()
		sh.stop, sh.running = nil, false
		sh.mu.Unlock()
	}()
	start := time.Now()
	d, finish := sh.destination(ctx)
	err := finish(what(ctx, d))
	if sh.timer {
		fmt.Fprintf(sh.c.App.ErrWriter, "incq: time %.3f s\n", time.Since(start).Seconds())
	}
	if err != nil && sh.c.Context.Err() == nil {
		sh.complain(ctx, err)
	}
}

// destination is where the next result goes: .once's file, .output's, or
// standard output; finish takes the result's error and ends that output
// for it: a .once file is committed or removed, and a result that failed
// partway leaves nothing of itself in .output's file.
func (sh *shell) destination(ctx context.Context) (destination, func(error) error) {
	opts := renderOptions(sh.c)
	toFile := func(o *output, f render.Format) destination {
		if !sh.c.IsSet("width") {
			opts.Width = 80 // a file is not as wide as the terminal
		}
		return destination{ctx: ctx, format: f, opts: opts, toFile: true, open: func() (*output, error) { return o, nil }}
	}
	switch {
	case sh.once != nil:
		o := sh.once
		sh.once = nil
		o.ctx = ctx
		return toFile(o, sh.onceFormat), o.done
	case sh.output != nil:
		f := sh.output.file
		mark := f.Size()
		if mark > 0 && slices.Contains(oneDocument, sh.outFormat) {
			// A second workbook, Parquet file or JSON array after the first
			// makes a file no reader opens.
			d := toFile(nil, sh.outFormat)
			d.open = func() (*output, error) {
				return nil, fmt.Errorf(".output %s holds one result in %s: end it with .output, then give this result a file of its own (.once FILE), or collect results in csv, tsv, ndjson or markdown", f.Path, sh.outFormat)
			}
			return d, func(err error) error { return err }
		}
		return toFile(&output{Writer: f}, sh.outFormat), func(err error) error {
			if err != nil {
				if ok, terr := f.Truncate(mark); terr != nil {
					return fmt.Errorf("%w; and %s is left with part of this result: %v", err, f.Path, terr)
				} else if !ok && f.Size() != mark {
					return fmt.Errorf("%w (%s already has part of this result)", err, f.Path)
				}
			}
			return err
		}
	}
	return destination{ctx: ctx, format: sh.format, opts: opts, open: func() (*output, error) {
		return &output{Writer: sh.c.App.Writer}, nil
	}}, func(err error) error { return err }
}

// oneDocument are the formats whose file holds one result: a workbook,
// a Parquet file, a JSON array, a GeoJSON collection.
var oneDocument = []render.Format{render.XLSX, render.Parquet, render.JSON, render.GeoJSON}

// endOutputs ends .output's and .once's files as the session ends: kept
// when it ended well, removed when it was stopped.
func (sh *shell) endOutputs(err error) error {
	if sh.once != nil {
		sh.once.file.Abort() // asked for a result that never came
		sh.once = nil
	}
	if sh.output == nil {
		return nil
	}
	o := sh.output
	sh.output = nil
	o.ctx = nil
	return o.done(err)
}

// complain prints err in one line (a SQL error: its line and a caret),
// as incq does, and the session goes on.
func (sh *shell) complain(ctx context.Context, err error) {
	w := sh.c.App.ErrWriter
	sh.failed = true
	var (
		pe *sqlPlaceError
		ue *usageError
	)
	switch {
	case ctx != nil && errors.Is(context.Cause(ctx), errStopped):
		fmt.Fprintln(w, "incq: interrupted")
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, new(*timeoutError)):
		fmt.Fprintf(w, "incq: %s\n", timeoutText(err))
	case errors.As(err, &pe):
		fmt.Fprintf(w, "incq: %s\n%s\n", pe.msg, pe.context)
	case errors.As(err, &ue):
		fmt.Fprintf(w, "incq: %s\n", ue.msg) // the hint names a command line, not the shell
	default:
		fmt.Fprintf(w, "incq: %s\n", strings.Join(strings.Fields(err.Error()), " "))
	}
}

// dot runs one dot-command line and reports whether it was .quit.
func (sh *shell) dot(line string) (quit bool) {
	words, err := dotWords(line)
	if err != nil {
		sh.complain(nil, err)
		return false
	}
	name, args := words[0], words[1:]
	cmds := dotCommands()
	cmd, ok := cmds[name]
	if !ok {
		names := slices.Sorted(maps.Keys(cmds))
		sh.complain(nil, fmt.Errorf("unknown command %q%s (.help lists them)", name, suggest.Hint(name, names)))
		return false
	}
	if len(args) < cmd.min || cmd.max >= 0 && len(args) > cmd.max {
		sh.complain(nil, fmt.Errorf("usage: %s", cmd.usage))
		return false
	}
	switch name {
	case ".quit", ".exit":
		return true
	case ".help":
		sh.help(cmds)
		return false
	}
	if err := cmd.run(sh, args); err != nil {
		sh.complain(nil, err)
	}
	return false
}

// dotCommand is one of the shell's dot-commands.
type dotCommand struct {
	usage    string
	help     string
	min, max int // arguments; max -1 for any number
	run      func(sh *shell, args []string) error
}

// dotCommands are the dot-commands, as sqlite3 users know them and
// incq's own. Those that show rows run through sh.run, like statements.
// Built when the shell needs them, so that no other command pays for it.
func dotCommands() map[string]dotCommand {
	return map[string]dotCommand{
		".tables": {".tables", "the names of the tables and views", 0, 0, func(sh *shell, _ []string) error {
			sh.run(func(ctx context.Context, d destination) error {
				return emitTo(sh.c, d, false, sqlResult(sh.db, "", tablesSQL))
			})
			return nil
		}},
		".schema": {".schema [NAME]", "the tables and views with what they hold, or one's columns", 0, 1, func(sh *shell, args []string) error {
			r, err := schemaResult(strings.Join(args, ""), func() (*incq.DB, error) { return sh.db, nil })
			if err != nil {
				return err
			}
			sh.run(func(_ context.Context, d destination) error { return emitTo(sh.c, d, false, r) })
			return nil
		}},
		".queries": {".queries [NAME]", "the named queries, or one's parameters and SQL", 0, 1, func(sh *shell, args []string) error {
			if len(args) == 1 {
				q, err := sh.cat.find(args[0])
				if err != nil {
					return err
				}
				sh.run(func(_ context.Context, d destination) error { return showQuery(sh.c, d, q, sh.cat.origin[q.Name]) })
				return nil
			}
			rows := make([][]any, len(sh.cat.queries))
			for i, q := range sh.cat.queries {
				rows[i] = []any{q.Name, q.Description, paramSummary(q), sh.cat.origin[q.Name]}
			}
			r := staticResult([]string{"name", "description", "parameters", "origin"}, rows)
			sh.run(func(_ context.Context, d destination) error { return emitTo(sh.c, d, false, r) })
			return nil
		}},
		".run": {".run NAME [name=value ...]", "run a named query", 1, -1, func(sh *shell, args []string) error {
			q, err := sh.cat.find(args[0])
			if err != nil {
				return err
			}
			values := map[string]string{}
			for _, kv := range args[1:] {
				name, value, ok := strings.Cut(kv, "=")
				name = strings.TrimSpace(name)
				if !ok || name == "" {
					return fmt.Errorf(".run %s: %q: want name=value", q.Name, kv)
				}
				if _, dup := values[name]; dup {
					return fmt.Errorf(".run %s: %q given twice", q.Name, name)
				}
				values[name] = value
			}
			bound, err := bindQuery(q, values)
			if err != nil {
				return err
			}
			sh.run(func(ctx context.Context, d destination) error {
				if err := checkPlaces(ctx, sh.db, q, bound); err != nil {
					return err
				}
				err := emitTo(sh.c, d, false, namedResult(sh.db, q, bound...))
				if err := placeSQLError(err, sh.cat.source(q), sh.names); err != nil {
					return err
				}
				if d.format == render.Table && !d.toFile {
					for _, n := range q.Notes {
						fmt.Fprintf(sh.c.App.ErrWriter, "incq: %s\n", n)
					}
				}
				return nil
			})
			return nil
		}},
		".show": {".show KIND NAME", "everything about one record, with its sources (kinds: " + strings.Join(dossierKinds(), ", ") + ")", 2, 2, func(sh *shell, args []string) error {
			sh.run(func(ctx context.Context, d destination) error {
				results, err := dossier(ctx, sh.db, args[0], args[1])
				if err != nil {
					return err
				}
				return emitTo(sh.c, d, true, results...)
			})
			return nil
		}},
		".search": {".search TERMS", "full-text search over every kind of record (the best 20)", 1, -1, func(sh *shell, args []string) error {
			const limit = 20
			sh.run(func(ctx context.Context, d destination) error {
				rows, total, err := sh.db.Search(ctx, strings.Join(args, " "), limit)
				if err != nil {
					return err
				}
				if err := emitTo(sh.c, d, false, rowsResult(rows)); err != nil {
					return err
				}
				if total > limit {
					fmt.Fprintf(sh.c.App.ErrWriter, "incq: the best %d of %d matches; incq search --limit %d shows them all\n", limit, total, total)
				}
				return nil
			})
			return nil
		}},
		".mode": {".mode [FORMAT]", "show results as FORMAT: " + strings.Join(formatNames(), ", ") + "; without one, say which", 0, 1, func(sh *shell, args []string) error {
			if len(args) == 0 {
				fmt.Fprintln(sh.c.App.Writer, sh.format)
				return nil
			}
			var f render.Format
			if err := f.UnmarshalText([]byte(args[0])); err != nil {
				return err
			}
			sh.format = f
			return nil
		}},
		".output": {".output [FILE]", "send results to FILE, written whole when .output is given again or the shell ends; without FILE, back to the terminal", 0, 1, func(sh *shell, args []string) error {
			if sh.output != nil {
				o := sh.output
				path := o.file.Path
				sh.output = nil
				o.ctx = nil
				if err := o.done(nil); err != nil {
					return err
				}
				fmt.Fprintf(sh.c.App.ErrWriter, "incq: wrote %s\n", path)
			}
			if len(args) == 0 {
				return nil
			}
			o, f, err := sh.openFile(".output", args[0])
			if err != nil {
				return err
			}
			sh.output, sh.outFormat = o, f
			return nil
		}},
		".once": {".once FILE", "send the next result to FILE", 1, 1, func(sh *shell, args []string) error {
			if sh.output != nil && filepath.Clean(sh.output.file.Path) == filepath.Clean(args[0]) {
				return fmt.Errorf(".once %s: .output is collecting results in that file; end it with .output first", args[0])
			}
			o, f, err := sh.openFile(".once", args[0])
			if err != nil {
				return err
			}
			if sh.once != nil {
				sh.once.file.Abort()
			}
			sh.once, sh.onceFormat = o, f
			return nil
		}},
		".param": {".param set NAME[:TYPE] VALUE | list | unset NAME | clear", "set :NAME for SQL (TYPE: " + strings.Join(sqlTypes, ", ") + "; text by default), list, unset or clear them", 1, 3, (*shell).param},
		".timer": {".timer on|off", "say how long each statement takes", 1, 1, func(sh *shell, args []string) error {
			switch strings.ToLower(args[0]) {
			case "on":
				sh.timer = true
			case "off":
				sh.timer = false
			default:
				return fmt.Errorf(".timer %q: want on or off", args[0])
			}
			return nil
		}},
		".help": {".help", "this list", 0, 0, nil},
		".quit": {".quit", "leave the shell (Ctrl-D too)", 0, 0, nil},
		".exit": {".exit", "leave the shell", 0, 0, nil},
	}
}

// help prints the dot-commands.
func (sh *shell) help(cmds map[string]dotCommand) {
	w := sh.c.App.Writer
	for _, name := range slices.Sorted(maps.Keys(cmds)) {
		if name == ".exit" {
			continue
		}
		fmt.Fprintf(w, "%s\n    %s\n", cmds[name].usage, cmds[name].help)
	}
	fmt.Fprintln(w, "SQL statements end with ; and may span lines; :name takes the value .param set gave it.")
}

// tablesSQL lists the tables and views for .tables.
const tablesSQL = `SELECT name, type AS kind FROM sqlite_schema
	WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE 'incq\_%' ESCAPE '\' ORDER BY type, name`

// formatNames are the names .mode takes.
func formatNames() []string {
	names := make([]string, len(render.Formats))
	for i, f := range render.Formats {
		names[i] = string(f)
	}
	return names
}

// openFile starts an atomic write of path for .output or .once (refused
// if it exists, unless --force), and picks its format: the one its
// extension names, as -o does, else .mode's.
func (sh *shell) openFile(cmd, path string) (*output, render.Format, error) {
	f := sh.format
	ext := strings.ToLower(filepath.Ext(path))
	if known, ok := extensionFormats[ext]; ok {
		f = known
	} else if hint, bad := misleadingExtensions[ext]; bad && f == render.Table {
		return nil, f, fmt.Errorf("%s %s: %s", cmd, path, hint)
	}
	o, err := createOutput(sh.c, path, cmd)
	if err != nil {
		return nil, f, err
	}
	return o, f, nil
}

// param is .param: set, list, unset or clear the values of :names.
func (sh *shell) param(args []string) error {
	switch sub := args[0]; sub {
	case "set":
		if len(args) != 3 {
			return errors.New("usage: .param set NAME[:TYPE] VALUE (quote a value with spaces)")
		}
		spec := strings.TrimLeft(args[1], ":@$")
		if strings.Contains(spec, "=") {
			return fmt.Errorf(".param set %s: a name has no =; write .param set NAME VALUE", args[1])
		}
		p, value, err := sqlParam(spec + "=" + args[2])
		if err != nil {
			return fmt.Errorf(".param set %s: %v", args[1], err)
		}
		// Checked now, as --param is, not when a statement uses it.
		if _, err := (queries.Query{Name: "param", Params: []queries.Param{p}}).Bind(map[string]string{p.Name: value}); err != nil {
			return errors.New(".param set: " + strings.TrimPrefix(err.Error(), `query "param": `))
		}
		sh.params[p.Name] = shellParam{p, value}
	case "list":
		var rows [][]any
		for _, name := range slices.Sorted(maps.Keys(sh.params)) {
			p := sh.params[name]
			rows = append(rows, []any{name, string(p.param.Type), p.value})
		}
		r := staticResult([]string{"name", "type", "value"}, rows)
		sh.run(func(_ context.Context, d destination) error { return emitTo(sh.c, d, false, r) })
	case "unset":
		if len(args) != 2 {
			return errors.New("usage: .param unset NAME")
		}
		name := strings.TrimLeft(args[1], ":@$")
		if _, ok := sh.params[name]; !ok {
			return fmt.Errorf(".param unset: %q is not set%s", name, suggest.Hint(name, slices.Sorted(maps.Keys(sh.params))))
		}
		delete(sh.params, name)
	case "clear":
		clear(sh.params)
	default:
		return fmt.Errorf(".param %q: want set, list, unset or clear%s", sub, suggest.Hint(sub, []string{"set", "list", "unset", "clear"}))
	}
	return nil
}

// dotWords splits a dot-command line into words: spaces separate them,
// and 'single' or "double" quotes keep spaces in one (a quote doubled
// inside is one quote).
func dotWords(line string) ([]string, error) {
	var words []string
	var w strings.Builder
	in := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\'' || c == '"':
			in = true
			for i++; ; i++ {
				if i >= len(line) {
					return nil, fmt.Errorf("%s: a %c quote is not closed", strings.Fields(line)[0], c)
				}
				if line[i] == c {
					if i+1 < len(line) && line[i+1] == c {
						w.WriteByte(c)
						i++
						continue
					}
					break
				}
				w.WriteByte(line[i])
			}
		case c == ' ' || c == '\t':
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words, nil
}
