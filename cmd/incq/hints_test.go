package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Every "Try:" hint runs: the hints the scripts expect, and those that a
// sample of mistakes prints.
func TestTryHintsRun(t *testing.T) {
	s := testSettings(t)
	ctx := context.Background()
	hints := map[string]bool{}
	files, err := filepath.Glob("testdata/script/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	expected := regexp.MustCompile(`(?m)^stderr '\^Try: (incq[^$']*)\$'`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range expected.FindAllStringSubmatch(string(data), -1) {
			hints[strings.ReplaceAll(m[1], `\`, "")] = true
		}
	}
	mistakes := [][]string{
		{"frobnicate"},
		{"show"},
		{"show", "incidnt", "I01"},
		{"show", "incident", "NOPE"},
		{"show", "place", "Atlantis"},
		{"query", "nope"},
		{"query"},
		{"query", "casualties-by-side", "-p", "x=1"},
		{"query", "casualties-by-side", "-p", "since=2023-01-01", "-p", "until=2022-01-01"},
		{"queries", "nope"},
		{"sql", "-p", "x=1", "select 1"},
		{"sql", "select :x"},
		{"schema", "nope"},
		{"search"},
		{"export"},
		{"check", "extra"},
		{"help", "nope"},
		{"completion"},
		{"--timeout", "soon", "check"},
		{"-f", "xml", "check"},
		{"sql", "--bogus"},
	}
	for _, args := range mistakes {
		code, _, stderr := runIncq(ctx, s, "", args...)
		if code != exitUsage {
			t.Errorf("incq %s: got exit %d, want %d (%s)", strings.Join(args, " "), code, exitUsage, stderr)
			continue
		}
		_, hint, ok := strings.Cut(stderr, "\nTry: ")
		if !ok {
			t.Errorf("incq %s: no Try: line in %q", strings.Join(args, " "), stderr)
			continue
		}
		hints[strings.TrimSuffix(hint, "\n")] = true
	}
	if len(hints) < 10 {
		t.Fatalf("found %d hints, want at least 10", len(hints))
	}
	keys := make([]string, 0, len(hints))
	for h := range hints {
		keys = append(keys, h)
	}
	slices.Sort(keys)
	for _, hint := range keys {
		t.Run(hint, func(t *testing.T) {
			words := strings.Fields(hint)
			if words[0] != "incq" {
				t.Fatalf("hint %q does not start with incq", hint)
			}
			code, stdout, stderr := runIncq(ctx, s, "", words[1:]...)
			if code != exitOK || stdout == "" {
				t.Errorf("got exit %d, %d bytes of output, stderr %q; want exit 0 and output", code, len(stdout), stderr)
			}
		})
	}
}

// show's help names every kind of dossier the catalog has, and no other.
func TestShowHelpNamesTheKinds(t *testing.T) {
	text := strings.NewReplacer("\n", " ", ",", "", " or ", " ").Replace(showKindsText)
	got := strings.Fields(text)
	want := dossierKinds()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("show's help names %q; the catalog has %q", got, want)
	}
}
