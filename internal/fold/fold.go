// Package fold spells names the way incq compares them: lower case,
// without diacritics, and with the letters Unicode does not decompose
// (ə, ı, ø, ł, ...) written as their plain Latin look-alikes, so that
// Tağıyev matches Tagiyev and Kəlbəcər matches Kelbecer.
package fold

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// letters are folded by hand: they carry no combining mark to remove.
var letters = strings.NewReplacer(
	"ə", "e", "ı", "i", "ø", "o", "æ", "ae", "ß", "ss", "đ", "d", "ł", "l", "ħ", "h", "ŀ", "l",
)

// String folds s: trimmed, lower case, diacritics removed, look-alike
// letters replaced.
func String(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if isASCII(s) {
		return s
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return letters.Replace(out)
}

// Name folds a name as incq compares names: as String does, and with
// hyphens as spaces and runs of spaces as one, so that Nagorno Karabakh
// is Nagorno-Karabakh.
func Name(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(String(s), "-", " ")), " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Variants returns the extra words a search index holds for text so that
// other spellings find it: each word in folded spelling, and each
// hyphenated word joined up (Nagorno-Karabakh: nagornokarabakh), where
// they differ from the word as written.
func Variants(text string) string {
	var out []string
	for _, w := range strings.Fields(text) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if f := String(w); f != strings.ToLower(w) {
			out = append(out, f)
		}
		if strings.Contains(w, "-") {
			out = append(out, String(strings.ReplaceAll(w, "-", "")))
		}
	}
	return strings.Join(out, " ")
}
