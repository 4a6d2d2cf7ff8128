package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq/internal/suggest"
)

// usageError is a mistake on the command line: exit status 2, with a hint.
type usageError struct {
	msg string
	cmd string // the command whose --help to suggest; empty for incq itself
	try string // a better suggestion than --help, if any
}

func (e *usageError) Error() string { return e.msg }

func (e *usageError) hint() string {
	if e.try != "" {
		return "Try: " + e.try
	}
	if e.cmd == "" {
		return "Try: incq --help"
	}
	return "Try: incq " + e.cmd + " --help"
}

func usagef(cmd, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), cmd: cmd}
}

var flagRE = regexp.MustCompile(`^--?([A-Za-z][A-Za-z0-9-]*)(=.*)?$`)

// reorder makes flags work anywhere on the line. urfave/cli stops reading
// flags at the first argument (urfave/cli issues #976 and #1177), so
// `incq query casualties-by-side --format csv` would silently drop the
// format. reorder moves every flag into place: the common flags before the
// command, the command's own flags after it and before its arguments. An
// unknown command or flag, or a flag without its value, is a usage error.
// Everything after "--" is an argument. reorder records how the user
// spelled each flag (-p or --param) for messages (see spelled). The
// hidden __complete command gets its words untouched; a command's --help
// drops its arguments, so that "incq show incident --help" is help.
func reorder(app *cli.App, args []string) ([]string, error) {
	if len(args) == 0 {
		return args, nil
	}
	if len(args) > 1 && args[1] == completeName {
		return args, nil
	}
	spellings, _ := app.Metadata[spellingsKey].(map[string]string)
	if spellings == nil {
		spellings = map[string]string{}
		if app.Metadata == nil {
			app.Metadata = map[string]any{}
		}
		app.Metadata[spellingsKey] = spellings
	}
	help := false
	global := flagTable(app.Flags)
	global["help"], global["h"] = false, false
	global["version"], global["v"] = false, false

	var (
		globals, cmdFlags, positional []string
		cmd                           *cli.Command
		local                         map[string]bool
		dashdash                      bool
		given                         = map[string]string{} // a flag's value, for one given twice
	)
	rest := args[1:]
	for i := 0; i < len(rest); i++ {
		tok := rest[i]
		if dashdash {
			positional = append(positional, tok)
			continue
		}
		if tok == "--" {
			dashdash = true
			continue
		}
		m := flagRE.FindStringSubmatch(tok)
		if m == nil && len(tok) > 2 && tok[0] == '-' && isLetter(tok[1]) {
			// -ofoo.csv, -o./x.csv: a one-letter flag whose attached
			// value holds what a flag name cannot.
			takes, isLocal := local[tok[1:2]]
			if !isLocal {
				takes = global[tok[1:2]]
			}
			if takes {
				tok = tok[:2] + "=" + tok[2:]
				m = flagRE.FindStringSubmatch(tok)
			}
		}
		if m == nil && strings.HasPrefix(tok, "-") && len(strings.TrimLeft(tok, "-")) > 0 && isLetter(strings.TrimLeft(tok, "-")[0]) && !strings.HasPrefix(tok, "-- ") {
			// ---format, -x.y: meant as a flag, spelled as none.
			name, _, _ := strings.Cut(strings.TrimLeft(tok, "-"), "=")
			known := keys(global)
			where, cmdName := "incq", ""
			if cmd != nil {
				where, cmdName = "incq "+cmd.Name, cmd.Name
				known = append(known, keys(local)...)
			}
			return nil, usagef(cmdName, "unknown flag %q for %s%s", tok, where, dashHint(name, known))
		}
		if m == nil {
			if cmd == nil {
				cmd = app.Command(tok)
				if cmd == nil || cmd.Hidden {
					return nil, usagef("", "unknown command %q%s", tok, suggest.Hint(tok, commandNames(app)))
				}
				local = flagTable(cmd.Flags)
				local["help"], local["h"] = false, false
				continue
			}
			positional = append(positional, tok)
			continue
		}
		if short, rest, ok := glued(tok, m, local, global); ok {
			// -fjson: a one-letter flag with its value attached, as
			// getopt reads it.
			tok = "-" + short + "=" + rest
			m = flagRE.FindStringSubmatch(tok)
		}
		name, inline := m[1], m[2] != ""
		typed := tok[:len(tok)-len(strings.TrimLeft(tok, "-"))] + name // the flag as the user wrote it
		takesValue, isLocal := local[name]
		dest := &cmdFlags
		if !isLocal {
			var isGlobal bool
			takesValue, isGlobal = global[name]
			if !isGlobal {
				where, cmdName := "incq", ""
				known := keys(global)
				if cmd != nil {
					where, cmdName = "incq "+cmd.Name, cmd.Name
					known = append(known, keys(local)...)
				}
				return nil, usagef(cmdName, "unknown flag %q for %s%s", typed, where, dashHint(name, known))
			}
			dest = &globals
			if cmd != nil && (name == "help" || name == "h") {
				dest = &cmdFlags
			}
		}
		// urfave/cli refuses -p and --param on one line: use one name.
		canon := canonical(app, cmd, name)
		if _, seen := spellings[canon]; !seen {
			spellings[canon] = typed
		}
		if canon == "help" {
			help = true
		}
		if takesValue && !repeatable(app, cmd, canon) {
			// The last one would win in silence: -f csv ... -f json.
			this := tok
			if !inline && i+1 < len(rest) {
				this += " " + rest[i+1]
			}
			if first, dup := given[canon]; dup {
				return nil, usagef(commandName(cmd), "%s and %s: the flag is given twice; give it once", first, this)
			}
			given[canon] = this
		}
		*dest = append(*dest, "--"+canon+m[2])
		if takesValue && !inline {
			if i+1 >= len(rest) {
				return nil, usagef(commandName(cmd), "flag %q needs a value", typed)
			}
			i++
			*dest = append(*dest, rest[i])
		}
	}
	out := append([]string{args[0]}, globals...)
	if cmd != nil {
		out = append(out, cmd.Name)
		out = append(out, cmdFlags...)
		if help && cmd.Name != "help" {
			return out, nil
		}
		if len(positional) > 0 {
			out = append(out, "--")
		}
		out = append(out, positional...)
	}
	return out, nil
}

