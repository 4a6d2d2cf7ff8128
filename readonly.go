package incq

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"modernc.org/sqlite"
)

// ErrReadOnly is returned by Query when a statement would change the
// database or reach outside it.
var ErrReadOnly = errors.New("ad-hoc SQL is read-only")

// readOnly is a driver.Connector whose every connection is locked before
// database/sql hands it out: an authorizer admits reads only (no ATTACH,
// so no VACUUM INTO either), and query_only refuses any write that slips
// past it. Each connection keeps what its authorizer last refused, so that
// many queries can run at once and each error names its own statement.
type readOnly struct {
	base driver.Connector

	mu    sync.Mutex
	state map[driver.Conn]*guard
}

// guard is one connection's read-only policy and its last refusal.
type guard struct {
	denied string
	sql    string // the text being run, to name a refusal in its terms
}

func newReadOnly(dsn string) (*readOnly, error) {
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return &readOnly{base: base, state: map[driver.Conn]*guard{}}, nil
}

func (r *readOnly) Driver() driver.Driver { return r.base.Driver() }

func (r *readOnly) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := r.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	g := &guard{}
	if err := lockConn(ctx, dc, g); err != nil {
		dc.Close()
		return nil, err
	}
	r.mu.Lock()
	r.state[dc] = g
	r.mu.Unlock()
	return dc, nil
}

// guardOf returns the guard of a connection this connector made. The pool
// keeps its connections until the DB closes, so the map stays small.
func (r *readOnly) guardOf(dc any) *guard {
	c, _ := dc.(driver.Conn)
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.state[c]
}

func lockConn(ctx context.Context, dc driver.Conn, g *guard) error {
	reg, ok := dc.(sqlite.AuthorizerRegisterer)
	if !ok {
		return errors.New("sqlite driver has no authorizer")
	}
	ex, ok := dc.(driver.ExecerContext)
	if !ok {
		return errors.New("sqlite driver cannot execute with a context")
	}
	// temp_store: sorts and temporary tables too large for the cache
	// stay in memory rather than spill to files in /var/tmp or $TMPDIR,
	// so ad-hoc SQL writes nothing to disk. (Heap limits would bound that
	// memory, but this SQLite is built without memory statistics, which
	// they need.)
	if _, err := ex.ExecContext(ctx, "PRAGMA query_only = 1; PRAGMA temp_store = MEMORY", nil); err != nil {
		return err
	}
	return reg.RegisterAuthorizer(g.authorize)
}

// Pragmas that only read, and may take an argument (a table name).
var infoPragmas = map[string]bool{
	"table_info": true, "table_xinfo": true, "table_list": true, "index_list": true,
	"index_info": true, "index_xinfo": true, "foreign_key_list": true,
	"foreign_key_check": true, "integrity_check": true, "quick_check": true,
}

// Pragmas that are safe to read when given no value.
var readPragmas = map[string]bool{
	"foreign_keys": true, "user_version": true, "schema_version": true, "application_id": true,
	"page_count": true, "page_size": true, "freelist_count": true, "encoding": true,
	"compile_options": true, "collation_list": true, "function_list": true,
	"module_list": true, "pragma_list": true, "database_list": true, "data_version": true,
	"query_only": true,
}

func (g *guard) authorize(action sqlite.AuthorizerActionCode, arg1, arg2, _, _ string) sqlite.AuthorizerReturnCode {
	return g.decide(action, arg1, arg2)
}

