package dataset

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/incq/incq/internal/value"
)

// convert turns one CSV cell into the value stored for column c: nil for an
// empty cell, int64 for INTEGER, float64 for REAL, a string otherwise. It
// returns a message instead when the cell does not fit. Cells are parsed by
// internal/value, as query parameters are, so a value means the same in
// both; a column named count holds a count (value.ParseCount), so that a
// typo of a figure is refused here rather than summed. It does not allocate
// for a good cell beyond the boxing of its value.
func convert(cell string, c column) (any, string) {
	if !utf8.ValidString(cell) {
		return nil, "not valid UTF-8"
	}
	if cell == "" {
		if c.notNull {
			return nil, "value is required"
		}
		return nil, ""
	}
	switch c.typ {
	case "INTEGER":
		parse := value.ParseInteger
		if c.count {
			parse = value.ParseCount
		}
		v, err := parse(cell)
		if err != nil {
			return nil, err.Error()
		}
		return v, ""
	case "REAL":
		v, err := value.ParseReal(cell)
		if err != nil {
			return nil, err.Error()
		}
		return v, ""
	case "DATE":
		if err := value.ParseDate(cell); err != nil {
			return nil, err.Error()
		}
		return cell, ""
	}
	if strings.IndexByte(cell, 0) >= 0 {
		return nil, "contains a NUL byte"
	}
	return cell, ""
}

// cellText is the inverse of convert.
func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []byte:
		return string(v)
	case string:
		return v
	}
	return fmt.Sprint(v)
}
