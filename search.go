package incq

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/incq/incq/internal/atomicfile"
	"github.com/incq/incq/internal/fold"
	"github.com/incq/incq/internal/suggest"
	"github.com/incq/incq/queries"
)

// NoMatchError is returned by Search when nothing matches. Suggestions
// are indexed words spelled like the ones searched for.
type NoMatchError struct {
	Text        string
	Suggestions []string
	// Operator is "or", "and" or "not" when the text has one of them in
	// lower case, searched as a word where the capitals were meant.
	Operator string
}

func (e *NoMatchError) Error() string {
	msg := fmt.Sprintf("search %q: no matches", e.Text)
	if e.Operator != "" {
		msg += fmt.Sprintf("; %q is searched as a word: write %s to combine words", e.Operator, strings.ToUpper(e.Operator))
	}
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + strings.Join(e.Suggestions, " or ") + "?"
	}
	return msg
}

// SearchSyntaxError is a search text that cannot be parsed.
type SearchSyntaxError struct {
	Text string
	Msg  string
}

func (e *SearchSyntaxError) Error() string { return fmt.Sprintf("search %q: %s", e.Text, e.Msg) }

// Search runs a full-text search over incidents, claims, places, actors,
// episodes, ceasefires, talks and sources, best matches first, and returns
// kind, id, title and a snippet. Words match as words or the starts of
// words, all of them by default; "a phrase", OR, NOT and parentheses
// combine them. Case, diacritics (Tağıyev, Tagiyev) and hyphens
// (cease-fire, ceasefire) do not matter. A word or phrase that names a
// place or actor also matches its other names. It returns at most limit
// rows, and total, the number of records that match.
func (d *DB) Search(ctx context.Context, text string, limit int) (_ *Rows, total int, err error) {
	terms, err := parseSearch(text)
	if err != nil {
		return nil, 0, err
	}
	idx, err := d.searchIndex(ctx)
	if err != nil {
		return nil, 0, err
	}
	match, err := d.matchExpr(ctx, terms)
	if err != nil {
		return nil, 0, err
	}
	counted, err := idx.querySearch(ctx, "search-count", sql.Named("match", match))
	if err != nil {
		return nil, 0, err
	}
	if n, err := counted.strings(); err == nil && len(n) == 1 {
		total, _ = strconv.Atoi(n[0])
	}
	rows, err := idx.querySearch(ctx, "search", sql.Named("match", match), sql.Named("limit", limit))
	if err != nil {
		return nil, 0, err
	}
	if rows.Next() {
		rows.peeked = true
		return rows, total, nil
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, 0, err
	}
	nm := &NoMatchError{Text: text, Suggestions: idx.nearTerms(ctx, terms)}
	for _, t := range terms {
		if t.op == "" && !t.phrase && (t.text == "or" || t.text == "and" || t.text == "not") {
			nm.Operator = t.text
			break
		}
	}
	return nil, 0, nm
}

// querySearch runs one of search's own queries, queries/search/NAME.sql,
// on the index.
func (d *DB) querySearch(ctx context.Context, name string, args ...any) (*Rows, error) {
	q, err := queries.Internal("search/" + name + ".sql")
	if err != nil {
		return nil, err
	}
	return d.Query(ctx, q.SQL, args...)
}

// nearTerms suggests indexed words close to the words searched for.
func (d *DB) nearTerms(ctx context.Context, terms []searchTerm) []string {
	vocab, err := d.Strings(ctx, `SELECT term FROM search_vocab`)
	if err != nil {
		return nil
	}
	var out []string
	for _, t := range terms {
		if t.op != "" {
			continue
		}
		for _, w := range strings.Fields(t.text) {
			folded := fold.String(strings.ToLower(w))
			for _, near := range suggest.Nearest(folded, vocab) {
				// A letter or two is never what was meant, nor the word
				// itself (found, but not with the others).
				if utf8.RuneCountInString(near) >= 3 && near != folded {
					out = append(out, near)
				}
			}
		}
	}
	return out
}

// searchIndex returns the index, building it on first use.
func (d *DB) searchIndex(ctx context.Context) (*DB, error) {
	d.searchMu.Lock()
	if d.search == nil {
		d.search = &searchIndex{}
	}
	s := d.search
	d.searchMu.Unlock()
	s.once.Do(func() { s.db, s.keep, s.err = d.buildSearch(ctx) })
	if s.err != nil {
		err := s.err
		if ctx.Err() != nil {
			// A build stopped by its run (a web request's time limit, a
			// Ctrl-C) is not a failure to remember: the next search tries
			// again.
			d.searchMu.Lock()
			if d.search == s {
				d.search = nil
			}
			d.searchMu.Unlock()
			return nil, context.Cause(ctx)
		}
		return nil, fmt.Errorf("build search index: %w", err)
	}
	return s.db, nil
}

