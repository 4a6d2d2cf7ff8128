package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq"
	"github.com/incq/incq/internal/atomicfile"
	"github.com/incq/incq/queries"
	"github.com/incq/incq/render"
)

// newApp builds the command line. Every call makes a fresh app: no state
// survives between runs.
func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	formats := make([]string, len(render.Formats))
	for i, f := range render.Formats {
		formats[i] = string(f)
	}
	cancelRun := context.CancelFunc(func() {})
	app := &cli.App{
		Name:      "incq",
		Usage:     "query a sourced dataset of Armenia-Azerbaijan border incidents",
		UsageText: "incq [flags] command [command flags] [arguments]\n\nExamples:\n  incq query casualties-by-side\n  incq sql \"SELECT incident_id, date, summary FROM incidents\" --format csv",
		Version:   version(),
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Flags: []cli.Flag{
			&cli.GenericFlag{Name: "format", Aliases: []string{"f"}, Value: newFormatValue(), Usage: "output format: " + strings.Join(formats, ", ")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output (refused if it exists, unless --force)"},
			&cli.BoolFlag{Name: "force", Usage: "overwrite existing output files"},
			&cli.StringFlag{Name: "dataset", Usage: "load the dataset from `DIR` (one CSV per table) instead of the embedded one"},
			&cli.DurationFlag{Name: "timeout", Usage: "stop the run after `DURATION` (e.g. 30s, 2m); no limit by default"},
			&cli.BoolFlag{Name: "no-header", Usage: "leave out the header row"},
			&cli.BoolFlag{Name: "spreadsheet", Usage: "CSV for spreadsheets: UTF-8 byte order mark, CRLF line ends, formula-like text cells prefixed with '"},
		},
		Commands: []*cli.Command{
			queriesCommand(), queryCommand(), sqlCommand(), showCommand(), searchCommand(), schemaCommand(), exportCommand(), checkCommand(),
		},
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {},
		After:           func(*cli.Context) error { cancelRun(); return nil },
		OnUsageError:    usageOnError(""),
		Before: func(c *cli.Context) error {
			if c.IsSet("timeout") && c.Duration("timeout") <= 0 {
				return usagef("", "--timeout must be positive, got %s", c.Duration("timeout"))
			}
			if t := c.Duration("timeout"); t > 0 {
				// One deadline for the whole run: loading, the query,
				// rendering and writing the output.
				ctx, cancel := context.WithTimeoutCause(c.Context, t, &timeoutError{t})
				c.Context = ctx
				cancelRun = cancel
			}
			if c.Bool("spreadsheet") && formatOf(c) != render.CSV && formatOf(c) != render.TSV {
				return usagef("", "--spreadsheet applies to --format csv or tsv, not %s", formatOf(c))
			}
			return nil
		},
	}
	app.DisableSliceFlagSeparator = true
	for _, cmd := range app.Commands {
		cmd.OnUsageError = usageOnError(cmd.Name)
	}
	return app
}

// formatValue is the --format flag: a render.Format that rejects unknown
// names when parsed.
type formatValue struct{ f render.Format }

func newFormatValue() *formatValue { return &formatValue{f: render.Table} }

func (v *formatValue) Set(s string) error { return v.f.UnmarshalText([]byte(s)) }
func (v *formatValue) String() string     { return string(v.f) }

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
}

// openOutput opens --output, or standard output. Call done with the
// command's error: it commits the file on success and removes it otherwise.
func openOutput(c *cli.Context) (*output, error) {
	path := c.String("output")
	if path == "" {
		return &output{Writer: c.App.Writer}, nil
	}
	f, err := atomicfile.Create(path, c.Bool("force"))
	if err != nil {
		return nil, fmt.Errorf("--output: %w", err)
	}
	return &output{Writer: f, file: f}, nil
}

func (o *output) done(err error) error {
	if o.file == nil {
		return err
	}
	if err != nil {
		o.file.Abort()
		return err
	}
	if err := o.file.Commit(); err != nil {
		return fmt.Errorf("--output: %w", err)
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
	opts.CacheDir = cacheDir()
	opts.Loading = func() {
		// Reading and inserting overlap on two goroutines.
		if os.Getenv("GOMAXPROCS") == "" {
			runtime.SetDefaultGOMAXPROCS()
		}
	}
	if isTerminal(c.App.ErrWriter) {
		opts.Progress = progress(c.App.ErrWriter)
	}
	db, err := incq.Open(c.Context, opts)
	if opts.Progress != nil {
		opts.Progress("", -1) // clear the progress line
	}
	return db, err
}

// cacheDir is where loaded datasets are kept: $INCQ_CACHE_DIR, or incq
// under the user's cache directory. INCQ_CACHE_DIR=off turns caching off.
func cacheDir() string {
	if dir := os.Getenv("INCQ_CACHE_DIR"); dir != "" {
		if dir == "off" {
			return ""
		}
		return dir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "incq")
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressAfter is how long a load runs before progress shows.
var progressAfter = time.Second

// progress reports a long load on a terminal: nothing for the first
// second, then the table and row count, overwritten in place.
func progress(w io.Writer) func(string, int64) {
	start := time.Now()
	shown := false
	return func(table string, rows int64) {
		switch {
		case rows < 0:
			if shown {
				fmt.Fprint(w, "\r\033[K")
			}
		case time.Since(start) >= progressAfter:
			fmt.Fprintf(w, "\r\033[Kincq: loading %s: %d rows", table, rows)
			shown = true
		}
	}
}

// timeoutError is the cause of a run's end at --timeout.
type timeoutError struct{ limit time.Duration }

func (e *timeoutError) Error() string {
	return fmt.Sprintf("stopped: the run took longer than --timeout %s", e.limit)
}

func renderOptions(c *cli.Context) render.Options {
	return render.Options{NoHeader: c.Bool("no-header"), Spreadsheet: c.Bool("spreadsheet")}
}

func noArgs(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef(c.Command.Name, "unexpected argument %q", c.Args().First())
	}
	return nil
}

func catalog() ([]queries.Query, error) {
	return queries.Catalog(queries.FS(), "queries")
}
