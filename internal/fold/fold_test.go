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
