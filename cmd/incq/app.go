package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/incq/incq"
	"github.com/incq/incq/internal/atomicfile"
	"github.com/incq/incq/internal/termwidth"
	"github.com/incq/incq/render"
)

// newApp builds the command line with the settings s. Every call makes a
// fresh app: no state survives between runs.
func newApp(s settings, stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	formats := make([]string, len(render.Formats))
	for i, f := range render.Formats {
		formats[i] = string(f)
	}
	cancelRun := context.CancelFunc(func() {})
	guard := &memoryGuard{}
	app := &cli.App{
		Name:      "incq",
		Usage:     "query a sourced dataset of Armenia-Azerbaijan border incidents",
		UsageText: "incq [flags] command [command flags] [arguments]\n\nOn a terminal, incq alone opens the shell (incq shell).\n\nExamples:\n  incq query casualties-by-side\n  incq sql \"SELECT incident_id, date, summary FROM incidents\" --format csv",
		Version:   version(),
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Flags: []cli.Flag{
			&cli.GenericFlag{Name: "format", Aliases: []string{"f"}, Value: newFormatValue(), Usage: "the output's `FORMAT`: " + strings.Join(formats, ", ")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output (refused if it exists, unless --force; - is standard output); its extension sets the format unless --format is given"},
			&cli.BoolFlag{Name: "force", Usage: "overwrite existing output files"},
			&cli.StringFlag{Name: "dataset", Usage: "load the dataset from `DIR` (one CSV per table) instead of the embedded one"},
			&cli.GenericFlag{Name: "timeout", Value: &timeoutValue{}, Usage: "stop the run after `DURATION` (e.g. 30s, 2m; a bare number is seconds); no limit by default (incq serve: each request's limit, 2s by default)"},
			&cli.GenericFlag{Name: "memory-limit", Value: &memoryValue{}, Usage: "stop the run if it holds more than `SIZE` of memory (e.g. 4GiB; 0 for no limit)", DefaultText: "half the machine's memory"},
			&cli.BoolFlag{Name: "no-header", Usage: "leave out the header row (table, csv, tsv, xlsx)"},
			&cli.IntFlag{Name: "width", Usage: "draw tables `N` columns wide (20 or more; a table grows past N rather than split a header or a number); 0 means the terminal's width, else $COLUMNS, else 80", DefaultText: "0"},
			&cli.BoolFlag{Name: "expanded", Aliases: []string{"x"}, Usage: "show tables as one record per row, like psql's \\x (without it: only when the columns cannot fit)", DefaultText: "off"},
			&cli.BoolFlag{Name: "no-expanded", Usage: "never show tables as records: wrap columns instead, wider than the terminal if need be", DefaultText: "off"},
			&cli.StringFlag{Name: "null", Usage: "show NULL as `TEXT` in table, CSV, TSV and Markdown (default: an empty cell; JSON writes null)"},
			&cli.BoolFlag{Name: "spreadsheet", Usage: "CSV for spreadsheets (implies --format csv): UTF-8 byte order mark, CRLF line ends, formula-like text cells prefixed with '"},
			&cli.StringSliceFlag{Name: "queries", Usage: "add the named queries in `DIR` (.sql files like those incq queries NAME shows); repeatable; INCQ_QUERIES lists more folders"},
			// urfave/cli adds --help itself only when there is no help
			// command: incq has its own (see helpCommand).
			cli.HelpFlag,
		},
		Commands: []*cli.Command{
			queriesCommand(), queryCommand(), sqlCommand(), shellCommand(), showCommand(), searchCommand(), schemaCommand(), exportCommand(), importCommand(), plotCommand(), checkCommand(), serveCommand(),
			helpCommand(), completionCommand(), completeCommand(),
		},
		// incq alone: the shell for a person at a terminal, else help.
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 && interactive(c.App.Reader) && isTerminal(c.App.Writer) {
				return runShell(c)
			}
			return cli.ShowAppHelp(c)
		},
		Metadata:        map[string]any{settingsKey: s, guardKey: guard},
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {},
		After:           func(*cli.Context) error { cancelRun(); return nil },
		OnUsageError:    usageOnError(""),
		Before: func(c *cli.Context) error {
			t := timeoutOf(c)
			if c.IsSet("output") && strings.TrimSpace(c.String("output")) == "" {
				return usagef("", "%s needs a file name (- is standard output)", spelled(c, "output"))
			}
			if c.IsSet("dataset") && strings.TrimSpace(c.String("dataset")) == "" {
				return usagef("", "%s needs a directory of CSV files; leave it out for the embedded dataset", spelled(c, "dataset"))
			}
			if c.Bool("expanded") && c.Bool("no-expanded") {
				return usagef("", "give --expanded or --no-expanded, not both")
			}
			if w := c.Int("width"); c.IsSet("width") && w != 0 && w < 20 {
				return usagef("", "--width must be 0 (the terminal's) or at least 20, got %d", w)
			}
			if c.IsSet("timeout") && t <= 0 {
				return usagef("", "%s must be positive, got %s", spelled(c, "timeout"), t)
			}
			if t > 0 && !shellRun(c) && c.Args().First() != serveName {
				// One deadline for the whole run: loading, the query,
				// rendering and writing the output. The shell gives each
				// statement its own, and incq serve each request.
				ctx, cancel := context.WithTimeoutCause(c.Context, t, &timeoutError{t})
				c.Context = ctx
				c.App.Metadata[timeoutKey] = t // for an error that lost the cause
				cancelRun = cancel
			}
			limit := defaultMemoryLimit()
			if v, ok := c.Generic("memory-limit").(*memoryValue); ok && v.set {
				limit = v.n
			}
			if limit > 0 {
				ctx, cancel := context.WithCancelCause(c.Context)
				guard.watch(ctx, limit, cancel)
				c.Context = ctx
				before := cancelRun
				cancelRun = func() { cancel(nil); before() }
			}
			if stuck := s.stuck; stuck != nil {
				// A run past its limit stops at SQLite's next step; one
				// step can be long (a huge randomblob, a sort in one
				// call): settings decide what happens if it is.
				ctx := c.Context
				context.AfterFunc(ctx, func() {
					switch cause := context.Cause(ctx); cause.(type) {
					case *timeoutError, *memoryError:
						stuck(cause)
					}
				})
			}
			if err := formatFromOutput(c); err != nil {
				return err
			}
			if f := formatOf(c); c.Bool("no-header") && !slices.Contains(noHeaderFormats, f) {
				return usagef("", "--no-header applies to --format table, csv, tsv or xlsx; %s needs its column names", f)
			}
			if c.Bool("spreadsheet") && formatOf(c) != render.CSV && formatOf(c) != render.TSV {
				return usagef("", "--spreadsheet applies to --format csv or tsv, not %s", formatOf(c))
			}
			return nil
		},
	}
	app.DisableSliceFlagSeparator = true
	globals := globalFlagsHelp(app)
	for _, cmd := range app.Commands {
		cmd.OnUsageError = usageOnError(cmd.Name)
		// No "help" subcommand: incq search help searches for "help",
		// and a query of yours may be called h. --help and -h remain.
		cmd.HideHelpCommand = true
		cmd.CustomHelpTemplate = cli.CommandHelpTemplate + globals
	}
	return app
}