// buildSearch builds the index beside the dataset: a file next to the
// cached database, or another in-memory database.
func (d *DB) buildSearch(ctx context.Context) (*DB, *sql.DB, error) {
	if d.file != "" {
		// Sealed as the database is (see seal.go): an index that is not
		// what was built is built again.
		path := d.file + ".search"
		if check(path) == nil {
			if idx, err := openPool("file:" + escapePath(path) + "?mode=ro&immutable=1"); err == nil {
				if _, err := idx.Strings(ctx, `SELECT 1 FROM search LIMIT 1`); err == nil {
					return idx, nil, nil
				}
				idx.Close()
			}
		}
		t, err := atomicfile.NewTemp(filepath.Dir(path), filepath.Base(path))
		if err != nil {
			return nil, nil, err
		}
		defer t.Remove()
		db, err := d.fillSearch(ctx, "file:"+escapePath(t.Name())+"?_pragma=journal_mode(MEMORY)&_pragma=synchronous(OFF)")
		if err != nil {
			return nil, nil, err
		}
		if err := db.Close(); err != nil {
			return nil, nil, err
		}
		if err := sealFile(t, path); err != nil {
			return nil, nil, err
		}
		idx, err := openPool("file:" + escapePath(path) + "?mode=ro&immutable=1")
		return idx, nil, err
	}
	var id [8]byte
	rand.Read(id[:])
	dsn := "file:/incq-search-" + hex.EncodeToString(id[:]) + "?vfs=memdb"
	keep, err := d.fillSearch(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	idx, err := openPool(dsn)
	if err != nil {
		keep.Close()
		return nil, nil, err
	}
	return idx, keep, nil
}

// fillSearch creates the index in the database dsn names from the
// dataset, attached read-only, and returns it open. The records are
// written by one statement that reads each table once; while it runs,
// d's progress hears how many are written.
func (d *DB) fillSearch(ctx context.Context, dsn string) (_ *sql.DB, err error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	defer func() {
		if err != nil {
			db.Close()
		}
	}()
	docs, err := queries.Internal("search/search-documents.sql")
	if err != nil {
		return nil, err
	}
	names, err := queries.Internal("search/search-names.sql")
	if err != nil {
		return nil, err
	}
	counter, written, drop := newCounter()
	defer drop()
	if d.progress != nil {
		defer d.report("search index", written)()
	}
	for _, stmt := range []string{
		// A 32 MiB page cache, as the cold load has (see openCached):
		// FTS5 reads back the segments it merges.
		`PRAGMA cache_size = -32768`,
		`ATTACH DATABASE ? AS data`,
		`CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, id UNINDEXED, title, body, names, folded, tokenize = 'unicode61 remove_diacritics 2')`,
		// FTS5 keeps the terms of the records being written in memory
		// and writes them out as a segment of the index when they pass
		// hashsize, then merges segments. At the default, 1 MiB, it writes
		// one every few thousand records and spends as long merging them
		// as writing; 32 MiB writes few, large segments. Merging 16 at a
		// time rather than 4 rewrites them fewer times (a tenth less
		// time at 300,000 incidents; searches take as long).
		`INSERT INTO search (search, rank) VALUES ('hashsize', 33554432)`,
		`INSERT INTO search (search, rank) VALUES ('automerge', 16)`,
		`INSERT INTO search (kind, id, title, body, names, folded) SELECT kind, id, title, body, names, incq_search_variants(title || ' ' || body || ' ' || names) FROM (` + docs.SQL + `) WHERE incq_count(?)`,
		`CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search, row)`,
		`CREATE TABLE search_names AS ` + names.SQL,
		`DETACH DATABASE data`,
	} {
		var args []any
		switch {
		case strings.HasPrefix(stmt, "ATTACH"):
			args = []any{d.dsn}
		case strings.Contains(stmt, "incq_count"):
			args = []any{counter}
		}
		if _, err := db.ExecContext(ctx, stmt, args...); err != nil {
			return nil, err
		}
	}
	return db, nil
}

// report tells d's progress what is being done and count's value at once
// and then four times a second, until the function it returns is called;
// that clears the report. (Progress itself decides when to show it.)
func (d *DB) report(what string, count *atomic.Int64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	d.progress(what, count.Load())
	wg.Go(func() {
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				d.progress(what, count.Load())
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
		d.progress("", -1)
	}
}

// searchTerm is one element of a parsed search: a word, a quoted phrase,
// an operator (AND, OR, NOT) or a parenthesis.
type searchTerm struct {
	text   string // the word or phrase
	phrase bool   // quoted: match exactly
	op     string // AND, OR, NOT, ( or ); text is empty
}

// parseSearch splits the user's text into terms and checks its syntax.
func parseSearch(text string) ([]searchTerm, error) {
	var terms []searchTerm
	fail := func(msg string) ([]searchTerm, error) { return nil, &SearchSyntaxError{Text: shorten(text), Msg: msg} }
	if len(text) > maxSearchBytes {
		return fail(fmt.Sprintf("too long (%d bytes; a search takes at most %d)", len(text), maxSearchBytes))
	}
	rs := []rune(text)
	depth := 0
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '"':
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			if j == len(rs) {
				return fail("a quote is not closed")
			}
			words := searchWords(string(rs[i+1 : j]))
			if len(words) == 0 {
				return fail("an empty phrase")
			}
			terms = append(terms, searchTerm{text: strings.Join(words, " "), phrase: true})
			i = j + 1
		case r == '(' || r == ')':
			if r == '(' {
				if depth++; depth > maxSearchDepth {
					return fail(fmt.Sprintf("parentheses nested too deeply (at most %d)", maxSearchDepth))
				}
			} else if depth--; depth < 0 {
				return fail("a ) has no (")
			}
			terms = append(terms, searchTerm{op: string(r)})
			i++
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' && rs[j] != '(' && rs[j] != ')' {
				j++
			}
			w := string(rs[i:j])
			i = j
			if w == "AND" || w == "OR" || w == "NOT" {
				terms = append(terms, searchTerm{op: w})
				continue
			}
			// Punctuation other than a hyphen separates words
			// (summary:Sotk is two words); a hyphen joins the parts
			// of one (cease-fire).
			for _, part := range searchWords(w) {
				part = strings.Trim(part, "-")
				if strings.Trim(part, "*") != "" {
					terms = append(terms, searchTerm{text: part})
				}
			}
		}
		if words := len(terms); words > maxSearchTerms {
			return fail(fmt.Sprintf("too many words and operators (%d; a search takes at most %d)", words, maxSearchTerms))
		}
	}
	if depth > 0 {
		return fail("a ( is not closed")
	}
	// Check the operators' places: between terms, never first or last.
	prevTerm := false
	for k, t := range terms {
		switch t.op {
		case "AND", "OR", "NOT":
			if !prevTerm {
				if t.op == "NOT" {
					return fail("NOT needs a word before it, as in: ceasefire NOT Russia")
				}
				return fail(t.op + " needs a word on each side")
			}
			if k == len(terms)-1 {
				return fail(t.op + " needs a word after it")
			}
			prevTerm = false
		case "(":
			if k+1 < len(terms) && terms[k+1].op == ")" {
				return fail("empty parentheses")
			}
			prevTerm = false
		case ")":
			if !prevTerm {
				return fail(terms[k-1].op + " needs a word after it")
			}
		default:
			prevTerm = true
		}
	}
	if !prevTerm && len(terms) > 0 && terms[len(terms)-1].op != ")" || len(terms) == 0 {
		return fail("no words to search for")
	}
	return terms, nil
}

