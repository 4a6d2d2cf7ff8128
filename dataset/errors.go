package dataset

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
)

// Error is one problem with one place in a dataset.
type Error struct {
	File   string // file name, as the user knows it
	Line   int    // 1-based line; 0 when the problem is the whole file
	Column string // column name; empty when the problem is the whole row
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ": column %q", e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem Load found, in the order found. Load returns it
// when a dataset does not load; the first maxErrors are kept.
type Errors struct {
	List    []*Error
	Dropped int // problems found beyond the ones kept

	// rejected holds the keys of rows refused for bad cells, per table, so
	// that rows pointing at them are not reported a second time.
	rejected map[string]map[string]bool
	// broken holds the tables whose file could not be read at all (missing,
	// empty, bad header): references into them are not checked, as every
	// one would fail.
	broken map[string]bool
}

func (e *Errors) breakTable(table string) {
	if e.broken == nil {
		e.broken = map[string]bool{}
	}
	e.broken[table] = true
}

func (e *Errors) reject(table, key string) {
	if e.rejected == nil {
		e.rejected = map[string]map[string]bool{}
	}
	if e.rejected[table] == nil {
		e.rejected[table] = map[string]bool{}
	}
	e.rejected[table][key] = true
}

const maxErrors = 100

func (e *Errors) add(err *Error) {
	if len(e.List) >= maxErrors {
		e.Dropped++
		return
	}
	e.List = append(e.List, err)
}

func (e *Errors) Error() string {
	if len(e.List) == 0 {
		return "no errors"
	}
	s := e.List[0].Error()
	if n := len(e.List) + e.Dropped - 1; n > 0 {
		s += fmt.Sprintf(" (and %d more)", n)
	}
	return s
}

func csvError(file string, err error) *Error {
	var long *lineTooLong
	if errors.As(err, &long) {
		return &Error{File: file, Line: long.line, Msg: fmt.Sprintf("longer than %d KiB; a dataset line may hold at most that", MaxLine>>10)}
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine < pe.Line {
		// Where the quote opens, not where the reader gave up.
		return &Error{File: file, Line: pe.StartLine, Msg: fmt.Sprintf("the quoted field that opens on this line has a quote missing or too many (the reader stopped at line %d, column %d)", pe.Line, pe.Column)}
	}
	if errors.As(err, &pe) {
		return &Error{File: fmt.Sprintf("%s:%d:%d", file, pe.Line, pe.Column), Msg: pe.Err.Error()}
	}
	return &Error{File: file, Msg: err.Error()}
}
