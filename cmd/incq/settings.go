package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/urfave/cli/v2"
)

// settings is all a run takes from its process besides arguments and
// streams: the environment it reads and the policies main applies. main
// builds it once (processSettings); a test builds its own, so no test
// changes a package variable or the real environment.
type settings struct {
	// getenv reads the environment: INCQ_CACHE_DIR, INCQ_QUERIES, and for
	// tables COLUMNS, TERM and the locale (LC_ALL, LC_CTYPE, LANG).
	getenv func(string) string
	// progressAfter is how long a load runs before its progress shows on
	// a terminal.
	progressAfter time.Duration
	// oneThreadUntilLoad starts the run on one thread and lets it use
	// every CPU once it loads a dataset. Most runs open a cached database
	// and answer one query, and start faster on one thread: the runtime's
	// other threads cost more to start than they give back; a load reads
	// and inserts on two goroutines. Off when GOMAXPROCS is set, which is
	// obeyed.
	oneThreadUntilLoad bool
	// stuck, when set, is told that the run passed its --timeout or
	// --memory-limit (cause says which). The run then stops at SQLite's
	// next step, which one long step can delay: the process gives it a
	// grace period and then ends itself (see runProcess). Tests leave it
	// nil.
	stuck func(cause error)
	// setGrace, when set, changes how long a run asked to stop by a
	// signal has to end on its own before the process ends it (stopGrace
	// unless set): incq serve lets the requests in flight finish. Tests
	// leave it nil.
	setGrace func(time.Duration)
	// console, when set, lets the interactive shell take Ctrl-C for the
	// statement it runs and put the terminal back on an abrupt exit.
	// Tests in-process leave it nil.
	console *console
}

// processSettings are the settings of incq run as a program.
func processSettings() settings {
	return settings{
		getenv:             os.Getenv,
		progressAfter:      time.Second,
		oneThreadUntilLoad: os.Getenv("GOMAXPROCS") == "",
		console:            &console{},
	}
}

// start applies the thread policy at the start of a run.
func (s settings) start() {
	if s.oneThreadUntilLoad {
		runtime.GOMAXPROCS(1)
	}
}

// loading is called when a dataset load begins (not on a cache hit).
func (s settings) loading() {
	if s.oneThreadUntilLoad {
		runtime.SetDefaultGOMAXPROCS()
	}
}

// cacheDir is where loaded datasets are kept: $INCQ_CACHE_DIR, or incq
// under the user's cache directory. INCQ_CACHE_DIR=off turns caching off.
// When there is no cache, why says so, unless it was asked for.
func (s settings) cacheDir() (dir, why string) {
	if dir := s.getenv("INCQ_CACHE_DIR"); dir != "" {
		if dir == "off" {
			return "", ""
		}
		return dir, ""
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Sprintf("running without a cache: %v", err)
	}
	// The user's cache directory is created when missing, but never the
	// directory it should be in: a HOME that does not exist stays so.
	if _, err := os.Stat(base); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Dir(base)); err != nil {
			return "", fmt.Sprintf("running without a cache: %s does not exist", filepath.Dir(base))
		}
	}
	return filepath.Join(base, "incq"), ""
}

// envQueryFolders lists the folders of personal queries INCQ_QUERIES
// names (a path list).
func (s settings) envQueryFolders() []queryFolder {
	var dirs []queryFolder
	for _, d := range filepath.SplitList(s.getenv("INCQ_QUERIES")) {
		if d != "" {
			dirs = append(dirs, queryFolder{d, "INCQ_QUERIES"})
		}
	}
	return dirs
}

const settingsKey = "settings"

// settingsOf returns the settings the app was built with.
func settingsOf(app *cli.App) settings {
	s, _ := app.Metadata[settingsKey].(settings)
	if s.getenv == nil {
		s.getenv = func(string) string { return "" }
	}
	return s
}
