package dataset_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/incq/incq"
	"github.com/incq/incq/dataset"
	"github.com/incq/incq/incqtest"
)

func loadErrors(tb testing.TB, fsys fs.FS) []string {
	tb.Helper()
	return loadErrorsWith(tb, fsys, dataset.LoadOptions{})
}

// loadErrorsWith loads with the loader tuned by opts.
func loadErrorsWith(tb testing.TB, fsys fs.FS, opts dataset.LoadOptions) []string {
	tb.Helper()
	return loadErrorsCtx(tb, context.Background(), fsys, opts)
}

// loadErrorsCtx loads fsys under ctx and returns its errors, one string
// each; nil when it loads.
func loadErrorsCtx(tb testing.TB, ctx context.Context, fsys fs.FS, opts dataset.LoadOptions) []string {
	tb.Helper()
	db, err := incq.Open(ctx, incq.Options{Dataset: fsys, DatasetName: "d", Load: opts})
	if err == nil {
		db.Close()
		return nil
	}
	var errs *dataset.Errors
	if !errors.As(err, &errs) {
		tb.Fatalf("Open: got %v, want *dataset.Errors", err)
	}
	var out []string
	for _, e := range errs.List {
		out = append(out, e.Error())
	}
	return out
}

const tollsHeader = "toll_id,episode_id,source_id,paragraph,side,status,category,count,qualifier,note\n"

