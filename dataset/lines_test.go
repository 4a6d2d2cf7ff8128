package dataset

import "testing"

func TestLineMap(t *testing.T) {
	var m lineMap
	lines := []int{2, 3, 4, 7, 8, 12, 13, 14, 15, 20}
	for _, l := range lines {
		m.add(l)
	}
	if len(m.runs) != 4 {
		t.Errorf("%d runs, want 4: %v", len(m.runs), m.runs)
	}
	for i, want := range lines {
		if got := m.line(int64(i + 1)); got != want {
			t.Errorf("line(%d) = %d, want %d", i+1, got, want)
		}
	}
	for _, rowid := range []int64{0, -1, 11} {
		if got := m.line(rowid); got != 0 {
			t.Errorf("line(%d) = %d, want 0", rowid, got)
		}
	}
}