// shellRun reports whether this run is the shell's: incq shell, or incq
// alone (the shell on a terminal, help elsewhere).
func shellRun(c *cli.Context) bool {
	return c.NArg() == 0 || c.Args().First() == "shell"
}

// noHeaderFormats are the formats whose header row --no-header leaves
// out; the others need the names (JSON keys, Parquet fields, a Markdown
// table's first row).
var noHeaderFormats = []render.Format{render.Table, render.CSV, render.TSV, render.XLSX}

// misleadingExtensions are file extensions of formats incq does not write
// as a result, which would otherwise get a text table: what to do instead.
// An explicit --format still writes such a file.
var misleadingExtensions = map[string]string{
	".png":     "an image: draw charts with incq plot",
	".svg":     "an image: draw charts with incq plot",
	".pdf":     "a PDF: draw charts with incq plot",
	".jpg":     "an image: draw charts with incq plot (.png, .svg or .pdf)",
	".jpeg":    "an image: draw charts with incq plot (.png, .svg or .pdf)",
	".gif":     "an image: draw charts with incq plot (.png, .svg or .pdf)",
	".webp":    "an image: draw charts with incq plot (.png, .svg or .pdf)",
	".bmp":     "an image: draw charts with incq plot (.png, .svg or .pdf)",
	".tif":     "an image: draw charts with incq plot (.png, .svg or .pdf)",
	".tiff":    "an image: draw charts with incq plot (.png, .svg or .pdf)",
	".html":    "incq writes no HTML: -f markdown renders as a table in most viewers",
	".htm":     "incq writes no HTML: -f markdown renders as a table in most viewers",
	".gz":      "incq does not compress: write the file, then gzip it",
	".zip":     "incq does not compress: write the file, then zip it",
	".tgz":     "incq does not compress or archive: write the file, then pack it",
	".bz2":     "incq does not compress: write the file, then compress it",
	".xz":      "incq does not compress: write the file, then compress it",
	".zst":     "incq does not compress: write the file, then compress it",
	".7z":      "incq does not compress or archive: write the file, then pack it",
	".tar":     "incq does not archive: write the file, then pack it",
	".docx":    "incq writes no Word files: -f markdown pastes into most editors",
	".doc":     "incq writes no Word files: -f markdown pastes into most editors",
	".xls":     "the old Excel format: name the file .xlsx",
	".ods":     "incq writes Excel workbooks: name the file .xlsx",
	".db":      "a database: incq export --db FILE writes the whole dataset as one",
	".sqlite":  "a database: incq export --db FILE writes the whole dataset as one",
	".sqlite3": "a database: incq export --db FILE writes the whole dataset as one",
}

