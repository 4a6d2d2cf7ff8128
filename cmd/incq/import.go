package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq"
	"github.com/incq/incq/ingest"
	"github.com/incq/incq/ingest/acled"
	"github.com/incq/incq/ingest/ucdp"
	"github.com/incq/incq/internal/atomicfile"
	"github.com/incq/incq/internal/suggest"
)

// importFormats are the exports incq import reads, by the name the
// command line gives them.
var importFormats = map[string]*ingest.Format{"acled": acled.Format, "ucdp": ucdp.Format}

// progressFrom is the size above which an import shows its progress on a
// terminal.
const progressFrom = 4 << 20

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "bring an ACLED or UCDP GED export into a dataset folder, beside the curated incidents",
		ArgsUsage: "acled|ucdp FILE...",
		Description: describe(
			"Reads ACLED exports (the layout since March 2023, and the one\n"+
				"before) or UCDP GED exports (GED 19.1, 20.1 and later, HDX's\n"+
				"per-country files), as .csv, .csv.gz, a .zip holding one CSV, or -\n"+
				"for standard input, and writes a dataset folder (the CSV files\n"+
				"export --dir writes) for --dataset: the curated dataset plus one\n"+
				"incident per event, its figures the coder's claim citing the row's\n"+
				"sources, the row itself kept whole in acled_events or ucdp_events.\n"+
				"Parties get sides only through actor_sides.csv, which the folder\n"+
				"holds and you may edit. The same input writes the same folder.\n"+
				"A bad row stops the import, naming file, line and column; with\n"+
				"--skip-bad it is left out and listed in DIR.rejected.csv.",
			"incq import acled acled-export.csv -o mydata",
			"incq import ucdp GEDEvent_v24_1.zip --country Armenia,Azerbaijan --since 2020-01-01 -o mydata",
			"incq --dataset mydata query cross-check",
		),
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "country", Usage: "keep only events in `NAMES` (comma-separated, as the export spells them, any case); repeatable"},
			&cli.StringFlag{Name: "since", Usage: "keep only events that reach `DATE` or later (YYYY-MM-DD)"},
			&cli.StringFlag{Name: "until", Usage: "keep only events that begin on `DATE` or earlier (YYYY-MM-DD)"},
			&cli.BoolFlag{Name: "no-curated", Usage: "leave the curated incidents, claims and reports out of the folder"},
			&cli.BoolFlag{Name: "skip-bad", Usage: "skip rows that cannot be imported, listing them with the reason in DIR.rejected.csv"},
		},
		Action: runImport,
	}
}

func runImport(c *cli.Context) error {
	args := c.Args().Slice()
	if len(args) == 0 {
		return usagef("import", "name the export's kind: incq import acled|ucdp FILE... -o DIR")
	}
	f, ok := importFormats[strings.ToLower(args[0])]
	if !ok {
		return usagef("import", "unknown export kind %q: want acled or ucdp%s", args[0], suggest.Hint(strings.ToLower(args[0]), []string{"acled", "ucdp"}))
	}
	if c.IsSet("format") {
		return usagef("import", "import writes a dataset folder of CSV files: --format does not apply (query the folder with incq --dataset DIR ... --format ...)")
	}
	files := args[1:]
	if len(files) == 0 {
		return usagef("import", "name the %s export to read (FILE, or - for standard input)", args[0])
	}
	stdin := 0
	for _, name := range files {
		if name == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return usagef("import", "standard input (-) can be read once")
	}
	dir := c.String("output")
	if dir == "" {
		return usagef("import", "say where to write the dataset folder: -o DIR")
	}
	if dir == "-" {
		return usagef("import", "-o -: a dataset folder is many files; name a directory")
	}
	opts := ingest.Options{SkipBad: c.Bool("skip-bad"), Stdin: c.App.Reader}
	for _, v := range c.StringSlice("country") {
		for _, name := range strings.Split(v, ",") {
			if name = strings.TrimSpace(name); name != "" {
				opts.Countries = append(opts.Countries, name)
			}
		}
	}
	if c.IsSet("country") && len(opts.Countries) == 0 {
		return usagef("import", "--country needs a country name")
	}
	for _, fl := range []struct {
		name string
		to   *string
	}{{"since", &opts.Since}, {"until", &opts.Until}} {
		v := c.String(fl.name)
		if v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return usagef("import", "--%s %q: want a date as YYYY-MM-DD", fl.name, v)
		}
		*fl.to = v
	}
	if opts.Since != "" && opts.Until != "" && opts.Since > opts.Until {
		return usagef("import", "--since %s is after --until %s", opts.Since, opts.Until)
	}
	force := c.Bool("force")
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	// Beside the folder: ./..rejected.csv for -o . was inside it.
	rejectsPath := filepath.Join(filepath.Dir(abs), filepath.Base(abs)+".rejected.csv")
	if cwd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(cwd, rejectsPath); err == nil && !strings.HasPrefix(rel, "..") {
			rejectsPath = rel
		}
	}
	var rejects *rejectWriter
	if opts.SkipBad {
		if _, err := os.Lstat(rejectsPath); err == nil && !force {
			return fmt.Errorf("import: %s exists: give --force to replace it (--skip-bad lists the rows it leaves out there)", rejectsPath)
		}
		rejects = &rejectWriter{path: rejectsPath, force: force}
		defer rejects.abort()
		opts.Rejected = rejects.add
	}
	clear := func() {}
	if isTerminal(c.App.ErrWriter) {
		w := c.App.ErrWriter
		shown := false
		last := time.Time{}
		opts.Progress = func(what string, done, total int64) {
			if time.Since(last) < 200*time.Millisecond || (total < progressFrom && strings.HasPrefix(what, "reading ")) || total <= 0 {
				return
			}
			last = time.Now()
			fmt.Fprintf(w, "\r\033[Kincq: %s: %d%%", what, min(100, done*100/total))
			shown = true
		}
		clear = func() {
			if shown {
				fmt.Fprint(w, "\r\033[K")
				shown = false
			}
		}
		defer clear() // before an error is printed
	}
	iopts := incq.ImportOptions{Format: f, Files: files, Dir: dir, Force: force, NoCurated: c.Bool("no-curated"), Ingest: opts}
	if base := c.String("dataset"); base != "" {
		if st, err := os.Stat(base); err != nil || !st.IsDir() {
			return fmt.Errorf("--dataset %q: no such directory", base)
		}
		iopts.Base, iopts.BaseName = os.DirFS(base), base
	}
	sum, written, err := incq.Import(c.Context, iopts)
	var le *ingest.LayoutError
	if errors.As(err, &le) {
		// An export of the other kind, given to the wrong command.
		for name, other := range importFormats {
			if l, ok := other.Fits(le.Header); ok && other != f {
				return fmt.Errorf("%s:1: this is %s %s (layout %s), not %s %s export: incq import %s %s", le.File, articleOf(l.About), l.About, l.Name, articleOf(f.Coder.Name), f.Coder.Name, name, le.File)
			}
		}
	}
	if err == nil && rejects != nil {
		err = rejects.commit() // header alone when no row was bad: an old list never stands for this import
	}
	if err != nil {
		return err
	}
	clear()
	printSummary(c.App.ErrWriter, f, sum, written, dir, rejects)
	return nil
}

