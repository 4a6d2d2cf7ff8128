package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/incq/incq/chart"
	"github.com/incq/incq/queries"
	"github.com/incq/incq/render"
)

// plotViews are the named queries plot draws its own way. timeline lists
// incidents one a row, too many to chart as they are: plot counts them
// per month and side with queries/plot/timeline-months.sql (which takes
// timeline's parameters) and draws the months as lines.
var plotViews = map[string]struct {
	sql    string   // an internal query drawn instead of the named one
	title  string   // the chart's default title
	y      []string // the default y columns
	yLabel string
}{
	"timeline":           {sql: "plot/timeline-months.sql", title: "Incidents with counted losses, per month and side"},
	"casualties-by-side": {title: "Killed, wounded, captured and missing, by side (counted figures)", y: []string{"killed", "wounded", "captured", "missing"}, yLabel: "people"},
}

func plotCommand() *cli.Command {
	return &cli.Command{
		Name:      "plot",
		Usage:     "draw a named query's result, or SQL's, as a chart in PNG, SVG or PDF",
		ArgsUsage: "QUERY",
		Description: describe(
			"Draws the result as a chart written to -o FILE, whose extension (.png,\n"+
				".svg or .pdf) sets the image format. timeline draws the incidents with\n"+
				"counted losses per month, a line per side; casualties-by-side draws\n"+
				"grouped bars; any other result is drawn by its columns: a date or\n"+
				"month x column makes a line chart, a text one bars, a number a scatter\n"+
				"chart, with every numeric column as a y series. The chart's foot names\n"+
				"the query and the dataset it was drawn from.",
			"incq plot timeline -o timeline.png",
			"incq plot timeline -p since=2022-01-01 -o timeline.svg --title \"Since 2022\"",
			"incq plot casualties-by-side -o casualties.pdf",
			"incq plot --sql \"SELECT kind, count(*) AS incidents FROM incidents GROUP BY kind\" -o kinds.png",
		),
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "set a parameter of the query, as `NAME=VALUE` (with --sql: NAME:TYPE=VALUE); repeatable"},
			&cli.StringFlag{Name: "sql", Usage: "draw the result of read-only `SQL` instead of a named query"},
			&cli.StringFlag{Name: "x", Usage: "the x `COLUMN`; by default the first date column, else the first text column"},
			&cli.StringSliceFlag{Name: "y", Usage: "a y `COLUMN` (repeatable, or a comma list); by default every numeric column but x"},
			&cli.StringFlag{Name: "kind", Usage: "the chart's `KIND`: bar, line or scatter; by default chosen from the x column"},
			&cli.StringFlag{Name: "title", Usage: "the chart's `TITLE`"},
		},
		Action: plotAction,
	}
}

func plotAction(c *cli.Context) error {
	opts, format, err := plotOptions(c)
	if err != nil {
		return err
	}
	text := c.String("sql")
	switch {
	case c.NArg() > 1:
		return usagef("plot", "want one query name, got %d arguments: %s", c.NArg(), strings.Join(c.Args().Slice(), " "))
	case c.NArg() == 1 && text != "":
		return usagef("plot", "give a query name or --sql, not both")
	case c.NArg() == 0 && strings.TrimSpace(text) == "":
		if c.IsSet("sql") {
			return usagef("plot", "--sql: the statement is empty")
		}
		return usagef("plot", "missing query name or --sql (incq queries lists the queries)")
	}

	// What to draw: a named query, or the SQL given.
	var (
		src      sqlSource
		args     []any
		name     = "sql"
		timeline bool
		cat      *catalogSet
	)
	if text != "" {
		src = sqlSource{name: "sql", text: text}
		if args, err = sqlParams(c, text); err != nil {
			return err
		}
	} else {
		var q queries.Query
		if cat, q, args, err = namedQuery(c, c.Args().First()); err != nil {
			return err
		}
		name = q.Name
		if src, timeline, opts, err = chartPlan(cat, q, opts); err != nil {
			return err
		}
	}

	db, err := openDB(c)
	if err != nil {
		return err
	}
	defer db.Close()
	if cat != nil {
		q, _ := cat.find(name)
		if err := checkPlaces(c.Context, db, q, args); err != nil {
			return err
		}
	}
	if cat == nil {
		opts.Source = "incq · sql · dataset " + db.ShortKey()
	} else {
		// The parameters given are part of what was drawn: a window of
		// dates must not pass for the whole.
		given := ""
		if ps := c.StringSlice("param"); len(ps) > 0 {
			given = " " + strings.Join(ps, " ")
		}
		opts.Source = "incq · query " + name + given + " · dataset " + db.ShortKey()
	}
	opts.Note = func(s string) { fmt.Fprintf(c.App.ErrWriter, "incq: %s\n", s) }
	err = emitWith(c, chartWriter(format, opts, timeline), sqlResult(db, "", src.text, args...))
	if err = placeSQLError(err, src, dbSchemaNames(c.Context, db)); err != nil {
		return plotError(name, err)
	}
	fmt.Fprintf(c.App.ErrWriter, "incq: wrote %s\n", c.String("output"))
	return nil
}

