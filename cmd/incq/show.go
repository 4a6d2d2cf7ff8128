package main

import (
	"database/sql"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq/internal/suggest"
	"github.com/incq/incq/queries"
)

func showCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "everything about one record, with its sources",
		ArgsUsage: "KIND NAME",
		Description: "KIND is one of the kinds below; NAME an id, or for a place any of its\n" +
			"names or spellings, for a source its id, file name or file number.\n" +
			"Output is a set of sections: use --format table, markdown or json.\n\n" +
			"Examples:\n" +
			"  incq show incident I05\n" +
			"  incq show place Kelbecer\n" +
			"  incq show source 003 --format markdown",
		Action: func(c *cli.Context) error {
			dossiers, err := queries.Dossiers()
			if err != nil {
				return err
			}
			kinds := make([]string, len(dossiers))
			for i, d := range dossiers {
				kinds[i] = d.Kind
			}
			if c.NArg() != 2 {
				return usagef("show", "want the kind of record and its name, e.g. incq show incident I05 (kinds: %s)", strings.Join(kinds, ", "))
			}
			kind, name := c.Args().Get(0), c.Args().Get(1)
			var d *queries.Dossier
			for i := range dossiers {
				if dossiers[i].Kind == kind {
					d = &dossiers[i]
				}
			}
			if d == nil {
				return usagef("show", "cannot show %q: want one of %s%s", kind, strings.Join(kinds, ", "), suggest.Hint(kind, kinds))
			}
			db, err := openDB(c)
			if err != nil {
				return err
			}
			defer db.Close()
			ids, err := db.Strings(c.Context, d.Resolve.SQL, sql.Named("name", name))
			if err != nil {
				return err
			}
			if len(ids) == 0 {
				known, err := db.Strings(c.Context, d.Known.SQL)
				if err != nil {
					return err
				}
				return &usageError{msg: fmt.Sprintf("no %s %q%s", kind, name, suggest.Hint(name, known)), try: "incq show " + kind + " --help"}
			}
			var results []result
			for _, id := range ids {
				for i, s := range d.Sections {
					r := sqlResult(db, s.Title, s.Query.SQL, sql.Named("id", id))
					r.record = i == 0
					results = append(results, r)
				}
			}
			return emit(c, true, results...)
		},
	}
}
