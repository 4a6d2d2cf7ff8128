package incq

import (
	"database/sql/driver"
	"sync"

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
	return sqlite.RegisterDeterministicScalarFunction("incq_search_variants", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		s, _ := args[0].(string)
		return fold.Variants(s), nil
	})
})
