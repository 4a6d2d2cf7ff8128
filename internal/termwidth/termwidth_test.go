package termwidth

import (
	"os"
	"path/filepath"
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestWidthFromColumns(t *testing.T) {
	// A regular file is not a terminal, so COLUMNS decides.
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tests := []struct {
		columns string
		want    int
		wantOK  bool
	}{
		{"120", 120, true},
		{" 200 ", 200, true},
		{"", 0, false},
		{"0", 0, false},
		{"-3", 0, false},
		{"wide", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.columns, func(t *testing.T) {
			for _, file := range []*os.File{f, nil} {
				got, ok := Width(file, env(map[string]string{"COLUMNS": tt.columns}))
				if got != tt.want || ok != tt.wantOK {
					t.Errorf("got %d, %v; want %d, %v", got, ok, tt.want, tt.wantOK)
				}
			}
		})
	}
}

func TestUTF8Locale(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want bool
	}{
		{"unset", nil, false},
		{"LANG utf-8", map[string]string{"LANG": "en_US.UTF-8"}, true},
		{"LANG utf8", map[string]string{"LANG": "C.utf8"}, true},
		{"modifier", map[string]string{"LANG": "de_DE.UTF-8@euro"}, true},
		{"LANG latin1", map[string]string{"LANG": "de_DE.ISO-8859-1"}, false},
		{"LANG C", map[string]string{"LANG": "C"}, false},
		{"LC_ALL wins", map[string]string{"LC_ALL": "C", "LC_CTYPE": "en_US.UTF-8", "LANG": "en_US.UTF-8"}, false},
		{"LC_CTYPE over LANG", map[string]string{"LC_CTYPE": "en_US.UTF-8", "LANG": "C"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := UTF8Locale(env(tt.env)); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestASCII(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want bool
	}{
		{"utf-8 terminal", map[string]string{"TERM": "xterm-256color", "LANG": "en_US.UTF-8"}, false},
		{"dumb terminal", map[string]string{"TERM": "dumb", "LANG": "en_US.UTF-8"}, true},
		{"C locale", map[string]string{"TERM": "xterm", "LC_ALL": "C"}, true},
		{"LC_ALL wins over LANG", map[string]string{"LC_ALL": "POSIX", "LANG": "en_US.UTF-8"}, true},
		{"no locale set", map[string]string{"TERM": "xterm"}, false},
		{"nothing set", map[string]string{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ASCII(env(tt.env)); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
