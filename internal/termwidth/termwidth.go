// Package termwidth finds the facts about the terminal that shape a table:
// how wide it is and whether it can show more than ASCII.
package termwidth

import (
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"
)

// Width reports how many columns wide the output is: the size of the
// terminal when f is one, else the COLUMNS environment variable (read with
// getenv) when it holds a positive number. ok is false when neither says,
// as when the output is a file or a pipe and COLUMNS is not exported; the
// caller then falls back to its own default.
//
// The CLI's precedence is: an explicit --width, else Width, else 80.
func Width(f *os.File, getenv func(string) string) (width int, ok bool) {
	if f != nil && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w, true
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(getenv("COLUMNS"))); err == nil && n > 0 {
		return n, true
	}
	return 0, false
}

// UTF8Locale reports whether the locale named by the environment encodes
// text as UTF-8. The first of LC_ALL, LC_CTYPE and LANG that is set
// decides, as in POSIX; with none set the locale is "C", which is not
// UTF-8.
func UTF8Locale(getenv func(string) string) bool {
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		// "en_US.UTF-8", "C.utf8", "de_DE.UTF-8@euro"
		_, charset, _ := strings.Cut(v, ".")
		charset, _, _ = strings.Cut(charset, "@")
		charset = strings.ToLower(strings.ReplaceAll(charset, "-", ""))
		return charset == "utf8"
	}
	return false
}

// ASCII reports whether tables should be drawn with plain ASCII borders:
// when TERM is "dumb", or a locale is set (LC_ALL, LC_CTYPE or LANG) and
// it is not UTF-8. With no locale set at all, as in many containers and
// CI runners whose terminals are UTF-8 all the same, borders stay Unicode.
func ASCII(getenv func(string) string) bool {
	if getenv("TERM") == "dumb" {
		return true
	}
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if getenv(name) != "" {
			return !UTF8Locale(getenv)
		}
	}
	return false
}