// commandName is cmd's name, or "" before any command.
func commandName(cmd *cli.Command) string {
	if cmd == nil {
		return ""
	}
	return cmd.Name
}

// glued splits -fjson into the one-letter flag f and its value json when
// fjson names no flag and f is one that takes a value.
func glued(tok string, m []string, local, global map[string]bool) (short, rest string, ok bool) {
	name := m[1]
	if strings.HasPrefix(tok, "--") || len(name) < 2 {
		return "", "", false
	}
	if _, known := local[name]; known {
		return "", "", false
	}
	if _, known := global[name]; known {
		return "", "", false
	}
	takes, isLocal := local[name[:1]]
	if !isLocal {
		takes = global[name[:1]]
	}
	return name[:1], name[1:] + m[2], takes
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// findFlag returns the command's or the app's flag called name, or nil.
func findFlag(app *cli.App, cmd *cli.Command, name string) cli.Flag {
	flags := app.Flags
	if cmd != nil {
		flags = append(append([]cli.Flag(nil), cmd.Flags...), flags...)
	}
	for _, f := range flags {
		if slices.Contains(f.Names(), name) {
			return f
		}
	}
	return nil
}

// canonical returns the first name of the flag called name.
func canonical(app *cli.App, cmd *cli.Command, name string) string {
	if f := findFlag(app, cmd, name); f != nil {
		return f.Names()[0]
	}
	return name
}

// repeatable reports whether the flag called name collects every value it
// is given (--param, --queries, --y) rather than keeping one.
func repeatable(app *cli.App, cmd *cli.Command, name string) bool {
	_, ok := findFlag(app, cmd, name).(*cli.StringSliceFlag)
	return ok
}

// flagTable maps every name of every flag to whether it takes a value.
func flagTable(flags []cli.Flag) map[string]bool {
	t := map[string]bool{}
	for _, f := range flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			t[n] = !isBool
		}
	}
	return t
}

func keys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		if len(k) > 1 {
			ks = append(ks, k)
		}
	}
	return ks
}

func dashHint(name string, known []string) string {
	near := suggest.Nearest(name, known)
	if len(near) == 0 {
		return ""
	}
	for i, n := range near {
		near[i] = `"--` + n + `"`
	}
	return "; did you mean " + strings.Join(near, " or ") + "?"
}

func commandNames(app *cli.App) []string {
	var names []string
	for _, c := range app.Commands {
		if !c.Hidden {
			names = append(names, c.Names()...)
		}
	}
	return names
}