// chartPlan is how plot draws a named query: its own SQL, or for a
// built-in query plot draws its own way (plotViews) the internal query
// drawn instead (timeline says it is the timeline's months), and the
// chart's default title and y columns where opts leaves them out.
func chartPlan(cat *catalogSet, q queries.Query, opts chart.Options) (src sqlSource, timeline bool, _ chart.Options, err error) {
	src = cat.source(q)
	view, ok := plotViews[q.Name]
	if !ok || cat.origin[q.Name] != builtIn {
		return src, false, opts, nil
	}
	if opts.Title == "" {
		opts.Title = view.title
	}
	if len(opts.Y) == 0 {
		opts.Y, opts.YLabel = view.y, view.yLabel
	}
	if view.sql != "" {
		own, err := queries.Internal(view.sql)
		if err != nil {
			return src, false, opts, err
		}
		src = sqlSource{name: own.File, text: own.SQL}
		timeline = true
	}
	return src, timeline, opts, nil
}

// chartWriter makes the writer that draws a chart on an output.
func chartWriter(format chart.Format, opts chart.Options, timeline bool) func(io.Writer) render.Writer {
	if timeline {
		return func(w io.Writer) render.Writer { return chart.NewTimelineWriter(w, format, opts) }
	}
	return func(w io.Writer) render.Writer { return chart.NewWriter(w, format, opts) }
}

// plotOptions reads the chart's flags and -o, whose extension sets the
// image format.
func plotOptions(c *cli.Context) (chart.Options, chart.Format, error) {
	var opts chart.Options
	out := c.String("output")
	switch {
	case out == "":
		return opts, "", usagef("plot", "missing %s FILE: plot writes an image (.png, .svg or .pdf)", "-o")
	case out == "-":
		return opts, "", usagef("plot", "%s -: plot writes an image file, not standard output; name a .png, .svg or .pdf file", spelled(c, "output"))
	case c.IsSet("format"):
		return opts, "", usagef("plot", "plot takes the image format from the extension of %s %s; drop %s", spelled(c, "output"), out, spelled(c, "format"))
	case c.Bool("no-header"):
		return opts, "", usagef("plot", "--no-header: a chart has no header row")
	}
	format, err := chart.FormatOf(out)
	if err != nil {
		return opts, "", usagef("plot", "%s %s: cannot tell the image format; name it .png, .svg or .pdf", spelled(c, "output"), out)
	}
	if isTerminalPath(out) {
		return opts, "", usagef("plot", "%s %s is a terminal: plot writes an image, for a file", spelled(c, "output"), out)
	}
	switch k := chart.Kind(c.String("kind")); k {
	case chart.Auto, chart.Bar, chart.Line, chart.Scatter:
		opts.Kind = k
	default:
		return opts, "", usagef("plot", "--kind %q: want bar, line or scatter", c.String("kind"))
	}
	opts.X = strings.TrimSpace(c.String("x"))
	for _, y := range c.StringSlice("y") {
		for _, col := range strings.Split(y, ",") {
			if col = strings.TrimSpace(col); col != "" {
				opts.Y = append(opts.Y, col)
			}
		}
	}
	opts.Title = c.String("title")
	return opts, format, nil
}

// plotError words a chart's refusal for the command line: what was being
// drawn, then the reason and its hint, on one line.
func plotError(name string, err error) error {
	msg := err.Error()
	if !strings.HasPrefix(msg, "chart: ") {
		return err
	}
	if errors.Is(err, chart.ErrNoNumbers) {
		return fmt.Errorf("plot %s: the result has no numeric column to draw; select a count or a sum, e.g. count(*) AS incidents, or name one with --y", name)
	}
	return fmt.Errorf("plot %s: %s", name, strings.TrimPrefix(msg, "chart: "))
}

// isTerminalPath reports whether path leads to a terminal (/dev/tty, or a
// link to one): an image written there would only garble it.
func isTerminalPath(path string) bool {
	st, err := os.Stat(path)
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	return term.IsTerminal(int(f.Fd()))
}