// decide applies the read-only policy. It records the first refusal of a
// statement, the one that names what the user wrote.
func (g *guard) decide(action sqlite.AuthorizerActionCode, arg1, arg2 string) sqlite.AuthorizerReturnCode {
	deny := func(what string) sqlite.AuthorizerReturnCode {
		if g.denied == "" {
			g.denied = what
		}
		return sqlite.AuthorizerDeny
	}
	switch action {
	case sqlite.AuthSelect, sqlite.AuthRead, sqlite.AuthRecursive:
		return sqlite.AuthorizerOK
	case sqlite.AuthFunction:
		if strings.EqualFold(arg2, "load_extension") {
			return deny("load_extension()")
		}
		return sqlite.AuthorizerOK
	case sqlite.AuthPragma:
		name := strings.ToLower(arg1)
		if infoPragmas[name] || readPragmas[name] && arg2 == "" {
			return sqlite.AuthorizerOK
		}
		if arg2 != "" {
			return deny(fmt.Sprintf("PRAGMA %s = %s", arg1, arg2))
		}
		return deny("PRAGMA " + arg1)
	}
	first := leadingWords().FindAllStringSubmatch(g.sql, -1)
	starts := func(word string) bool {
		for _, m := range first {
			if strings.EqualFold(m[1], word) {
				return true
			}
		}
		return false
	}
	if action == sqlite.AuthAttach && starts("vacuum") {
		// VACUUM attaches a database of its own: name what the user
		// wrote, not that.
		if arg1 != "" {
			return deny("VACUUM INTO (to save the database, use incq export --db FILE)")
		}
		return deny("VACUUM")
	}
	if starts("analyze") {
		return deny("ANALYZE") // it would write its statistics into the schema
	}
	if name, ok := actionNames[action]; ok {
		if schemaTables[strings.ToLower(arg1)] {
			// CREATE and DROP first ask to write the schema table.
			return deny("changing the schema (CREATE, DROP, ALTER)")
		}
		return deny(name)
	}
	return deny(fmt.Sprintf("operation %d", action))
}

// leadingWords finds the statements of SQL text that start with VACUUM
// or ANALYZE, after any spaces and comments: what the authorizer sees of
// them is a write to the schema, not what the user wrote.
var leadingWords = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?is)(?:^|;)(?:\s|--[^\n]*(?:\n|$)|/\*.*?\*/)*(vacuum|analyze)\b`)
})

var schemaTables = map[string]bool{
	"sqlite_master": true, "sqlite_schema": true, "sqlite_temp_master": true, "sqlite_temp_schema": true,
}

var actionNames = map[sqlite.AuthorizerActionCode]string{
	sqlite.AuthInsert: "INSERT", sqlite.AuthUpdate: "UPDATE", sqlite.AuthDelete: "DELETE",
	sqlite.AuthCreateTable: "CREATE TABLE", sqlite.AuthCreateIndex: "CREATE INDEX",
	sqlite.AuthCreateView: "CREATE VIEW", sqlite.AuthCreateTrigger: "CREATE TRIGGER",
	sqlite.AuthCreateTempTable: "CREATE TEMP TABLE", sqlite.AuthCreateTempIndex: "CREATE TEMP INDEX",
	sqlite.AuthCreateTempView: "CREATE TEMP VIEW", sqlite.AuthCreateTempTrigger: "CREATE TEMP TRIGGER",
	sqlite.AuthCreateVTable: "CREATE VIRTUAL TABLE",
	sqlite.AuthDropTable:    "DROP TABLE", sqlite.AuthDropIndex: "DROP INDEX", sqlite.AuthDropView: "DROP VIEW",
	sqlite.AuthDropTrigger: "DROP TRIGGER", sqlite.AuthDropTempTable: "DROP TABLE",
	sqlite.AuthDropTempIndex: "DROP INDEX", sqlite.AuthDropTempView: "DROP VIEW",
	sqlite.AuthDropTempTrigger: "DROP TRIGGER", sqlite.AuthDropVTable: "DROP TABLE",
	sqlite.AuthAlterTable: "ALTER TABLE", sqlite.AuthReindex: "REINDEX", sqlite.AuthAnalyze: "ANALYZE",
	sqlite.AuthAttach: "ATTACH", sqlite.AuthDetach: "DETACH",
	sqlite.AuthTransaction: "BEGIN, COMMIT or ROLLBACK", sqlite.AuthSavepoint: "SAVEPOINT",
}