func printSummary(w io.Writer, f *ingest.Format, s *ingest.Summary, written int, dir string, rejects *rejectWriter) {
	for _, fs := range s.Files {
		name := fs.Name
		if name == "-" {
			name = "standard input"
		}
		fmt.Fprintf(w, "incq: read %d rows of %s (layout %s)\n", fs.Rows, name, fs.Layout)
	}
	line := fmt.Sprintf("incq: kept %d of %d events", s.Kept, s.Read)
	var out []string
	if s.ByCountry > 0 {
		out = append(out, fmt.Sprintf("%d by --country", s.ByCountry))
	}
	if s.ByDate > 0 {
		out = append(out, fmt.Sprintf("%d by --since/--until", s.ByDate))
	}
	if s.Duplicates > 0 {
		out = append(out, fmt.Sprintf("%d repeated %s", s.Duplicates, "row"+plural(int(s.Duplicates))))
	}
	if s.Bad > 0 {
		out = append(out, fmt.Sprintf("%d bad %s, listed in %s", s.Bad, "row"+plural(int(s.Bad)), rejects.path))
	}
	if len(out) > 0 {
		line += "; left out " + strings.Join(out, ", ")
	}
	fmt.Fprintln(w, line)
	if s.Kept == 0 {
		fmt.Fprintf(w, "incq: no %s event was kept\n", f.Coder.Name)
	}
	if s.SidesFrom != "" {
		fmt.Fprintf(w, "incq: kept the sides of %s as it was\n", s.SidesFrom)
	}
	if len(s.Unmapped) > 0 {
		const most = 5
		var names []string
		for i, p := range s.Unmapped {
			if i == most {
				names = append(names, fmt.Sprintf("and %d more", len(s.Unmapped)-most))
				break
			}
			names = append(names, fmt.Sprintf("%s (%d)", p.Name, p.Events))
		}
		some, them := "parties have", "them"
		if len(s.Unmapped) == 1 {
			some, them = "party has", "it"
		}
		fmt.Fprintf(w, "incq: %d %s no side (add %s to %s to give %s one): %s\n",
			len(s.Unmapped), some, them, filepath.Join(dir, "actor_sides.csv"), them, strings.Join(names, ", "))
	}
	fmt.Fprintf(w, "incq: wrote %d files to %s\n", written, filepath.Clean(dir))
}

// rejectWriter lists the rows --skip-bad left out, with why, in a CSV
// file beside the folder, written whole or not at all.
type rejectWriter struct {
	path  string
	force bool
	f     *atomicfile.File
	w     *csv.Writer
}

func (r *rejectWriter) open() error {
	f, err := atomicfile.Create(r.path, r.force)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	r.f, r.w = f, csv.NewWriter(f)
	return r.w.Write([]string{"file", "line", "column", "reason", "row"})
}

func (r *rejectWriter) add(re *ingest.RowError) error {
	if r.f == nil {
		if err := r.open(); err != nil {
			return err
		}
	}
	// The row as the export had it, its fields joined as CSV, in one
	// column: every line of the file has the same five columns.
	var row strings.Builder
	cw := csv.NewWriter(&row)
	cw.Write(re.Fields)
	cw.Flush()
	return r.w.Write([]string{re.File, fmt.Sprint(re.Line), re.Column, re.Msg, strings.TrimSuffix(row.String(), "\n")})
}

func (r *rejectWriter) commit() error {
	if r.f == nil {
		if err := r.open(); err != nil {
			return err
		}
	}
	r.w.Flush()
	if err := r.w.Error(); err != nil {
		return fmt.Errorf("import: %s: %w", r.path, err)
	}
	err := r.f.Commit()
	r.f = nil
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return nil
}

func (r *rejectWriter) abort() {
	if r.f != nil {
		r.f.Abort()
	}
}

// articleOf is "an" before a vowel's sound (an ACLED, a UCDP), else "a".
func articleOf(word string) string {
	if strings.HasPrefix(word, "A") || strings.HasPrefix(word, "E") || strings.HasPrefix(word, "I") || strings.HasPrefix(word, "O") {
		return "an"
	}
	return "a"
}
