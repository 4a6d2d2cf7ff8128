package render

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// Text on a terminal: what a cell may show, how wide it is and how it
// wraps, for the table format.

// printable returns s with anything a terminal would act on made
// visible, so that no cell can move the cursor, change colours, reorder
// text or throw the borders out of line: line ends become "\n", and other
// control characters (tab, escape, the bidirectional overrides) are shown
// escaped, as \t, \x1b or \u202e.
func printable(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n') || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteByte('\n')
			}
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			fmt.Fprintf(&b, `\x%02x`, r)
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// widthCond measures text the same way whatever the locale: East Asian
// ambiguous characters (box drawing among them) are one column wide.
var widthCond = &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}

// runeWidth is the number of columns r takes after prev; a character
// joined to the one before by a zero-width joiner takes none.
func runeWidth(prev, r rune) int {
	switch {
	case r >= 0x20 && r < 0x7f:
		return 1
	case prev == 0x200d:
		return 0
	}
	return widthCond.RuneWidth(r)
}

// textWidth is the width of the widest line of s.
func textWidth(s string) int {
	widest, w := 0, 0
	var prev rune
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' {
			widest, w, prev = max(widest, w), 0, 0
			continue
		}
		if c < utf8.RuneSelf {
			w++
			prev = rune(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w += runeWidth(prev, r)
		prev = r
		i += size - 1
	}
	return max(widest, w)
}

// measure returns the width of the widest line of s and of its widest
// word.
func measure(s string) (widest, word int) {
	line, w := 0, 0
	var prev rune
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\n' || c == ' ' {
			word, w = max(word, w), 0
			if c == '\n' {
				widest, line = max(widest, line), -1
			}
			line++
			prev = 0
			i++
			continue
		}
		rw, size := 1, 1
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			rw = runeWidth(prev, r)
			prev = r
		} else {
			prev = rune(c)
		}
		line += rw
		w += rw
		i += size
	}
	return max(widest, line), max(word, w)
}

// wrap breaks s into lines at most width wide: at spaces where it can, and
// inside a word only where the word alone is wider than width. A line that
// fits is kept as it is; a line that is wrapped has its runs of spaces
// made single. wrap stops after maxLines lines and returns the offset in s
// of the text it had no room for (len(s) if none). It takes time linear in
// the length of s.
func wrap(s string, width, maxLines int) (lines []string, rest int) {
	width = max(width, 1)
	full := func(from int) bool {
		if len(lines) < maxLines {
			return false
		}
		rest = from
		return true
	}
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		para := s[start:end]
		if full(start) {
			return lines, rest
		}
		if textWidth(para) <= width {
			lines = append(lines, para)
		} else if !wrapPara(s, start, end, width, &lines, full) {
			return lines, rest
		}
		start = end + 1
	}
	return lines, len(s)
}

// wrapPara wraps s[start:end], a line too wide for width, adding the lines
// to *lines; it returns false when full reports there is no room for more.
func wrapPara(s string, start, end, width int, lines *[]string, full func(from int) bool) bool {
	var line strings.Builder
	lineW, lineStart := 0, start
	emit := func(next int) bool {
		if full(lineStart) {
			return false
		}
		*lines = append(*lines, line.String())
		line.Reset()
		lineW, lineStart = 0, next
		return true
	}
	for i := start; i < end; {
		if s[i] == ' ' {
			i++
			continue
		}
		// The word s[i:j], ww wide.
		j, ww := i, 0
		var prev rune
		for j < end && s[j] != ' ' {
			r, size := utf8.DecodeRuneInString(s[j:])
			ww += runeWidth(prev, r)
			prev = r
			j += size
		}
		switch {
		case lineW > 0 && lineW+1+ww <= width:
			line.WriteByte(' ')
			line.WriteString(s[i:j])
			lineW += 1 + ww
		case ww <= width:
			if lineW > 0 && !emit(i) {
				return false
			}
			line.WriteString(s[i:j])
			lineW, lineStart = ww, i
		default: // a word wider than the column: break it after its hyphens, else cut it
			if lineW > 0 && !emit(i) {
				return false
			}
			lineStart = i
			for k := i; k < j; {
				// The part up to and with the next hyphen.
				e := j
				if h := strings.IndexByte(s[k:j], '-'); h >= 0 {
					e = k + h + 1
				}
				if pw := textWidth(s[k:e]); lineW > 0 && lineW+pw > width && pw <= width {
					if !emit(k) {
						return false
					}
				}
				prev = 0
				for k < e {
					r, size := utf8.DecodeRuneInString(s[k:])
					rw := runeWidth(prev, r)
					if lineW > 0 && lineW+rw > width {
						if !emit(k) {
							return false
						}
					}
					line.WriteString(s[k : k+size])
					lineW += rw
					prev = r
					k += size
				}
			}
		}
		i = j
	}
	return emit(end) // the last line, or an empty one for a line of spaces
}
