package main

import (
	"bytes"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
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
	// Most of these tests wait on processes (a signal's grace, a slow
	// client, a timeout) more than they compute: run more at once than
	// there are CPUs, unless -parallel says otherwise.
	if f := flag.Lookup("test.parallel"); f != nil && f.Value.String() == strconv.Itoa(runtime.GOMAXPROCS(0)) {
		f.Value.Set(strconv.Itoa(3 * runtime.GOMAXPROCS(0)))
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
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cachedb": cachedb,
		},
	})
}

// cachedb SQL runs SQL on every database in $INCQ_CACHE_DIR, as someone
// editing the cache by hand would. cachedb -damage instead overwrites a
// page in the middle of each with garbage and sets its modification time
// back, as a failing disk might.
func cachedb(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: cachedb SQL|-damage")
	}
	files, _ := filepath.Glob(filepath.Join(ts.Getenv("INCQ_CACHE_DIR"), "*.db"))
	if len(files) == 0 {
		ts.Fatalf("no cache files")
	}
	for _, f := range files {
		st, err := os.Stat(f)
		ts.Check(err)
		if args[0] == "-damage" {
			w, err := os.OpenFile(f, os.O_WRONLY, 0)
			ts.Check(err)
			_, err = w.WriteAt(bytes.Repeat([]byte{0xa5}, 512), st.Size()/2)
			ts.Check(err)
			ts.Check(w.Close())
			ts.Check(os.Chtimes(f, st.ModTime(), st.ModTime()))
			continue
		}
		db, err := sql.Open("sqlite", "file:"+f)
		ts.Check(err)
		_, err = db.Exec(args[0])
		ts.Check(err)
		ts.Check(db.Close())
	}
}
