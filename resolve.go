package incq

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/incq/incq/internal/suggest"
	"github.com/incq/incq/queries"
)

// NotFoundError is returned by Resolve when a name names no record.
type NotFoundError struct {
	Kind        string // incident, place, ...
	Name        string // as the user typed it
	Suggestions []string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no %s %q%s", e.Kind, e.Name, suggest.Hint(e.Name, e.Suggestions))
}

// Resolve returns the ids of the records of a kind (see queries.Dossiers)
// that name names: an id, or for places any name or alias, folded. It is
// the one resolver behind incq show and place parameters. A name that
// names nothing returns *NotFoundError with the known names near it.
func (d *DB) Resolve(ctx context.Context, kind, name string) ([]string, error) {
	dossier, err := queries.FindDossier(kind)
	if err != nil {
		return nil, err
	}
	ids, err := d.Strings(ctx, dossier.Resolve.SQL, sql.Named("name", name))
	if err != nil || len(ids) > 0 {
		return ids, err
	}
	known, err := d.Strings(ctx, dossier.Known.SQL)
	if err != nil {
		return nil, err
	}
	return nil, &NotFoundError{Kind: kind, Name: name, Suggestions: known}
}
