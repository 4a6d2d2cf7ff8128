package fold

import "testing"

func TestString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Tağıyev", "tagiyev"},
		{"Kəlbəcər", "kelbecer"},
		{"  Naxçıvan ", "naxcivan"},
		{"KELBAJAR", "kelbajar"},
		{"Łódź", "lodz"},
		{"İstanbul", "istanbul"},
		{"Ørsted", "orsted"},
		{"", ""},
	} {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestVariants(t *testing.T) {
	for in, want := range map[string]string{
		"Kəlbəcər district":   "kelbecer",
		"Nagorno-Karabakh":    "nagornokarabakh",
		"(Tağıyev), Yerevan.": "tagiyev",
		"plain words only":    "",
	} {
		if got := Variants(in); got != want {
			t.Errorf("Variants(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestName(t *testing.T) {
	for in, want := range map[string]string{
		"Nagorno-Karabakh":    "nagorno karabakh",
		" Nagorno  Karabakh ": "nagorno karabakh",
		"Kəlbəcər":            "kelbecer",
		"kelbajar-town":       "kelbajar town",
	} {
		if got := Name(in); got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
	}
}

// Words that folding leaves alone skip the transformation; every word
// folds as the transformation alone would fold it.
func TestUnchangedSkipsOnlyWhatFoldingKeeps(t *testing.T) {
	for _, tt := range []struct {
		in        string
		unchanged bool
	}{
		{"armenia’s", true},       // a curly apostrophe
		{"—", true},               // an em dash
		{"հայաստան", true},        // Armenian script
		{"ağdam", false},          // a breve
		{"kəlbəcər", false},       // a letter folded by hand
		{"e\u0301", false},        // a combining mark
		{"\u1100\u1161", false},   // Hangul jamo, which compose
		{"i\u0307stanbul", false}, // İ lowered
		{"άρης", false},           // a tonos
		{"ǆ", true},               // a digraph that does not decompose
	} {
		if got := unchanged(tt.in); got != tt.unchanged {
			t.Errorf("unchanged(%q) = %v, want %v", tt.in, got, tt.unchanged)
		}
		if got, want := String(tt.in), transformed(tt.in); got != want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, want)
		}
	}
}

// Variants of ASCII text and of text with hyphens, which the fast paths
// take, are those the word-by-word folding gives.
func TestVariantsFastPaths(t *testing.T) {
	for in, want := range map[string]string{
		"plain ASCII, no hyphen: none": "",
		"counter-claim by Armenia’s":   "counterclaim",
		"Armenia’s Kəlbəcər-town":      "kelbecer-town kelbecertown",
		"ASCII-only words":             "asciionly",
	} {
		if got := Variants(in); got != want {
			t.Errorf("Variants(%q) = %q, want %q", in, got, want)
		}
	}
}