func TestLoadRefuses(t *testing.T) {
	tests := []struct {
		name  string
		file  string // file to replace (or add); "-x.csv" removes x.csv
		data  string
		wants []string
	}{
		{"wrong type", "episode_tolls.csv", tollsHeader + "T01,E2020,S004,6,,killed,any,many,more-than,\n",
			[]string{`d/episode_tolls.csv:2: column "count": "many" is not an integer`}},
		{"endless line", "episode_tolls.csv", tollsHeader + "T01,E2020,S004,6,,killed,any,1,exact,\n" + "T02,E2020,S004,6,,killed,any,1,exact," + strings.Repeat("x", 2<<20) + "\n",
			[]string{`d/episode_tolls.csv:3: longer than 1024 KiB; a dataset line may hold at most that`}},
		{"bad real", "places.csv", "place_id,name,kind,country,province,parent_id,lat,lon,coord_precision,note\nx,X,city,,,,north,1,settlement,\n",
			nil /* checked below by prefix */},
		{"unknown enumeration value", "episode_tolls.csv", tollsHeader + "T01,E2020,S004,6,,dead,any,1,exact,\n",
			[]string{`d/episode_tolls.csv:2: column "status": "dead" is not in casualty_statuses.status (want one of: captured, killed, missing, wounded)`}},
		{"dangling reference", "episode_tolls.csv", tollsHeader + "T01,E1999,S004,6,,killed,any,1,exact,\n",
			[]string{`d/episode_tolls.csv:2: column "episode_id": "E1999" is not in episodes.episode_id (want one of: E1990s, E2020, E2021-05, E2022-09, E2023)`}},
		{"duplicate key", "episode_tolls.csv", tollsHeader + "T01,E2020,S004,6,,killed,any,1,exact,\nT02,E2020,S004,6,,killed,any,2,exact,\nT01,E2020,S004,6,,killed,any,3,exact,\n",
			[]string{`d/episode_tolls.csv:4: column "toll_id": duplicate key "T01" (first on line 2)`}},
		{"missing field", "episode_tolls.csv", tollsHeader + "T01,E2020,S004,6,,killed,any,1,exact\n",
			[]string{`d/episode_tolls.csv:2: got 9 fields, want 10`}},
		{"extra field", "episode_tolls.csv", tollsHeader + "T01,E2020,S004,6,,killed,any,1,exact,,x\n",
			[]string{`d/episode_tolls.csv:2: got 11 fields, want 10`}},
		{"required value", "episode_tolls.csv", tollsHeader + "T01,,S004,6,,killed,any,1,exact,\n",
			[]string{`d/episode_tolls.csv:2: column "episode_id": value is required`}},
		{"check constraint", "episode_tolls.csv", tollsHeader + "T01,E2020,S004,0,,killed,any,1,exact,\n",
			[]string{`d/episode_tolls.csv:2: row breaks the rule "paragraph >= 1"`}},
		{"bad UTF-8", "episode_tolls.csv", tollsHeader + "T01,E2020,S004,6,,killed,any,1,exact,caf\xe9\n",
			[]string{`d/episode_tolls.csv:2: column "note": not valid UTF-8`}},
		{"bad date", "talks.csv", "talks_id,date,date_start,date_end,date_precision,date_basis,place_id,host_id,host_role,status,summary\nTK01,2022-02-30,2022-02-01,2022-03-01,day,b,,,,held,s\nTK02,30/09/2022,2022-09-01,2022-10-01,day,b,,,,held,s\n",
			[]string{
				`d/talks.csv:2: column "date": "2022-02-30" is not a calendar date`,
				`d/talks.csv:3: column "date": "30/09/2022" is not a date (want YYYY-MM-DD)`,
				// and talk_participants and talk_reports still point at TK03..TK05
			}},
		{"count too large", "episode_tolls.csv", tollsHeader + "T01,E2020,S004,6,,killed,any,9223372036854775807,exact,\n",
			[]string{`d/episode_tolls.csv:2: column "count": "9223372036854775807" is more than 10000000, too many for a count`}},
		{"hex float", "places.csv", "place_id,name,kind,country,province,parent_id,lat,lon,coord_precision,note\nx,X,city,,,,0x1p-2,1,settlement,\n",
			[]string{`d/places.csv:2: column "lat": "0x1p-2" is not a number (write decimal digits, e.g. 0.25)`}},
		{"underscore in a real", "places.csv", "place_id,name,kind,country,province,parent_id,lat,lon,coord_precision,note\nx,X,city,,,,4_0.5,1,settlement,\n",
			[]string{`d/places.csv:2: column "lat": "4_0.5" is not a number (write decimal digits, e.g. 40.5)`}},
		{"real underflows", "places.csv", "place_id,name,kind,country,province,parent_id,lat,lon,coord_precision,note\nx,X,city,,,,1e-400,1,settlement,\n",
			[]string{`d/places.csv:2: column "lat": "1e-400" is too close to 0 to store (the limit is about 4.9e-324)`}},
		{"NUL in a key", "episode_tolls.csv", tollsHeader + "T\x0001,E2020,S004,6,,killed,any,1,exact,\n",
			[]string{`d/episode_tolls.csv:2: column "toll_id": contains a NUL byte`}},
		{"UTF-16", "episode_tolls.csv", "\xff\xfet\x00o\x00",
			[]string{`d/episode_tolls.csv: file is UTF-16; save it as UTF-8`}},
		{"UTF-16 big-endian", "episode_tolls.csv", "\xfe\xff\x00t\x00o",
			[]string{`d/episode_tolls.csv: file is UTF-16; save it as UTF-8`}},
		{"CR line ends", "episode_tolls.csv", strings.ReplaceAll(tollsHeader+"T01,E2020,S004,6,,killed,any,1,exact,\n", "\n", "\r"),
			[]string{`d/episode_tolls.csv: lines end in CR alone; save with LF or CRLF line ends`}},
		{"missing column in header", "episode_tolls.csv", "toll_id,episode_id,source_id,paragraph,side,status,category,count,note\n",
			[]string{`d/episode_tolls.csv:1: column "qualifier": missing from the header (want "toll_id,episode_id,source_id,paragraph,side,status,category,count,qualifier,note")`}},
		{"unknown column in header", "episode_tolls.csv", strings.TrimSuffix(tollsHeader, "\n") + ",notes\n",
			[]string{`d/episode_tolls.csv:1: column "notes": not a column of this table; did you mean "note"?`}},
		{"column twice in header", "episode_tolls.csv", strings.TrimSuffix(tollsHeader, "\n") + ",note\n",
			[]string{`d/episode_tolls.csv:1: column "note": appears twice in the header`}},
		{"empty file", "episode_tolls.csv", "",
			[]string{`d/episode_tolls.csv:1: empty file: want a header line "toll_id,episode_id,source_id,paragraph,side,status,category,count,qualifier,note"`}},
		{"bare quote", "episode_tolls.csv", tollsHeader + "T01,E2020,S004,6,,killed,any,1,exact,say \"hi\n",
			[]string{`d/episode_tolls.csv:2:42: bare " in non-quoted-field`}},
		{"missing file", "-claim_weapons.csv", "",
			[]string{`d/claim_weapons.csv: missing file (every table needs one; a header line alone makes an empty table)`}},
		{"extra file", "claim.csv", "x\n",
			[]string{`d/claim.csv: no table "claim" in the schema; did you mean "claims"?`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := incqtest.Dataset(t)
			if name, ok := strings.CutPrefix(tt.file, "-"); ok {
				delete(fsys, name)
			} else {
				fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			}
			got := loadErrors(t, fsys)
			if len(got) == 0 {
				t.Fatal("loaded; want errors")
			}
			if tt.wants == nil {
				return
			}
			for _, want := range tt.wants {
				if !slices.Contains(got, want) {
					t.Errorf("missing error %q\n(all: %q)", want, got)
				}
			}
		})
	}
}

