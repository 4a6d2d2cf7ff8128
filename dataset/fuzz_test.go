package dataset_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/incq/incq"
	"github.com/incq/incq/dataset"
	"github.com/incq/incq/incqtest"
)

// FuzzLoad feeds arbitrary bytes as one table's CSV file. Whatever the
// input, loading either succeeds or fails with *dataset.Errors whose every
// message is one line naming the file; it never panics.
func FuzzLoad(f *testing.F) {
	f.Add("episode_tolls", []byte(tollsHeader+"T01,E2020,S004,6,,killed,any,6000,more-than,\n"))
	f.Add("episode_tolls", []byte(tollsHeader+"T01,E2020,S004,x,,dead,any,-1,more-than\n"))
	f.Add("episode_tolls", []byte("\ufeff"+strings.ReplaceAll(tollsHeader, "\n", "\r\n")+"\"a\r\nb\",E2020,S004,6,,killed,any,1,exact,\"q\"\"\"\r\n"))
	f.Add("episode_tolls", []byte(""))
	f.Add("episode_tolls", []byte("\xff\xfe"))
	f.Add("talks", []byte("talks_id,date,date_start,date_end,date_precision,date_basis,place_id,host_id,host_role,status,summary\nTK01,2022-02-30,2022-02-01,2022-03-01,day,b,,,,held,s\n"))
	f.Add("claims", []byte("claim_id\n\"unterminated\n"))
	f.Fuzz(func(t *testing.T, table string, data []byte) {
		fsys := incqtest.Dataset(t)
		name := table + ".csv"
		if _, ok := fsys[name]; !ok || strings.ContainsAny(table, "/.") {
			t.Skip()
		}
		fsys[name] = &fstest.MapFile{Data: data}
		db, err := incq.Open(context.Background(), incq.Options{Dataset: fsys, DatasetName: "d"})
		if err == nil {
			db.Close()
			return
		}
		var errs *dataset.Errors
		if !errors.As(err, &errs) {
			t.Fatalf("got %T %v, want *dataset.Errors", err, err)
		}
		for _, e := range errs.List {
			msg := e.Error()
			if strings.ContainsAny(msg, "\n\r") || !strings.HasPrefix(msg, "d/") {
				t.Errorf("message is not one line naming the file: %q", msg)
			}
		}
	})
}
