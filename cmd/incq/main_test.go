package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	// Tests that must watch a real process (its memory, a kill -9) run
	// this test binary as incq.
	if os.Getenv("INCQ_TEST_MAIN") == "1" {
		s := processSettings()
		if d := os.Getenv("INCQ_TEST_PROGRESS_AFTER"); d != "" {
			s.progressAfter, _ = time.ParseDuration(d)
		}
		os.Exit(runProcess(s))
	}
	testscript.Main(m, map[string]func(){
		"incq": main,
	})
}

// TestScripts runs the end-to-end scripts in testdata/script. Set
// INCQ_UPDATE_SCRIPTS=1 to rewrite their expected output from a real run.
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("INCQ_UPDATE_SCRIPTS") != "",
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo) // the checkout, for comparing with its files
			env.Setenv("INCQ_CACHE_DIR", filepath.Join(env.WorkDir, ".cache"))
			return nil
		},
	})
}
