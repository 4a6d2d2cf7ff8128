package main

import "testing"

func TestMemoryValue(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		text string
	}{
		{"4GiB", 4 << 30, "4GiB"},
		{"4g", 4 << 30, "4GiB"},
		{"512MiB", 512 << 20, "512MiB"},
		{"1.5GiB", 3 << 29, "1.5GiB"},
		{"2GB", 2e9, "1.9GiB"},
		{"0", 0, "0 bytes"},
		{" 100m ", 100 << 20, "100MiB"},
	} {
		var v memoryValue
		if err := v.Set(tt.in); err != nil {
			t.Errorf("Set(%q): %v", tt.in, err)
			continue
		}
		if v.n != tt.want || v.String() != tt.text {
			t.Errorf("Set(%q) = %d %q, want %d %q", tt.in, v.n, v.String(), tt.want, tt.text)
		}
	}
	for _, bad := range []string{"lots", "-1GiB", "GiB", "1e30"} {
		var v memoryValue
		if err := v.Set(bad); err == nil {
			t.Errorf("Set(%q): no error", bad)
		}
	}
}
