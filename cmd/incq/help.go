package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq/internal/suggest"
)

// helpCommand is incq help [COMMAND]: the same text as --help.
func helpCommand() *cli.Command {
	return &cli.Command{
		Name:      "help",
		Usage:     "show help for incq or one command",
		ArgsUsage: "[COMMAND]",
		Description: describe(
			"",
			"incq help",
			"incq help query",
		),
		Action: func(c *cli.Context) error {
			switch c.NArg() {
			case 0:
				return cli.ShowAppHelp(c)
			case 1:
				name := c.Args().First()
				cmd := c.App.Command(name)
				if cmd == nil || cmd.Hidden {
					return &usageError{msg: fmt.Sprintf("unknown command %q%s", name, suggest.Hint(name, commandNames(c.App))), try: "incq help"}
				}
				// As --help shows it: cli.ShowCommandHelp would look for
				// name among help's own subcommands.
				tmpl := cmd.CustomHelpTemplate
				if tmpl == "" {
					tmpl = cli.CommandHelpTemplate
				}
				cli.HelpPrinter(c.App.Writer, tmpl, cmd)
				return nil
			}
			return usagef("help", "want at most one command name, got %d arguments", c.NArg())
		},
	}
}

// globalFlagsHelp is the section every command's help ends with: the
// flags given before or after any command. urfave/cli shows a command's
// own flags only.
func globalFlagsHelp(app *cli.App) string {
	var b strings.Builder
	b.WriteString("\nGLOBAL FLAGS (anywhere on the line):\n")
	for _, f := range app.Flags {
		if f == cli.HelpFlag {
			continue
		}
		// The text goes into a template: keep its actions out.
		line := strings.NewReplacer("{{", "{ {", "}}", "} }").Replace(f.String())
		fmt.Fprintf(&b, "   %s\n", line)
	}
	return b.String()
}

// describe writes a command's description: what it does, then its
// examples, one command line each.
func describe(about string, examples ...string) string {
	var b strings.Builder
	b.WriteString(about)
	if about != "" {
		b.WriteString("\n\n")
	}
	b.WriteString("Examples:")
	for _, e := range examples {
		b.WriteString("\n  " + e)
	}
	return b.String()
}
