package render

import (
	"testing"
	"time"
)

func TestCensusOf(t *testing.T) {
	rows := [][]any{
		{nil}, {int64(1)}, {int64(2)}, {2.5}, {true},
		{"2022-09-13"}, {"2023-02-29"}, {"2022-09"}, {"Jermuk"},
		{[]byte("text")}, {[]byte{0xff, 0xfe}}, {time.Unix(0, 0)},
	}
	got := CensusOf(rows, 0)
	want := Census{Ints: 2, Reals: 1, Bools: 1, Dates: 1, Months: 1, Texts: 2, Bytes: 1, Binary: 1, Others: 1}
	if got != want {
		t.Errorf("CensusOf = %+v, want %+v", got, want)
	}
}
