package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq"
	"github.com/incq/incq/queries"
)

// showKindsText names the kinds of dossier in show's help, written out so
// that help costs no reading of the catalog (a test holds it to the
// catalog's dossiers).
const showKindsText = "incident, claim, place, actor, episode, ceasefire,\ntalks or source"

func showCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "everything about one record, with its sources",
		ArgsUsage: "KIND NAME",
		Description: describe(
			"KIND is "+showKindsText+"; NAME an id, or for a place any of its\n"+
				"names or spellings, for a source its id, file name or file number.\n"+
				"Output is a set of sections: use --format table, markdown or json.",
			"incq show incident I05",
			"incq show place Kelbecer",
			"incq show source 003 --format markdown",
		),
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usagef("show", "want the kind of record and its name, e.g. incq show incident I05 (kinds: %s)", strings.Join(dossierKinds(), ", "))
			}
			kind, name := c.Args().Get(0), c.Args().Get(1)
			if _, err := queries.FindDossier(kind); err != nil {
				return &usageError{msg: err.Error(), cmd: "show"}
			}
			db, err := openDB(c)
			if err != nil {
				return err
			}
			defer db.Close()
			results, err := dossier(c.Context, db, kind, name)
			if err != nil {
				return err
			}
			return emit(c, true, results...)
		},
	}
}

// dossier resolves name as a record of kind and returns its sections, a
// record of them for each record the name stands for.
func dossier(ctx context.Context, db *incq.DB, kind, name string) ([]result, error) {
	d, err := queries.FindDossier(kind)
	if err != nil {
		return nil, &usageError{msg: err.Error(), cmd: "show"}
	}
	ids, err := db.Resolve(ctx, kind, name)
	var nf *incq.NotFoundError
	if errors.As(err, &nf) {
		return nil, &usageError{msg: err.Error() + elsewhere(ctx, db, kind, name), cmd: "show"}
	}
	if err != nil {
		return nil, err
	}
	var results []result
	for _, id := range ids {
		for i, s := range d.Sections {
			r := sqlResult(db, s.Title, s.Query.SQL, sql.Named("id", id))
			r.record = i == 0
			results = append(results, r)
		}
	}
	return results, nil
}

// dossierKinds lists what incq show can show.
func dossierKinds() []string {
	all, err := queries.Dossiers()
	if err != nil {
		return nil
	}
	kinds := make([]string, len(all))
	for i, d := range all {
		kinds[i] = d.Kind
	}
	return kinds
}

// elsewhere says where a name that is no record of one kind is one of
// another: a capital given as a place ("Yerevan said") is an actor.
func elsewhere(ctx context.Context, db *incq.DB, kind, name string) string {
	for _, other := range dossierKinds() {
		if other == kind || other == "claim" || other == "incident" {
			continue
		}
		if ids, err := db.Resolve(ctx, other, name); err == nil && len(ids) > 0 {
			return fmt.Sprintf("; %q is a%s %s here: incq show %s %s", name, article(other), other, other, strconv.Quote(name))
		}
	}
	return ""
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "n"
	}
	return ""
}
