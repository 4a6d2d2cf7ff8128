package main

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/incq/incq/internal/suggest"
	"github.com/incq/incq/queries"
)

// spelled returns a flag's name as the user wrote it (-p or --param), for
// messages about it: reorder records the spellings.
func spelled(c *cli.Context, name string) string {
	if c == nil || c.App == nil {
		return "--" + name
	}
	if m, ok := c.App.Metadata[spellingsKey].(map[string]string); ok && m[name] != "" {
		return m[name]
	}
	return "--" + name
}

const spellingsKey = "spellings"

// paramValues reads the --param NAME=VALUE flags of a named query.
func paramValues(c *cli.Context) (map[string]string, error) {
	flag := spelled(c, "param")
	values := map[string]string{}
	for _, kv := range c.StringSlice("param") {
		name, value, ok := strings.Cut(kv, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, usagef(c.Command.Name, "%s %q: want NAME=VALUE", flag, kv)
		}
		if _, dup := values[name]; dup {
			return nil, usagef(c.Command.Name, "%s %q given twice", flag, name)
		}
		values[name] = value
	}
	return values, nil
}

// bindQuery checks the values given for q's parameters. An empty value
// leaves a parameter that may be null unset, so that it binds NULL (no
// limit). A query with dates since and until must not have since after
// until.
func bindQuery(q queries.Query, values map[string]string) ([]any, error) {
	for _, p := range q.Params {
		if v, ok := values[p.Name]; ok && p.Null && strings.TrimSpace(v) == "" {
			delete(values, p.Name)
		}
	}
	bound, err := q.Bind(values)
	if err != nil {
		return nil, &usageError{msg: err.Error(), try: "incq queries " + q.Name}
	}
	byName := map[string]any{}
	for _, a := range bound {
		byName[a.Name] = a.Value
	}
	if since, until := dateParam(q, byName, "since"), dateParam(q, byName, "until"); since != "" && until != "" && since > until {
		return nil, &usageError{msg: fmt.Sprintf("query %q: since %s is after until %s", q.Name, since, until), try: "incq queries " + q.Name}
	}
	return queries.NamedArgs(bound), nil
}

// dateParam returns the value of q's date parameter name, or "".
func dateParam(q queries.Query, values map[string]any, name string) string {
	for _, p := range q.Params {
		if p.Name == name && p.Type == queries.Date {
			s, _ := values[name].(string)
			return s
		}
	}
	return ""
}

// sqlParamRE compiles on first use: its Unicode classes cost 0.2 ms and
// 180 KB, which only sql --param needs.
var sqlParamRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([\p{L}_][\p{L}\p{N}_]*)(:([\p{L}]*))?$`)
})

// sqlParams binds the --param flags of ad-hoc SQL to :name, @name or
// $name: NAME=VALUE binds text, NAME:TYPE=VALUE a value of that type
// (text, integer, real, date or count; any case),
// checked as a named query's parameters are. Every :name the SQL uses must
// be set, and every parameter set must be used: a mistyped name is an
// error, never a silent NULL.
func sqlParams(c *cli.Context, text string) ([]any, error) {
	return bindSQL(spelled(c, "param"), c.StringSlice("param"), text)
}

// bindSQL binds the NAME=VALUE or NAME:TYPE=VALUE settings kvs to the
// parameters of SQL text, as sqlParams does; flag names where they were
// given (--param, or a web form's fields) in messages.
func bindSQL(flag string, kvs []string, text string) ([]any, error) {
	var params []queries.Param
	values := map[string]string{}
	for _, kv := range kvs {
		p, value, err := sqlParam(kv)
		if err != nil {
			return nil, usagef("sql", "%s %q: %s", flag, kv, err)
		}
		if _, dup := values[p.Name]; dup {
			return nil, usagef("sql", "%s %q given twice", flag, p.Name)
		}
		values[p.Name] = value
		params = append(params, p)
	}
	if queries.Positional(text) {
		return nil, usagef("sql", "sql: positional parameters (?) cannot be bound: name them, e.g. :since, and give %s since=VALUE", flag)
	}
	used := queries.Placeholders(text)
	usedNames := make([]string, 0, len(used))
	for name := range used {
		usedNames = append(usedNames, name)
	}
	sort.Strings(usedNames)
	for _, p := range params {
		if !used[p.Name] {
			return nil, usagef("sql", "sql: %s %q is not used: the SQL has no :%s%s", flag, p.Name, p.Name, suggest.Hint(p.Name, usedNames))
		}
	}
	for _, name := range usedNames {
		if _, ok := values[name]; !ok {
			return nil, usagef("sql", "sql: parameter :%s is not set; give it with %s %s=VALUE", name, flag, name)
		}
	}
	q := queries.Query{Name: "sql", Params: params}
	bound, err := q.Bind(values)
	if err != nil {
		return nil, usagef("sql", "sql: %s", strings.TrimPrefix(err.Error(), `query "sql": `))
	}
	return queries.NamedArgs(bound), nil
}

// sqlTypes are the types a parameter of ad-hoc SQL may be given.
var sqlTypes = []string{string(queries.Text), string(queries.Integer), string(queries.Real), string(queries.Date), string(queries.Count)}

// sqlParam reads one parameter of ad-hoc SQL, NAME=VALUE or
// NAME:TYPE=VALUE, as --param and the shell's .param set take it: a
// required parameter of TYPE (text when none is given) and its value.
// The error says what is wrong with kv; the caller says where it was.
func sqlParam(kv string) (queries.Param, string, error) {
	lhs, value, ok := strings.Cut(kv, "=")
	m := sqlParamRE().FindStringSubmatch(strings.TrimSpace(lhs))
	if !ok || m == nil {
		return queries.Param{}, "", errors.New("want NAME=VALUE or NAME:TYPE=VALUE")
	}
	name, typ := m[1], strings.ToLower(m[3])
	if m[2] != "" && typ == "" {
		return queries.Param{}, "", fmt.Errorf("no type after the colon (want %s)", strings.Join(sqlTypes, ", "))
	}
	if typ == "" {
		typ = string(queries.Text)
	}
	if !contains(sqlTypes, typ) {
		return queries.Param{}, "", fmt.Errorf("unknown type %q (want %s)%s", typ, strings.Join(sqlTypes, ", "), suggest.Hint(typ, sqlTypes))
	}
	return queries.Param{Name: name, Type: queries.Type(typ), Required: true}, value, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
