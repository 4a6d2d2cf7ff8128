package suggest

import (
	"reflect"
	"testing"
)

func TestNearest(t *testing.T) {
	names := []string{"casualties", "casualty_statuses", "claims", "claim_kinds", "query", "queries", "json", "csv", "tsv"}
	tests := []struct {
		name string
		want []string
	}{
		{"casualty", []string{"casualties"}},
		{"quer", []string{"query"}},
		{"jsn", []string{"json"}},
		{"claim", []string{"claims"}},
		{"zzzzzz", nil},
		{"CSV", []string{"csv"}},
	}
	for _, tt := range tests {
		if got := Nearest(tt.name, names); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Nearest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got, want := Hint("jsn", names), `; did you mean "json"?`; got != want {
		t.Errorf("Hint: got %q, want %q", got, want)
	}
}
