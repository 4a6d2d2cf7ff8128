package incq

import (
	"database/sql/driver"
	"sync"
	"sync/atomic"

	"modernc.org/sqlite"

	"github.com/incq/incq/internal/fold"
)

// registerFunctions adds incq's SQL functions to every connection opened
// after it, once per process:
//
//	incq_fold(text)  the text as incq compares names: lower case, without
//	                 diacritics (Kəlbəcər = kelbecer), a hyphen as a space
//	                 (Nagorno Karabakh = Nagorno-Karabakh); see fold.Name
//	incq_search_variants(text)  extra words for the search index
//	incq_count(counter)  adds one to a counter (see newCounter) and is
//	                 true: WHERE incq_count(?) counts a statement's rows as
//	                 it writes them, for a progress report
var registerFunctions = sync.OnceValue(func() error {
	err := sqlite.RegisterDeterministicScalarFunction("incq_fold", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		s, ok := args[0].(string)
		if !ok {
			return args[0], nil
		}
		return fold.Name(s), nil
	})
	if err != nil {
		return err
	}
	err = sqlite.RegisterDeterministicScalarFunction("incq_search_variants", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		s, _ := args[0].(string)
		return fold.Variants(s), nil
	})
	if err != nil {
		return err
	}
	// Not deterministic: it must run for every row, never once for all.
	return sqlite.RegisterScalarFunction("incq_count", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		if id, ok := args[0].(int64); ok {
			if c, ok := counters.Load(id); ok {
				c.(*atomic.Int64).Add(1)
			}
		}
		return int64(1), nil
	})
})

// counters are the counts incq_count adds to, by number. SQL functions
// are registered once per process, so a statement names its counter.
var (
	counters    sync.Map // int64 → *atomic.Int64
	lastCounter atomic.Int64
)

// newCounter returns the number of a new counter for incq_count, the
// count, and a function that drops the counter once the statement is done.
func newCounter() (int64, *atomic.Int64, func()) {
	id, n := lastCounter.Add(1), new(atomic.Int64)
	counters.Store(id, n)
	return id, n, func() { counters.Delete(id) }
}
