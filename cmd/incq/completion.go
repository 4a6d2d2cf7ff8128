package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq/internal/suggest"
)

var shells = []string{"bash", "zsh", "fish"}

// completionCommand prints a shell's completion script. The scripts only
// pass the words typed so far to incq __complete: the knowledge of
// commands, flags, queries and parameters stays in Go.
func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a completion script for bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: describe(
			"Completes commands, flags, query names (yours too), parameter names\n"+
				"after -p, table names for schema, kinds for show and formats for -f.",
			"source <(incq completion bash)        # in ~/.bashrc",
			"source <(incq completion zsh)         # in ~/.zshrc, after compinit",
			"incq completion fish > ~/.config/fish/completions/incq.fish",
		),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("completion", "want the shell: %s", strings.Join(shells, ", "))
			}
			var script string
			switch sh := c.Args().First(); sh {
			case "bash":
				script = bashCompletion
			case "zsh":
				script = zshCompletion
			case "fish":
				script = fishCompletion
			default:
				return usagef("completion", "unknown shell %q (want %s)%s", sh, strings.Join(shells, ", "), suggest.Hint(sh, shells))
			}
			// A script, not results: printed as is.
			_, err := fmt.Fprint(c.App.Writer, script)
			return err
		},
	}
}

const bashCompletion = `# bash completion for incq. Load it with: source <(incq completion bash)
_incq_complete() {
    # Words as typed: bash splits "-p since=x" at "=" (COMP_WORDBREAKS),
    # incq __complete wants them whole.
    local i w words=()
    for ((i = 1; i <= COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if ((i > 1 && ${#words[@]} > 0)) && [[ $w == = || ${COMP_WORDS[i-1]} == = ]]; then
            words[${#words[@]}-1]+=$w
        else
            words+=("$w")
        fi
    done
    local cur=${COMP_WORDS[COMP_CWORD]} last=${words[${#words[@]}-1]}
    local out c
    out=$("${COMP_WORDS[0]}" __complete "${words[@]}" 2>/dev/null) || return 0
    COMPREPLY=()
    local IFS=$'\n'
    for c in $out; do
        # Where bash split the word at "=", offer what follows the "=".
        if [[ $cur != "$last" && $last == *=* ]]; then
            c=${c#"${last%=*}="}
            [[ $cur == = ]] && c="=$c"
        fi
        COMPREPLY+=("$c")
    done
    if ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == *= ]]; then
        compopt -o nospace 2>/dev/null
    fi
    return 0
}
complete -o default -F _incq_complete incq
`

const zshCompletion = `#compdef incq
# zsh completion for incq. Load it with: source <(incq completion zsh)
# (after compinit), or save it as _incq in a folder on $fpath.
_incq() {
  local -a out eq rest
  out=("${(@f)$("${words[1]}" __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
  out=(${out:#})
  if (( ${#out} == 0 )); then
    _files
    return
  fi
  eq=(${(M)out:#*=})
  rest=(${out:#*=})
  (( ${#eq} )) && compadd -S '' -- "${eq[@]}"
  (( ${#rest} )) && compadd -- "${rest[@]}"
  return 0
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _incq "$@"
else
  compdef _incq incq
fi
`

const fishCompletion = `# fish completion for incq. Load it with: incq completion fish | source
# or save it as ~/.config/fish/completions/incq.fish.
function __incq_complete
    set -l args (commandline -opc)
    set -l cmd $args[1]
    set -e args[1]
    set -l cur (commandline -ct)
    set -l out ($cmd __complete $args "$cur" 2>/dev/null)
    if test (count $out) -eq 0
        __fish_complete_path "$cur"
        return
    end
    printf '%s\n' $out
end
complete -c incq -f -a '(__incq_complete)'
`