// formatValue is the --format flag: a render.Format that rejects unknown
// names when parsed.
type formatValue struct{ f render.Format }

func newFormatValue() *formatValue { return &formatValue{f: render.Table} }

func (v *formatValue) Set(s string) error { return v.f.UnmarshalText([]byte(s)) }
func (v *formatValue) String() string     { return string(v.f) }

// extensionFormats maps an output file's extension to the format it
// implies when --format is not given: a new format is one line here.
var extensionFormats = map[string]render.Format{
	".csv":      render.CSV,
	".tsv":      render.TSV,
	".json":     render.JSON,
	".jsonl":    render.NDJSON,
	".ndjson":   render.NDJSON,
	".md":       render.Markdown,
	".markdown": render.Markdown,
	".xlsx":     render.XLSX,
	".parquet":  render.Parquet,
	".geojson":  render.GeoJSON,
}

// formatFromOutput sets the format from --output's extension when
// --format is not given, and refuses a --format that contradicts it.
// --spreadsheet alone means CSV.
func formatFromOutput(c *cli.Context) error {
	v, ok := c.Generic("format").(*formatValue)
	if !ok || v == nil {
		return nil
	}
	out := c.String("output")
	if f, known := extensionFormats[strings.ToLower(filepath.Ext(out))]; known && out != "-" {
		if c.IsSet("format") && v.f != f {
			return usagef("", "%s %s does not match the extension of %s; drop one", spelled(c, "format"), v.f, out)
		}
		v.f = f
		return nil
	}
	if !c.IsSet("format") && c.Bool("spreadsheet") {
		v.f = render.CSV
	}
	return nil
}

func formatOf(c *cli.Context) render.Format {
	if v, ok := c.Generic("format").(*formatValue); ok && v != nil {
		return v.f
	}
	return render.Table
}

// output is where a command's result goes: standard output, or a file
// written atomically.
type output struct {
	io.Writer
	file *atomicfile.File
	flag string          // -o or --output, as the user wrote it
	ctx  context.Context // the run's: a run stopped is never committed
}

// openOutput opens --output, or standard output. Call done with the
// command's error: it commits the file on success and removes it otherwise.
func openOutput(c *cli.Context) (*output, error) {
	path := c.String("output")
	if path == "" || path == "-" {
		return &output{Writer: c.App.Writer}, nil
	}
	// Images are plot's to write; anywhere else they would get a table.
	if hint, ok := misleadingExtensions[strings.ToLower(filepath.Ext(path))]; ok && !c.IsSet("format") && c.Command.Name != "plot" {
		return nil, usagef(c.Command.Name, "%s %s: %s", spelled(c, "output"), path, hint)
	}
	return createOutput(c, path, spelled(c, "output"))
}

// createOutput starts an atomic write of path, which flag named (in
// messages): refused if it exists, unless --force.
func createOutput(c *cli.Context, path, flag string) (*output, error) {
	atomicfile.CleanStale(path) // what a run killed outright left beside it
	f, err := atomicfile.Create(path, c.Bool("force"))
	if err != nil {
		if dir := filepath.Dir(path); errors.Is(err, fs.ErrNotExist) {
			if _, serr := os.Stat(dir); errors.Is(serr, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s %s: directory %s does not exist", flag, path, dir)
			}
		}
		return nil, fmt.Errorf("%s: %w", flag, err)
	}
	return &output{Writer: f, file: f, flag: flag, ctx: c.Context}, nil
}

// done ends the output with the command's error: the file is committed
// when err is nil and the run was not stopped meanwhile (--timeout, a
// signal), and removed otherwise. A second call does nothing more.
func (o *output) done(err error) error {
	f := o.file
	if f == nil {
		return err
	}
	o.file = nil
	if err == nil && o.ctx != nil && o.ctx.Err() != nil {
		err = context.Cause(o.ctx)
	}
	if err != nil {
		f.Abort()
		return err
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("%s: %w", o.flag, err)
	}
	return nil
}

