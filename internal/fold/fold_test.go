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
