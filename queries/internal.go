package queries

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/incq/incq/internal/suggest"
)

// incq's own queries: the search index, the sections of `incq show`, what
// `incq export` and `incq plot` feed their writers, the web server's source
// page (serve/). They follow the catalog's header convention, so they
// read, parse and test like named queries, but are not listed in the
// catalog.
//
//go:embed search/*.sql show/*/*.sql export/*.sql plot/*.sql serve/*.sql
var internal embed.FS

// Internal parses one of incq's own query files, named by its path under
// queries/, e.g. "search/match.sql".
func Internal(name string) (Query, error) {
	data, err := internal.ReadFile(name)
	if err != nil {
		return Query{}, fmt.Errorf("queries: %w", err)
	}
	return Parse(path.Join("queries", name), data)
}

// InternalDir parses every query file in one folder of incq's own
// queries (e.g. "export"), sorted by file name.
func InternalDir(dir string) ([]Query, error) {
	names, err := fs.Glob(internal, dir+"/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]Query, 0, len(names))
	for _, n := range names {
		q, err := Internal(n)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// Dossier is what `incq show` prints for one kind of record.
type Dossier struct {
	Kind string
	// Resolve finds the ids of the records a name the user typed means:
	// parameter :name.
	Resolve Query
	// Known lists every name Resolve accepts, for suggestions.
	Known Query
	// Sections fill the dossier of one record, whose id is :id, in order.
	Sections []Section
}

// Section is one titled part of a dossier.
type Section struct {
	Title string
	Query Query
}

// Dossiers returns the kinds `incq show` knows, sorted by kind. Each kind
// is a folder under queries/show: KIND-resolve.sql, KIND-known.sql, and
// one file per section whose name starts with its position
// (20-incident-claims.sql); the section's title is its query name less the
// kind, with spaces.
func Dossiers() ([]Dossier, error) {
	kinds, err := fs.ReadDir(internal, "show")
	if err != nil {
		return nil, err
	}
	var out []Dossier
	for _, k := range kinds {
		d := Dossier{Kind: k.Name()}
		dir := path.Join("show", k.Name())
		files, err := fs.Glob(internal, dir+"/*.sql")
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			q, err := Internal(f)
			if err != nil {
				return nil, err
			}
			switch q.Name {
			case d.Kind + "-resolve":
				d.Resolve = q
			case d.Kind + "-known":
				d.Known = q
			default:
				title := strings.TrimPrefix(q.Name, d.Kind+"-")
				d.Sections = append(d.Sections, Section{Title: strings.ReplaceAll(title, "-", " "), Query: q})
			}
		}
		if d.Resolve.SQL == "" || d.Known.SQL == "" || len(d.Sections) == 0 {
			return nil, fmt.Errorf("queries/%s: want %s-resolve.sql, %s-known.sql and at least one section", dir, d.Kind, d.Kind)
		}
		out = append(out, d)
	}
	return out, nil
}

// FindDossier returns the dossier of one kind, or an error listing the
// kinds there are.
func FindDossier(kind string) (Dossier, error) {
	all, err := Dossiers()
	if err != nil {
		return Dossier{}, err
	}
	kinds := make([]string, len(all))
	for i, d := range all {
		if d.Kind == kind {
			return d, nil
		}
		kinds[i] = d.Kind
	}
	return Dossier{}, &UnknownKindError{Kind: kind, Kinds: kinds}
}

// UnknownKindError names a kind of record incq cannot show.
type UnknownKindError struct {
	Kind  string
	Kinds []string
}

func (e *UnknownKindError) Error() string {
	return fmt.Sprintf("cannot show %q: want one of %s%s", e.Kind, strings.Join(e.Kinds, ", "), suggest.Hint(e.Kind, e.Kinds))
}
