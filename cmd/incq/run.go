package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq/dataset"
)

// Exit statuses.
const (
	exitOK        = 0
	exitError     = 1
	exitUsage     = 2
	exitInterrupt = 130
	exitInternal  = 70 // EX_SOFTWARE: a bug in incq
)

// run is incq's whole life: it parses args, runs one command with the
// settings s and returns the exit status. Errors are printed once, on
// stderr, as "incq: ...".
func run(ctx context.Context, s settings, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	stderr = visibleWriter{stderr}
	out := &watchedWriter{w: stdout}
	app := newApp(s, stdin, out, stderr)
	args, err := reorder(app, args)
	if err == nil {
		err = app.RunContext(ctx, args)
	}
	if g, ok := app.Metadata[guardKey].(*memoryGuard); ok && err != nil {
		if e := g.tripped.Load(); e != nil {
			err = e // whatever the run said as it stopped, this is why
		}
	}
	if t, ok := app.Metadata[timeoutKey].(time.Duration); ok && errors.Is(err, context.DeadlineExceeded) && !errors.As(err, new(*timeoutError)) {
		err = &timeoutError{t} // a driver's bare deadline error: name the --timeout
	}
	if err == nil && out.err != nil {
		// Help, version and anything else urfave/cli prints itself: a
		// write that failed is an error, not a success.
		err = fmt.Errorf("write standard output: %w", out.err)
	}
	return report(ctx, err, stderr)
}

// visibleWriter escapes, in what incq says on stderr, the characters a
// reader could not see or that a terminal would act on, as %q does
// (\u00a0, \u200b, \x1b): a message quoting data ("I08" with a no-break
// space after it) shows the data as it is. Line ends, tabs and the
// progress line's own "\r\x1b[K" pass through.
type visibleWriter struct{ w io.Writer }

func (v visibleWriter) Write(p []byte) (int, error) {
	s := string(p)
	clean := true
	for i, r := range s {
		if invisible(r) && !(r == '\x1b' && i > 0 && s[i-1] == '\r') {
			clean = false
			break
		}
	}
	if clean {
		return v.w.Write(p)
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\x1b' && i > 0 && s[i-1] == '\r':
			b.WriteRune(r)
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\ufffd"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case invisible(r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	if _, err := io.WriteString(v.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// invisible reports whether r is a control character (but a line end or
// a tab), a space other than the plain one, a zero-width character, a
// bidirectional control or a byte that is not UTF-8.
func invisible(r rune) bool {
	switch {
	case r == '\n' || r == '\r' || r == '\t':
		return false
	case r < 0x20 || (r >= 0x7f && r < 0xa0), r == utf8.RuneError:
		return true
	case r == 0xa0 || r == 0xad || r == 0x034f || r == 0x061c || r == 0x180e || r == 0xfeff:
		return true
	case r >= 0x2000 && r <= 0x200f, r >= 0x2028 && r <= 0x202f, r >= 0x205f && r <= 0x206f, r == 0x3000:
		return true
	}
	return false
}

// watchedWriter keeps the first error writing to standard output, so that
// no write goes unchecked, whoever makes it.
type watchedWriter struct {
	w   io.Writer
	err error
}

func (o *watchedWriter) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil && o.err == nil {
		o.err = err
	}
	return n, err
}

// file returns the *os.File beneath w, if there is one: for asking whether
// it is a terminal, and how wide.
func file(w io.Writer) (*os.File, bool) {
	switch o := w.(type) {
	case *watchedWriter:
		w = o.w
	case visibleWriter:
		w = o.w
	}
	f, ok := w.(*os.File)
	return f, ok
}

// report prints err and maps it to an exit status.
func report(ctx context.Context, err error, stderr io.Writer) int {
	var (
		ue   *usageError
		pe   *sqlPlaceError
		errs *dataset.Errors
	)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, syscall.EPIPE):
		return exitOK // the reader went away (| head): nothing to say
	case errors.Is(err, errSomeFailed):
		return exitError // the shell printed each failure as it came
	case errors.As(err, new(*memoryError)):
		fmt.Fprintf(stderr, "incq: %s\n", err)
		return exitError
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, new(*timeoutError)):
		fmt.Fprintf(stderr, "incq: %s\n", timeoutText(err))
		return exitError
	case ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.As(err, new(*signalled))):
		fmt.Fprintln(stderr, "incq: interrupted")
		var sig *signalled
		if errors.As(context.Cause(ctx), &sig) {
			if n, ok := sig.sig.(syscall.Signal); ok {
				return 128 + int(n) // as a shell reports a death by signal
			}
		}
		return exitInterrupt
	case errors.As(err, &pe):
		fmt.Fprintf(stderr, "incq: %s\n%s\n", pe.msg, pe.context)
		return exitError
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "incq: %s\n%s\n", ue.msg, ue.hint())
		return exitUsage
	case errors.As(err, &errs):
		for _, e := range errs.List {
			fmt.Fprintf(stderr, "incq: %s\n", e)
		}
		if errs.Dropped > 0 {
			fmt.Fprintf(stderr, "incq: ... and %d more problems\n", errs.Dropped)
		}
		fmt.Fprintf(stderr, "incq: the dataset does not load: %d problem%s\n", len(errs.List)+errs.Dropped, plural(len(errs.List)+errs.Dropped))
		return exitError
	}
	fmt.Fprintf(stderr, "incq: %s\n", strings.Join(strings.Fields(err.Error()), " "))
	return exitError
}

// timeoutText names the --timeout that ended a run.
func timeoutText(err error) string {
	var te *timeoutError
	if errors.As(err, &te) {
		return te.Error()
	}
	return "stopped: the run took longer than --timeout"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// version names the build: the module version of a released build, else
// the VCS revision (with "+dirty" for uncommitted changes) and its time,
// else that the build carries no version, with the Go version.
func version() string {
	info, ok := debug.ReadBuildInfo()
	return versionOf(info, ok)
}

func versionOf(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil {
		return "unknown (no build information)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, when string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel (built without version control information, " + info.GoVersion + ")"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "+dirty"
	}
	if when != "" {
		rev += " " + when
	}
	return "devel " + rev
}

// usageOnError turns urfave/cli's flag parsing errors into usage errors.
func usageOnError(cmd string) cli.OnUsageErrorFunc {
	return func(c *cli.Context, err error, _ bool) error {
		msg := err.Error()
		if i := strings.Index(msg, "flag -"); i >= 0 {
			name := msg[i+len("flag -"):]
			if j := strings.IndexAny(name, ": "); j >= 0 {
				name = name[:j]
			}
			msg = msg[:i] + "flag " + spelled(c, name) + msg[i+len("flag -")+len(name):]
		}
		return &usageError{msg: msg, cmd: cmd}
	}
}
