package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq/queries"
	"github.com/incq/incq/render"
	"github.com/incq/incq/schema"
)

// completeName is the hidden command the completion scripts call with the
// words typed so far; it prints the candidates for the last one, one a
// line. The logic lives here, in Go, so one implementation serves bash,
// zsh and fish and is tested like any command. No candidates means: let
// the shell complete file names.
const completeName = "__complete"

func completeCommand() *cli.Command {
	return &cli.Command{
		Name:            completeName,
		Usage:           "print completions for the words given (used by the completion scripts)",
		Hidden:          true,
		SkipFlagParsing: true,
		// Its words are the user's line: "help" or "-h" among them is
		// a word to complete, not a request for help.
		HideHelp: true,
		Action: func(c *cli.Context) error {
			// Not results: a shell's protocol, like help text, so it is
			// printed as is rather than through emit.
			for _, s := range complete(c.App, c.Args().Slice()) {
				fmt.Fprintln(c.App.Writer, s)
			}
			return nil
		},
	}
}

// complete returns the candidates for the last of words, the words after
// "incq" on the line so far (the last may be empty).
func complete(app *cli.App, words []string) []string {
	if len(words) == 0 {
		words = []string{""}
	}
	cur, before := words[len(words)-1], words[:len(words)-1]
	var (
		cmd        *cli.Command
		positional []string
		given      = map[string][]string{} // flag values by canonical name
		pending    string                  // a flag whose value is the current word
		dashdash   bool
	)
	for i := 0; i < len(before); i++ {
		w := before[i]
		m := flagRE.FindStringSubmatch(w)
		if dashdash || m == nil {
			if w == "--" {
				dashdash = true
				continue
			}
			if cmd == nil {
				if cmd = app.Command(w); cmd == nil || cmd.Hidden {
					return nil
				}
				continue
			}
			positional = append(positional, w)
			continue
		}
		name, takesValue := flagNamed(app, cmd, m[1])
		switch {
		case m[2] != "":
			given[name] = append(given[name], m[2][1:])
		case takesValue && i+1 < len(before):
			i++
			given[name] = append(given[name], before[i])
		case takesValue:
			pending = name
		}
	}
	if pending != "" {
		return withPrefix(flagValues(app, cmd, pending, positional, given), cur)
	}
	if m := flagRE.FindStringSubmatch(cur); m != nil && m[2] != "" {
		name, _ := flagNamed(app, cmd, m[1])
		flag := strings.TrimSuffix(cur, m[2]) + "="
		var out []string
		for _, v := range flagValues(app, cmd, name, positional, given) {
			out = append(out, flag+v)
		}
		return withPrefix(out, cur)
	}
	if strings.HasPrefix(cur, "-") && !dashdash {
		var out []string
		flags := app.Flags
		if cmd != nil {
			flags = append(append([]cli.Flag(nil), cmd.Flags...), app.Flags...)
		}
		for _, f := range flags {
			for _, n := range f.Names() {
				if len(n) > 1 {
					out = append(out, "--"+n)
				} else {
					out = append(out, "-"+n)
				}
			}
		}
		out = append(out, "--help")
		if cmd == nil {
			out = append(out, "--version")
		}
		return withPrefix(out, cur)
	}
	if cmd == nil {
		var out []string
		for _, c := range app.Commands {
			if !c.Hidden {
				out = append(out, c.Name)
			}
		}
		return withPrefix(out, cur)
	}
	var out []string
	switch n := len(positional); {
	case (cmd.Name == "query" || cmd.Name == "queries" || cmd.Name == "plot") && n == 0:
		for _, q := range completionCatalog(app, given).queries {
			out = append(out, q.Name)
		}
	case cmd.Name == "schema" && n == 0:
		tables, _ := schema.Describe(schema.FS())
		for _, t := range tables {
			out = append(out, t.Name)
		}
		views, _ := schema.DescribeViews(schema.FS())
		for _, v := range views {
			out = append(out, v.Name)
		}
	case cmd.Name == "show" && n == 0:
		dossiers, _ := queries.Dossiers()
		for _, d := range dossiers {
			out = append(out, d.Kind)
		}
	case cmd.Name == "help" && n == 0:
		for _, c := range app.Commands {
			if !c.Hidden {
				out = append(out, c.Name)
			}
		}
	case cmd.Name == "completion" && n == 0:
		out = shells
	}
	return withPrefix(out, cur)
}

// flagNamed returns the canonical name of the flag called name and
// whether it takes a value.
func flagNamed(app *cli.App, cmd *cli.Command, name string) (string, bool) {
	canon := canonical(app, cmd, name)
	takesValue, ok := flagTable(app.Flags)[canon]
	if cmd != nil {
		if v, local := flagTable(cmd.Flags)[canon]; local {
			takesValue, ok = v, true
		}
	}
	return canon, ok && takesValue
}

// flagValues returns the values a flag can take: formats for --format,
// the query's parameters (NAME=) for --param. Other flags take files.
func flagValues(app *cli.App, cmd *cli.Command, flag string, positional []string, given map[string][]string) []string {
	var out []string
	switch {
	case flag == "format":
		for _, f := range render.Formats {
			out = append(out, string(f))
		}
	case flag == "param" && cmd != nil && (cmd.Name == "query" || cmd.Name == "plot") && len(positional) > 0:
		q, err := queries.Find(completionCatalog(app, given).queries, positional[0])
		if err != nil {
			return nil
		}
		set := map[string]bool{}
		for _, kv := range given["param"] {
			name, _, _ := strings.Cut(kv, "=")
			set[name] = true
		}
		for _, p := range q.Params {
			if !set[p.Name] {
				out = append(out, p.Name+"=")
			}
		}
	}
	return out
}

// completionCatalog is the catalog with the folders on the line so far
// and in INCQ_QUERIES; when a folder does not load, the built-in queries.
func completionCatalog(app *cli.App, given map[string][]string) *catalogSet {
	folders := settingsOf(app).envQueryFolders()
	for _, d := range given["queries"] {
		folders = append(folders, queryFolder{d, "--queries"})
	}
	if set, err := loadCatalog(folders); err == nil {
		return set
	}
	set, err := loadCatalog(nil)
	if err != nil {
		return &catalogSet{}
	}
	return set
}

func withPrefix(cands []string, prefix string) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cands {
		if strings.HasPrefix(c, prefix) && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}
