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

// letterFolds are the letters folded by hand, each with its folding: they
// carry no combining mark to remove.
var letterFolds = []string{
	"ə", "e", "ı", "i", "ø", "o", "æ", "ae", "ß", "ss", "đ", "d", "ł", "l", "ħ", "h", "ŀ", "l",
}

var letters = strings.NewReplacer(letterFolds...)

// foldedLetters are the letters of letterFolds, one after the other.
var foldedLetters = func() string {
	var b strings.Builder
	for i := 0; i < len(letterFolds); i += 2 {
		b.WriteString(letterFolds[i])
	}
	return b.String()
}()

// String folds s: trimmed, lower case, diacritics removed, look-alike
// letters replaced.
func String(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if isASCII(s) || unchanged(s) {
		return s
	}
	return transformed(s)
}

// transformed folds the lower-case s: decomposed, its marks removed,
// composed again, look-alike letters replaced.
func transformed(s string) string {
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

// unchanged reports whether folding leaves the lower-case s as it is:
// no rune decomposes, none is a mark, none is one of letters, and nothing
// composes. Most non-ASCII words (Armenia’s, an em dash) are such, and the
// check costs a fraction of the transformation.
func unchanged(s string) bool {
	for _, r := range s {
		if r >= 0x80 && (unicode.Is(unicode.Mn, r) || strings.ContainsRune(foldedLetters, r)) {
			return false
		}
	}
	return norm.NFD.IsNormalString(s) && norm.NFC.IsNormalString(s)
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
	// Most text is plain ASCII without hyphens, which has no variants:
	// the index calls this once per record, so that case returns at once.
	if isASCII(text) && strings.IndexByte(text, '-') < 0 {
		return ""
	}
	var out []string
	for w := range strings.FieldsSeq(text) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		// As String(w) does, with the lower case worked out once: an
		// ASCII word folds to its lower case, which is no variant.
		if !isASCII(w) {
			if lw := strings.ToLower(w); !unchanged(lw) {
				if f := transformed(lw); f != lw {
					out = append(out, f)
				}
			}
		}
		if strings.Contains(w, "-") {
			out = append(out, String(strings.ReplaceAll(w, "-", "")))
		}
	}
	return strings.Join(out, " ")
}