// openDB loads the dataset named by --dataset, or the embedded one.
func openDB(c *cli.Context) (*incq.DB, error) {
	opts := incq.Options{}
	if dir := c.String("dataset"); dir != "" {
		st, err := os.Stat(dir)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("--dataset %q: no such directory", dir)
			}
			return nil, fmt.Errorf("--dataset: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("--dataset %q: not a directory", dir)
		}
		opts.Dataset = os.DirFS(dir)
		opts.DatasetName = dir
	}
	s := settingsOf(c.App)
	notice := func(msg string) { fmt.Fprintf(c.App.ErrWriter, "incq: %s\n", msg) }
	opts.Notice = notice
	dir, why := s.cacheDir()
	if why != "" {
		notice(why)
	}
	opts.CacheDir = dir
	opts.Loading = s.loading
	if isTerminal(c.App.ErrWriter) {
		opts.Progress = progress(c.App.ErrWriter, s.progressAfter)
	}
	db, err := incq.Open(c.Context, opts)
	if opts.Progress != nil {
		opts.Progress("", -1) // clear the progress line
	}
	return db, err
}

// isTerminal reports whether w is a terminal: not merely a character
// device (/dev/null is one), but one that answers as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := file(w)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress reports a long load on a terminal: nothing until after has
// passed, then the table and row count, overwritten in place.
func progress(w io.Writer, after time.Duration) func(string, int64) {
	start := time.Now()
	shown := false
	return func(table string, rows int64) {
		switch {
		case rows < 0:
			if shown {
				fmt.Fprint(w, "\r\033[K")
			}
		case time.Since(start) >= after:
			fmt.Fprintf(w, "\r\033[Kincq: loading %s: %d rows", table, rows)
			shown = true
		}
	}
}

// timeoutValue is the --timeout flag: a Go duration (30s, 2m, 1h30m), or
// a bare number of seconds.
type timeoutValue struct{ d time.Duration }

func (v *timeoutValue) Set(s string) error {
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		if n != n || n*float64(time.Second) > math.MaxInt64 || n*float64(time.Second) < math.MinInt64 {
			return fmt.Errorf("%s seconds is out of range", s)
		}
		v.d = time.Duration(n * float64(time.Second))
		return nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return errors.New("want a duration such as 30s, 2m or 1h30m, or a number of seconds")
	}
	v.d = d
	return nil
}

func (v *timeoutValue) String() string {
	if v.d == 0 {
		return ""
	}
	return v.d.String()
}

func timeoutOf(c *cli.Context) time.Duration {
	if v, ok := c.Generic("timeout").(*timeoutValue); ok && v != nil {
		return v.d
	}
	return 0
}

// timeoutKey keeps --timeout's duration in App.Metadata, so that a
// deadline error that lost its cause still names it.
const timeoutKey = "timeout"

// timeoutError is the cause of a run's end at --timeout.
type timeoutError struct{ limit time.Duration }

func (e *timeoutError) Error() string {
	return fmt.Sprintf("stopped: the run took longer than --timeout %s", e.limit)
}

// renderOptions gathers the writers' options from the flags and the
// terminal: the table's width (--width, else the terminal's when writing
// to it, else $COLUMNS, else 80), its layout, ASCII borders on a dumb
// terminal or a non-UTF-8 locale, and how NULL shows.
func renderOptions(c *cli.Context) render.Options {
	getenv := settingsOf(c.App).getenv
	opts := render.Options{
		NoHeader:    c.Bool("no-header"),
		Spreadsheet: c.Bool("spreadsheet"),
		Null:        c.String("null"),
		ASCII:       termwidth.ASCII(getenv),
		Width:       c.Int("width"),
		Note:        func(s string) { fmt.Fprintf(c.App.ErrWriter, "incq: %s\n", s) },
	}
	if opts.Width <= 0 {
		opts.Width = 80
		if o := c.String("output"); o == "" || o == "-" {
			out, _ := file(c.App.Writer)
			if w, ok := termwidth.Width(out, getenv); ok {
				opts.Width = w
			}
		}
	}
	switch {
	case c.Bool("expanded"):
		opts.Expanded = render.ExpandedOn
	case c.Bool("no-expanded"):
		opts.Expanded = render.ExpandedOff
	}
	return opts
}

func noArgs(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef(c.Command.Name, "unexpected argument %q", c.Args().First())
	}
	return nil
}
