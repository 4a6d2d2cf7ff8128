package dataset

import (
	"fmt"
	"slices"
	"testing"
)

func TestKeySet(t *testing.T) {
	s := newKeySet(1000)
	var want []string
	for i := 0; i < 1000; i++ {
		k := fmt.Sprintf("k%d", i)
		if i%7 == 0 {
			k = "" // the empty string is a key like any other
		}
		if !s.Add(k) {
			t.Fatalf("Add(%q) = false with %d keys", k, s.Len())
		}
		if !slices.Contains(want, k) {
			want = append(want, k)
		}
	}
	if s.Len() != len(want) {
		t.Errorf("Len() = %d, want %d", s.Len(), len(want))
	}
	for _, k := range want {
		if !s.Has(k) {
			t.Errorf("Has(%q) = false", k)
		}
	}
	for _, k := range []string{"k7", "k1000", "k", "K1", "k1 "} {
		if s.Has(k) {
			t.Errorf("Has(%q) = true", k)
		}
	}
	var got []string
	s.Keys(func(k string) { got = append(got, k) })
	if !slices.Equal(got, want) {
		t.Errorf("Keys() gave %d keys in another order; first %q", len(got), got[:3])
	}
}

func TestKeySetFull(t *testing.T) {
	s := newKeySet(2)
	if !s.Add("a") || !s.Add("b") || !s.Add("a") {
		t.Fatal("Add refused a key below the limit")
	}
	if s.Add("c") {
		t.Error("Add(c) beyond the limit = true")
	}
	if s.Has("c") || s.Len() != 2 {
		t.Errorf("after a refused Add: Has(c) = %v, Len() = %d", s.Has("c"), s.Len())
	}
}

func TestKeySetNil(t *testing.T) {
	var s *keySet
	if s.Has("a") || s.Len() != 0 {
		t.Error("a nil set is not empty")
	}
	s.Keys(func(string) { t.Error("a nil set has keys") })
}