// Bounds on a search, so that pasting a page is refused at once rather
// than searched for minutes: each word expands into several alternatives.
const (
	maxSearchBytes = 1000
	maxSearchTerms = 40
	maxSearchDepth = 8
)

// shorten keeps an error message about a long search to one short line.
func shorten(text string) string {
	if r := []rune(text); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return text
}

// searchWords splits text into words of letters and digits; a hyphen
// inside a word is kept.
func searchWords(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '*'
	})
}

// matchExpr turns parsed terms into an FTS5 query.
func (d *DB) matchExpr(ctx context.Context, terms []searchTerm) (string, error) {
	var parts []string
	prevTerm := false
	for _, t := range terms {
		if t.op != "" {
			if t.op == "(" && prevTerm {
				parts = append(parts, "AND")
			}
			parts = append(parts, t.op)
			prevTerm = t.op == ")"
			continue
		}
		if prevTerm {
			parts = append(parts, "AND")
		}
		alts, err := d.termAlternatives(ctx, t)
		if err != nil {
			return "", err
		}
		parts = append(parts, "("+strings.Join(alts, " OR ")+")")
		prevTerm = true
	}
	return strings.Join(parts, " "), nil
}

// termAlternatives lists the FTS5 forms that one term matches: itself, its
// folded spelling, its hyphen-joined form, and the other names of a place
// or actor it names.
func (d *DB) termAlternatives(ctx context.Context, t searchTerm) ([]string, error) {
	seen := map[string]bool{}
	var alts []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			alts = append(alts, s)
		}
	}
	text := strings.TrimSuffix(t.text, "*")
	prefix := !t.phrase
	quote := func(words string) string {
		q := `"` + strings.ReplaceAll(words, `"`, `""`) + `"`
		if prefix {
			q += "*"
		}
		return q
	}
	spaced := strings.Join(strings.FieldsFunc(text, func(r rune) bool { return r == '-' || r == '*' }), " ")
	if spaced == "" {
		return nil, &SearchSyntaxError{Text: t.text, Msg: "no words to search for"}
	}
	add(quote(spaced))
	if f := fold.String(spaced); f != strings.ToLower(spaced) {
		add(quote(f))
	}
	if strings.Contains(text, "-") {
		joined := strings.ReplaceAll(spaced, " ", "")
		add(quote(joined))
		add(quote(fold.String(joined)))
	}
	idx, err := d.searchIndex(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := idx.querySearch(ctx, "search-aliases", sql.Named("spaced", spaced), sql.Named("text", text))
	if err != nil {
		return nil, err
	}
	names, err := rows.strings()
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if ws := searchWords(n); len(ws) > 0 {
			add(`"` + strings.Join(strings.FieldsFunc(strings.Join(ws, " "), func(r rune) bool { return r == '-' || r == '*' }), " ") + `"`)
		}
	}
	return alts, nil
}
