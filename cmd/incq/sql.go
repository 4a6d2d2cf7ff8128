package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/incq/incq/internal/boundedread"
	"github.com/urfave/cli/v2"
)

func sqlCommand() *cli.Command {
	return &cli.Command{
		Name:      "sql",
		Usage:     "run read-only SQL given as an argument, in a file or on standard input",
		ArgsUsage: "[SQL]",
		Description: describe(
			"Statements that would change the data or reach a file (INSERT, CREATE,\n"+
				"ATTACH, VACUUM INTO, writable PRAGMAs, ...) are refused. With several\n"+
				"statements, the last one's result is printed.\n"+
				"\n"+
				"Parameters: the SQL names them :name, and --param (-p) sets them:\n"+
				"NAME=VALUE binds text, NAME:TYPE=VALUE a checked value of TYPE text,\n"+
				"integer, real, date (YYYY-MM-DD) or count (a whole number, 0 or more).\n"+
				"A parameter the SQL uses must be set, and one it does not use is an\n"+
				"error.",
			"incq sql \"SELECT incident_id, date, summary FROM incidents ORDER BY date\"",
			"incq sql \"SELECT incident_id, summary FROM incidents WHERE date >= :since\" -p since:date=2022-09-01",
			"incq sql --file my-query.sql --format csv --output result.csv",
			"echo \"SELECT count(*) FROM claims\" | incq sql --file -",
		),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "file", Usage: "read the SQL from `FILE` (- for standard input)"},
			&cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "bind :NAME, as `NAME=VALUE` (text) or NAME:TYPE=VALUE (text, integer, real, date, count); repeatable"},
		},
		Action: func(c *cli.Context) error {
			src, err := readSQL(c)
			if err != nil {
				return err
			}
			args, err := sqlParams(c, src.text)
			if err != nil {
				return err
			}
			db, err := openDB(c)
			if err != nil {
				return err
			}
			defer db.Close()
			err = emit(c, false, sqlResult(db, "", src.text, args...))
			return placeSQLError(err, src, dbSchemaNames(c.Context, db))
		},
	}
}

// readSQL reads the SQL from the argument, --file FILE, or standard input
// (--file -, or no SQL given and standard input not a terminal).
func readSQL(c *cli.Context) (sqlSource, error) {
	file := c.String("file")
	var src sqlSource
	switch {
	case c.NArg() > 1:
		return src, usagef("sql", "want the SQL as one argument, got %d (quote it)", c.NArg())
	case c.NArg() == 1 && file != "":
		return src, usagef("sql", "give the SQL as an argument or with --file, not both")
	case c.NArg() == 1 && c.Args().First() == "-":
		// As cat and psql read it: standard input.
		fallthrough
	case c.NArg() == 0 && file == "-":
		data, err := boundedread.ReadAll(c.Context, c.App.Reader, boundedread.MaxSQL, "standard input")
		if err != nil {
			return src, err
		}
		src = sqlSource{name: "stdin", text: string(data)}
	case c.NArg() == 1:
		src = sqlSource{name: "sql", text: c.Args().First()}
	case file != "":
		// Bounded (--file /dev/zero stops at the limit) and stoppable (a
		// named pipe nobody writes to).
		data, err := boundedread.ReadFile(c.Context, file, boundedread.MaxSQL)
		if err != nil {
			return src, fileError(file, err)
		}
		src = sqlSource{name: file, text: string(data)}
	default:
		if f, ok := c.App.Reader.(*os.File); ok && file == "" {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				return src, usagef("sql", "no SQL given: pass it as an argument, with --file, or on standard input")
			}
		}
		data, err := boundedread.ReadAll(c.Context, c.App.Reader, boundedread.MaxSQL, "standard input")
		if err != nil {
			return src, err
		}
		src = sqlSource{name: "stdin", text: string(data)}
	}
	if strings.TrimSpace(src.text) == "" {
		return src, usagef("sql", "no SQL given: the statement is empty")
	}
	// SQLite stops reading at a NUL: whatever follows would be dropped
	// without a word, and a binary file would "run".
	if i := strings.IndexByte(src.text, 0); i >= 0 {
		line, col, _, _ := locate(src.text, i)
		return src, usagef("sql", "%s:%d:%d: the SQL holds a NUL byte (is it a binary file?)", src.name, line, col)
	}
	if !utf8.ValidString(src.text) {
		return src, usagef("sql", "%s: the SQL is not UTF-8 text", src.name)
	}
	if !hasStatement(src.text) {
		return src, usagef("sql", "no SQL given: only comments and semicolons, no statement to run")
	}
	return src, nil
}

// hasStatement reports whether SQL text holds anything but comments,
// spaces and semicolons.
func hasStatement(text string) bool {
	for _, t := range tokens(text) {
		if t.text != ";" {
			return true
		}
	}
	return false
}

// fileError words an error reading --file: the limit and the context's
// end as they are, anything else as --file FILE: cause.
func fileError(file string, err error) error {
	var le *boundedread.LimitError
	if errors.As(err, &le) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("--file %s: %w", file, err)
}
