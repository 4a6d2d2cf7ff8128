package main

import (
	"context"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// The timeline is a real PNG of the chart's size (16×10 cm at 150 dpi)
// with both sides' colours in it.
func TestPlotTimelinePNG(t *testing.T) {
	file := filepath.Join(t.TempDir(), "timeline.png")
	if code, _, stderr := runIncq(context.Background(), testSettings(t), "", "plot", "timeline", "-o", file); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 940 || b.Dx() > 950 || b.Dy() < 585 || b.Dy() > 595 {
		t.Errorf("size %dx%d, want about 945x591 (16x10 cm at 150 dpi)", b.Dx(), b.Dy())
	}
	want := map[string]color.RGBA{"armenia": {0xE6, 0x9F, 0x00, 0xFF}, "azerbaijan": {0x00, 0x72, 0xB2, 0xFF}}
	seen := map[string]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			got := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			for side, c := range want {
				if got == c {
					seen[side]++
				}
			}
		}
	}
	for side := range want {
		if seen[side] < 50 {
			t.Errorf("%s's colour %v: %d pixels, want a line of it", side, want[side], seen[side])
		}
	}
}

// A plot stopped by Ctrl-C leaves no file.
func TestPlotInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	file := filepath.Join(t.TempDir(), "timeline.png")
	code, _, stderr := runIncq(ctx, testSettings(t), "", "plot", "timeline", "-o", file)
	if code != exitInterrupt || stderr != "incq: interrupted\n" {
		t.Errorf("got %d %q, want %d \"incq: interrupted\\n\"", code, stderr, exitInterrupt)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("%s: %v, want no file", file, err)
	}
}

func TestIsTerminalPath(t *testing.T) {
	for _, path := range []string{os.DevNull, filepath.Join(t.TempDir(), "x.png"), t.TempDir()} {
		if isTerminalPath(path) {
			t.Errorf("isTerminalPath(%q) = true, want false", path)
		}
	}
}