func TestLoadRefusesRealNumber(t *testing.T) {
	fsys := incqtest.Dataset(t)
	places := string(fsys["places.csv"].Data)
	fsys["places.csv"].Data = []byte(strings.Replace(places, "sotk,Sotk,village,Armenia,Gegharkunik,gegharkunik,40.206,", "sotk,Sotk,village,Armenia,Gegharkunik,gegharkunik,north,", 1))
	got := loadErrors(t, fsys)
	want := `d/places.csv:7: column "lat": "north" is not a number`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want [%q]", got, want)
	}
}

// Legal CSV that spreadsheets write: a byte order mark, CRLF line ends,
// quoted newlines, columns in another order.
func TestLoadAcceptsSpreadsheetCSV(t *testing.T) {
	fsys := incqtest.Dataset(t)
	fsys["episode_tolls.csv"] = &fstest.MapFile{Data: []byte("\ufeffnote,toll_id,episode_id,source_id,paragraph,side,status,category,count,qualifier\r\n" +
		"\"two\r\nlines, and a comma\",T01,E2020,S004,6,,killed,any,6000,more-than\r\n")}
	if got := incqtest.Counts(t, fsys)["episode_tolls"]; got != 1 {
		t.Errorf("episode_tolls: got %d rows, want 1", got)
	}
}

func TestLoadHeaderOnly(t *testing.T) {
	fsys := incqtest.Dataset(t)
	fsys["episode_tolls.csv"] = &fstest.MapFile{Data: []byte(tollsHeader)}
	if got := loadErrors(t, fsys); got != nil {
		t.Fatalf("got errors %q, want none", got)
	}
}

