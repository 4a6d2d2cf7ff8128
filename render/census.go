package render

import (
	"unicode/utf8"

	"github.com/incq/incq/internal/value"
)

// Census counts what one column of a result holds, value by value. It is
// the evidence for treating a column whose declared type says nothing (an
// expression) as numbers, dates or text.
type Census struct {
	Ints, Reals, Bools int
	Dates, Months      int // strings written YYYY-MM-DD and YYYY-MM
	Texts              int // every other string
	Bytes, Binary      int // []byte that is UTF-8 text, and that is not
	Others             int // any other non-NULL value
}

// CensusOf counts the values of column i over rows. NULLs are not counted.
func CensusOf(rows [][]any, i int) Census {
	var c Census
	for _, r := range rows {
		switch v := r[i].(type) {
		case nil:
		case int64:
			c.Ints++
		case float64:
			c.Reals++
		case bool:
			c.Bools++
		case string:
			switch {
			case value.IsDate(v):
				c.Dates++
			case value.IsMonth(v):
				c.Months++
			default:
				c.Texts++
			}
		case []byte:
			if utf8.Valid(v) {
				c.Bytes++
			} else {
				c.Binary++
			}
		default:
			c.Others++
		}
	}
	return c
}
