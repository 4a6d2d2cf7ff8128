// Package suggest finds the known names nearest to a mistyped one, for
// "did you mean" hints.
package suggest

import (
	"sort"
	"strings"
)

// Nearest returns the candidates nearest to name (up to three tied at the
// smallest edit distance), considering those within a distance of a third
// of the name's length plus one, and those that contain name or that name
// contains.
func Nearest(name string, candidates []string) []string {
	type scored struct {
		s string
		d int
	}
	lname := strings.ToLower(name)
	limit := max(2, len([]rune(name))/3+1)
	var found []scored
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := distance(lname, lc)
		if d > limit && !(len(lname) >= 3 && (strings.Contains(lc, lname) || strings.Contains(lname, lc))) {
			continue
		}
		found = append(found, scored{c, d})
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].d != found[j].d {
			return found[i].d < found[j].d
		}
		return found[i].s < found[j].s
	})
	var out []string
	for i := 0; i < len(found) && i < 3 && found[i].d == found[0].d; i++ {
		out = append(out, found[i].s)
	}
	return out
}

// Hint formats Nearest's answer as `; did you mean "a" or "b"?`, or "".
func Hint(name string, candidates []string) string {
	near := Nearest(name, candidates)
	if len(near) == 0 {
		return ""
	}
	quoted := make([]string, len(near))
	for i, n := range near {
		quoted[i] = `"` + n + `"`
	}
	return "; did you mean " + strings.Join(quoted, " or ") + "?"
}

// distance is the Levenshtein edit distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