// Every error is reported, not just the first, with its place.
func TestLoadReportsEveryError(t *testing.T) {
	fsys := incqtest.Dataset(t)
	fsys["episode_tolls.csv"] = &fstest.MapFile{Data: []byte(tollsHeader +
		"T01,E2020,S004,x,,killed,any,1,exact,\n" +
		"T02,E2020,S009,6,,killed,any,1,exact,\n" +
		"T03,E2020,S004,6,,killed,any,-1,exact,\n")}
	got := loadErrors(t, fsys)
	want := []string{
		`d/episode_tolls.csv:2: column "paragraph": "x" is not an integer`,
		`d/episode_tolls.csv:3: column "source_id": "S009" is not in sources.source_id (want one of: S000, S001, S002, S003, S004)`,
		`d/episode_tolls.csv:4: column "count": "-1" is negative; a count is 0 or more`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Writing the embedded dataset back out gives its files byte for byte.
func TestWriteRoundTrip(t *testing.T) {
	db := incqtest.Open(t, nil)
	counts, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		want, err := fs.ReadFile(dataset.FS(), c.Table+".csv")
		if err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		if err := db.Export(context.Background(), c.Table, &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != string(want) {
			t.Errorf("%s.csv: export differs from the embedded file", c.Table)
		}
	}
}

func TestDateCells(t *testing.T) {
	fsys := incqtest.Dataset(t)
	talks := "talks_id,date,date_start,date_end,date_precision,date_basis,place_id,host_id,host_role,status,summary\n"
	for _, d := range []string{"2024-02-29", "2023-02-28", "2023-12-31", "0001-01-01"} {
		talks += "TK" + d + "," + d + "," + d + "," + d + ",day,b,,,,held,s\n"
	}
	for _, d := range []string{"2023-02-29", "2023-04-31", "2023-00-10", "2023-13-01", "2023-01-00"} {
		talks += "TK" + d + "," + d + "," + d + "," + d + ",day,b,,,,held,s\n"
	}
	for _, d := range []string{"2023-1-01", "2023/01/01", "20230101", "2023-01-0a", " 2023-01-01"} {
		talks += "TK" + d + "," + d + ",2023-01-01,2023-01-01,day,b,,,,held,s\n"
	}
	fsys["talks.csv"] = &fstest.MapFile{Data: []byte(talks)}
	fsys["talk_participants.csv"] = &fstest.MapFile{Data: []byte("talks_id,actor_id\n")}
	fsys["talk_reports.csv"] = &fstest.MapFile{Data: []byte("talks_id,source_id,paragraph,quote,note\n")}
	got := loadErrors(t, fsys)
	var want []string
	for i, d := range []string{"2023-02-29", "2023-04-31", "2023-00-10", "2023-13-01", "2023-01-00"} {
		for _, col := range []string{"date", "date_start", "date_end"} {
			want = append(want, fmt.Sprintf(`d/talks.csv:%d: column %q: %q is not a calendar date`, 6+i, col, d))
		}
	}
	for i, d := range []string{"2023-1-01", "2023/01/01", "20230101", "2023-01-0a", " 2023-01-01"} {
		want = append(want, fmt.Sprintf(`d/talks.csv:%d: column "date": %q is not a date (want YYYY-MM-DD)`, 11+i, d))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A parent table that cannot be read at all is reported once, not once
// per row that points into it.
func TestBrokenParentReportedOnce(t *testing.T) {
	fsys := incqtest.Dataset(t)
	fsys["sources.csv"] = &fstest.MapFile{Data: []byte("source_id,file\nS000,x\n")}
	got := loadErrors(t, fsys)
	for _, e := range got {
		if !strings.HasPrefix(e, "d/sources.csv:1: ") {
			t.Errorf("unexpected error %q", e)
		}
	}
	if len(got) == 0 {
		t.Fatal("loaded; want header errors")
	}
}

// References within a table (a place inside another, a claim answering
// another) are checked once the table is in, both against keys held in
// memory and, for a parent too large to hold, by SQLite.
func TestSelfReferences(t *testing.T) {
	fsys := incqtest.Dataset(t)
	fsys["places.csv"].Data = append(fsys["places.csv"].Data, "zz,Zz,village,Armenia,,nowhere,,,,\n"...)
	fsys["claim_responses.csv"].Data = append(fsys["claim_responses.csv"].Data, "C042,C099\n"...)
	for _, tt := range []struct {
		maxKeys int
		places  string // what the error on places lists
	}{
		{1 << 24, " (want one of: armenia, armenia-azerbaijan-border, azerbaijan, brussels, gegharkunik, kelbajar, kelbajar-town, khankendi, lachin, lachin-corridor, nagorno-karabakh, nakhchivan, new-york, sotk, turkey, ukraine, united-states, vardenis, zz)"},
		{1, ""},
	} {
		t.Run(fmt.Sprint("maxKeys=", tt.maxKeys), func(t *testing.T) {
			want := []string{
				`d/claim_responses.csv:13: column "responds_to": "C099" is not in claims.claim_id`,
				`d/places.csv:20: column "parent_id": "nowhere" is not in places.place_id` + tt.places,
			}
			got := loadErrorsWith(t, fsys, dataset.LoadOptions{MaxKeys: tt.maxKeys})
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// With every parent too large to hold, SQLite checks each reference, and
// the errors are the ones found in memory.
func TestReferencesCheckedInSQL(t *testing.T) {
	fsys := incqtest.Dataset(t)
	// Line 2 is refused, so rowids and lines part ways after it.
	fsys["episode_tolls.csv"] = &fstest.MapFile{Data: []byte(tollsHeader +
		"T00,E2020,S004,x,,killed,any,1,exact,\n" +
		"T01,E1999,S004,6,,killed,any,1,exact,\n" +
		"T02,E2020,S009,6,,dead,any,1,exact,\n" +
		"T03,E2020,S004,6,,killed,any,1,exact,\n" +
		"T01,E2020,S004,6,,killed,any,1,exact,\n")}
	inMemory := loadErrors(t, fsys)
	inSQL := loadErrorsWith(t, fsys, dataset.LoadOptions{MaxKeys: 1})
	want := []string{
		`d/episode_tolls.csv:2: column "paragraph": "x" is not an integer`,
		`d/episode_tolls.csv:3: column "episode_id": "E1999" is not in episodes.episode_id`,
		`d/episode_tolls.csv:4: column "source_id": "S009" is not in sources.source_id`,
		`d/episode_tolls.csv:4: column "status": "dead" is not in casualty_statuses.status`,
		`d/episode_tolls.csv:6: column "toll_id": duplicate key "T01" (first on line 3)`,
	}
	if strings.Join(inSQL, "\n") != strings.Join(want, "\n") {
		t.Errorf("in SQL: got\n%s\nwant\n%s", strings.Join(inSQL, "\n"), strings.Join(want, "\n"))
	}
	want[1] += " (want one of: E1990s, E2020, E2021-05, E2022-09, E2023)"
	want[2] += " (want one of: S000, S001, S002, S003, S004)"
	want[3] += " (want one of: captured, killed, missing, wounded)"
	if strings.Join(inMemory, "\n") != strings.Join(want, "\n") {
		t.Errorf("in memory: got\n%s\nwant\n%s", strings.Join(inMemory, "\n"), strings.Join(want, "\n"))
	}
}

// TestOneBadLineOneProblem: a line with the wrong number of fields, or one
// that stops the file's reading, is the one problem reported, not every
// reference to the rows it took away.
func TestOneBadLineOneProblem(t *testing.T) {
	fsys := incqtest.Dataset(t)
	sides := string(fsys["sides.csv"].Data)
	lines := strings.SplitN(sides, "\n", 3)
	fsys["sides.csv"].Data = []byte(lines[0] + "\n" + lines[1] + ",extra\n" + lines[2])
	want := []string{`d/sides.csv:2: got 4 fields, want 3`}
	if got := loadErrors(t, fsys); !reflect.DeepEqual(got, want) {
		t.Errorf("extra field: got %q, want %q", got, want)
	}

	fsys = incqtest.Dataset(t)
	incidents := strings.SplitN(string(fsys["incidents.csv"].Data), "\n", 3)
	fsys["incidents.csv"].Data = []byte(incidents[0] + "\n" + strings.TrimSuffix(incidents[1], ",curated") + strings.Repeat("x", dataset.MaxLine) + ",curated\n" + incidents[2])
	want = []string{`d/incidents.csv:2: longer than 1024 KiB; a dataset line may hold at most that`}
	if got := loadErrors(t, fsys); !reflect.DeepEqual(got, want) {
		t.Errorf("long line: got %q, want %q", got, want)
	}
}

// TestRestatedInRule: restated_in is a list of the report's other
// paragraphs; anything else would break the evidence query.
func TestRestatedInRule(t *testing.T) {
	for _, v := range []string{"1;x;5", "1;;5", "1;4;5", "0", ";1", "1;"} {
		fsys := incqtest.Dataset(t)
		data := string(fsys["casualties.csv"].Data)
		if !strings.Contains(data, ",4,1;2;5,") {
			t.Fatal("casualties.csv no longer has F02's restated_in 1;2;5 on paragraph 4")
		}
		fsys["casualties.csv"].Data = []byte(strings.Replace(data, ",4,1;2;5,", ",4,"+v+",", 1))
		want := []string{`d/casualties.csv:3: row breaks the rule "restated_in lists other paragraphs of the report, as 1;2;5"`}
		if got := loadErrors(t, fsys); !reflect.DeepEqual(got, want) {
			t.Errorf("restated_in %q: got %q, want %q", v, got, want)
		}
	}
}

// TestUnclosedQuoteWhereItOpens: a quoted field whose closing quote is
// missing is reported on the line where it opens.
func TestUnclosedQuoteWhereItOpens(t *testing.T) {
	fsys := incqtest.Dataset(t)
	lines := strings.SplitN(string(fsys["claims.csv"].Data), "\n", 4)
	if !strings.HasPrefix(lines[2], "C002,") {
		t.Fatal("claims.csv line 3 is no longer C002")
	}
	fsys["claims.csv"].Data = []byte(lines[0] + "\n" + lines[1] + "\n\"" + lines[2] + "\n" + lines[3])
	got := loadErrors(t, fsys)
	if len(got) != 1 || !strings.HasPrefix(got[0], "d/claims.csv:3: the quoted field that opens on this line has a quote missing or too many (the reader stopped at line ") {
		t.Errorf("got %q", got)
	}
}

// TestNotADataset: a folder without any of the tables' files is one
// problem, not one missing file per table.
func TestNotADataset(t *testing.T) {
	got := loadErrors(t, fstest.MapFS{"notes.txt": {Data: []byte("x")}})
	want := []string{"d: holds none of the dataset's 40 CSV files (sides.csv, date_precisions.csv, ...); incq export --dir DIR writes a complete dataset"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A folder written before incq import added tables and columns loads:
// the new tables come from the embedded dataset, a new column left out
// takes its default (incidents.origin) or is empty (casualties.party_id).
func TestOlderFolderLoads(t *testing.T) {
	fsys := incqtest.Dataset(t)
	for _, table := range []string{"origins", "actor_sides", "claim_citations", "acled_events", "ucdp_events", "incident_parties"} {
		delete(fsys, table+".csv")
	}
	dropLast := func(name string) {
		lines := strings.Split(strings.TrimSuffix(string(fsys[name].Data), "\n"), "\n")
		for i, l := range lines {
			lines[i] = l[:strings.LastIndexByte(l, ',')]
		}
		fsys[name].Data = []byte(strings.Join(lines, "\n") + "\n")
	}
	dropLast("incidents.csv")
	dropLast("casualties.csv")
	db := incqtest.Open(t, fsys)
	got, err := db.Strings(context.Background(), "SELECT origin || ' ' || count(*) FROM incidents GROUP BY origin")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"curated 11"}; !reflect.DeepEqual(got, want) {
		t.Errorf("incidents by origin: got %q, want %q", got, want)
	}
	got, err = db.Strings(context.Background(), "SELECT count(*) || ' ' || count(party_id) FROM casualties")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"13 0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("casualties, with a party: got %q, want %q", got, want)
	}
}

// A claim's figure for anyone beside its figure for soldiers of the same
// side and status would count some people twice: loading refuses it. The
// other order, and civilians beside soldiers, are fine and not.
func TestAnyFigureStandsAlone(t *testing.T) {
	fsys := incqtest.Dataset(t)
	fsys["casualties.csv"].Data = append(fsys["casualties.csv"].Data, "F99,C013,armenia,killed,any,2,exact,4,,a test figure,\n"...)
	want := []string{`d/casualties.csv:15: category "any" counts soldiers and civilians both: a claim cannot also give a figure for one of them for the same side and status (split the figure, or keep the one the report gives)`}
	if got := loadErrors(t, fsys); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	fsys = incqtest.Dataset(t)
	fsys["casualties.csv"].Data = append(fsys["casualties.csv"].Data, "F99,C013,armenia,killed,civilian,2,exact,4,,a test figure,\n"...)
	if got := loadErrors(t, fsys); len(got) != 0 {
		t.Errorf("soldiers and civilians: got %q, want no problem", got)
	}
}
