package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xuri/excelize/v2"

	"github.com/incq/incq/internal/duckdb"
	"github.com/incq/incq/render"
)

// exportTo runs incq export with args in-process and fails the test unless
// it succeeds.
func exportTo(tb testing.TB, args ...string) {
	tb.Helper()
	code, _, stderr := runIncq(context.Background(), testSettings(tb), "", append([]string{"export"}, args...)...)
	if code != 0 {
		tb.Fatalf("incq export %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
}

// The workbook opens in excelize: a sheet about the tables first, one per
// table after it, dates as date cells and counts as numbers.
func TestExportXLSX(t *testing.T) {
	file := filepath.Join(t.TempDir(), "data.xlsx")
	exportTo(t, "--xlsx", file)
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 41 || sheets[0] != "tables" || !slices.Contains(sheets, "incidents") || !slices.Contains(sheets, "casualties") {
		t.Fatalf("sheets: got %q, want tables then the 40 tables", sheets)
	}
	cell := func(sheet, at string, raw bool) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, at, excelize.Options{RawCellValue: raw})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// The tables sheet: name, description, rows.
	rows, err := f.GetRows("tables")
	if err != nil {
		t.Fatal(err)
	}
	var incidents []string
	for _, r := range rows {
		if len(r) == 3 && r[0] == "incidents" {
			incidents = r
		}
	}
	if incidents == nil || !strings.HasPrefix(incidents[1], "One event in time and place") || incidents[2] != "11" {
		t.Errorf("tables sheet, incidents row: got %q, want its description and 11 rows", incidents)
	}
	// incidents C2 is I01's date: a date serial shown as a date.
	serial, _ := render.ExcelSerial(time.Date(2022, 9, 21, 0, 0, 0, 0, time.UTC))
	if got, want := cell("incidents", "A2", false), "I01"; got != want {
		t.Errorf("incidents A2: got %q, want %q", got, want)
	}
	if got, want := cell("incidents", "C2", true), strconv.Itoa(int(serial)); got != want {
		t.Errorf("incidents C2 stored: got %q, want the serial %q", got, want)
	}
	if got, want := cell("incidents", "C2", false), "2022-09-21"; got != want {
		t.Errorf("incidents C2 shown: got %q, want %q", got, want)
	}
	// casualties F3 is F02's count, 3 killed: a number, not text.
	if got := cell("casualties", "F1", false); got != "count" {
		t.Errorf("casualties F1: got %q, want count", got)
	}
	if got, want := cell("casualties", "F3", false), "3"; got != want {
		t.Errorf("casualties F3: got %q, want %q", got, want)
	}
	if typ, _ := f.GetCellType("casualties", "F3"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("casualties F3: cell type %v, want a number", typ)
	}
}

// The Parquet files open in parquet-go with the schema's types, and in
// DuckDB when it is installed.
func TestExportParquet(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "pq")
	exportTo(t, "--parquet", dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*.parquet"))
	if len(files) != 40 {
		t.Errorf("got %d Parquet files, want 40", len(files))
	}
	file := filepath.Join(dir, "incidents.parquet")
	pf := openParquet(t, file)
	if got := pf.NumRows(); got != 11 {
		t.Errorf("incidents.parquet: %d rows, want 11", got)
	}
	schema := pf.Schema().String()
	for _, want := range []string{
		"optional binary incident_id (STRING);",
		"optional int32 date (DATE);",
		"optional binary summary (STRING);",
	} {
		if !strings.Contains(schema, want) {
			t.Errorf("incidents.parquet schema lacks %q:\n%s", want, schema)
		}
	}
	for name, want := range map[string]string{
		"casualties.parquet": "optional int64 count (INT(64,true));",
		"places.parquet":     "optional double lat;",
	} {
		if s := openParquet(t, filepath.Join(dir, name)).Schema().String(); !strings.Contains(s, want) {
			t.Errorf("%s schema lacks %q:\n%s", name, want, s)
		}
	}

	t.Run("duckdb", func(t *testing.T) {
		out := duckdb.Read(t, filepath.Join("..", ".."), file)
		lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		wantHead := []string{
			"incident_id VARCHAR", "kind VARCHAR", "date DATE", "date_start DATE", "date_end DATE",
			"date_precision VARCHAR", "date_basis VARCHAR", "time_of_day VARCHAR", "place_id VARCHAR",
			"geo_precision VARCHAR", "episode_id VARCHAR", "summary VARCHAR", "origin VARCHAR",
		}
		if len(lines) != len(wantHead)+11 || !slices.Equal(lines[:len(wantHead)], wantHead) {
			t.Fatalf("duckdb read %d lines:\n%s\nwant the columns %q and 11 rows", len(lines), out, wantHead)
		}
		if first := lines[len(wantHead)]; !strings.HasPrefix(first, `["I01","cross-border-fire","2022-09-21",`) {
			t.Errorf("duckdb: first row %s, want I01 on 2022-09-21", first)
		}
	})
}

// The map opens in orb: a point per incident with coordinates, in
// longitude, latitude order.
func TestExportGeoJSON(t *testing.T) {
	file := filepath.Join(t.TempDir(), "map.geojson")
	exportTo(t, "--geojson", file)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != 8 {
		t.Errorf("got %d features, want 8 (11 incidents, 3 without coordinates)", len(fc.Features))
	}
	found := false
	for _, f := range fc.Features {
		if f.Properties["id"] != "I01" {
			continue
		}
		found = true
		// Sotk: latitude 40.206, longitude 45.863.
		if p, ok := f.Geometry.(orb.Point); !ok || p != (orb.Point{45.863, 40.206}) {
			t.Errorf("I01 at %v, want Sotk [45.863 40.206] (lon, lat)", f.Geometry)
		}
		for k, want := range map[string]any{"place": "Sotk", "date": "2022-09-21", "date_precision": "day", "geo_precision": "settlement", "coord_precision": "settlement", "am_wounded": 1.0} {
			if got := f.Properties[k]; got != want {
				t.Errorf("I01 %s: got %v, want %v", k, got, want)
			}
		}
	}
	if !found {
		t.Error("no feature for I01")
	}
}

// TestQueryColumnTypes: a named query's column lines type its computed
// columns, so a Parquet file has the same schema whatever rows a run
// returns, none included, and a date out of a UNION is a DATE.
func TestQueryColumnTypes(t *testing.T) {
	dir := t.TempDir()
	s := testSettings(t)
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"query", "casualties-by-side", "-p", "since=2030-01-01"}, []string{
			"optional binary side (STRING);", "optional int64 incidents (INT(64,true));", "optional int64 missing (INT(64,true));"}},
		{[]string{"query", "casualty-evidence"}, []string{"optional int32 date (DATE);"}},
		{[]string{"query", "timeline", "-p", "until=2021-05-01"}, []string{"optional int64 am_killed (INT(64,true));"}},
	} {
		file := filepath.Join(dir, tt.args[1]+".parquet")
		if code, _, stderr := runIncq(context.Background(), s, "", append(tt.args, "-o", file, "--force")...); code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, stderr)
		}
		schema := openParquet(t, file).Schema().String()
		for _, want := range tt.want {
			if !strings.Contains(schema, want) {
				t.Errorf("%v: schema lacks %q:\n%s", tt.args, want, schema)
			}
		}
	}
}

// openParquet reads a Parquet file incq wrote.
func openParquet(tb testing.TB, file string) *parquet.File {
	tb.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	pf, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatal(err)
	}
	return pf
}

// --partition year writes incidents, ceasefires and talks as Hive-style
// year folders; DuckDB reads the incidents back as one table with the same
// rows and dates as the dataset, each in the folder of its year.
func TestExportParquetPartitioned(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "pq")
	exportTo(t, "--parquet", dir, "--partition", "year")
	parts, _ := filepath.Glob(filepath.Join(dir, "incidents", "year=*", "incidents.parquet"))
	var years []string
	for _, p := range parts {
		years = append(years, filepath.Base(filepath.Dir(p)))
	}
	if want := []string{"year=2021", "year=2022", "year=2023"}; !reflect.DeepEqual(years, want) {
		t.Errorf("incidents partitions: got %q, want %q", years, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "incidents.parquet")); err == nil {
		t.Error("incidents.parquet written beside its partitions")
	}
	if _, err := os.Stat(filepath.Join(dir, "sources.parquet")); err != nil {
		t.Errorf("a table without dates is one file: %v", err)
	}
	glob := strings.ReplaceAll(filepath.Join(dir, "incidents", "*", "*.parquet"), "'", "''")
	got := string(duckdb.Query(t, "../..", "SELECT year, count(*) AS n, min(date) AS first, max(date) AS last, count(DISTINCT incident_id) AS ids, bool_and(substr(CAST(date AS VARCHAR), 1, 4) = CAST(year AS VARCHAR)) AS inside FROM read_parquet('"+glob+"', hive_partitioning = true) GROUP BY year ORDER BY year"))
	want := "year BIGINT\nn BIGINT\nfirst DATE\nlast DATE\nids BIGINT\ninside BOOLEAN\n" +
		`["2021","4","2021-05-12","2021-05-28","4",true]` + "\n" +
		`["2022","4","2022-09-13","2022-09-28","4",true]` + "\n" +
		`["2023","3","2023-05-11","2023-09-01","3",true]` + "\n"
	if got != want {
		t.Errorf("DuckDB reads the partitions as:\n%s\nwant\n%s", got, want)
	}
}

// The README's DuckDB query on incidents.parquet gives the rows incq gives
// for the same query on the dataset itself.
func TestExportParquetREADMEQuery(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "parquet")
	exportTo(t, "--parquet", dir)
	const query = "SELECT date_precision, count(*) AS incidents, min(date) AS first FROM %s GROUP BY 1 ORDER BY 2 DESC, 1"
	file := strings.ReplaceAll(filepath.Join(dir, "incidents.parquet"), "'", "''")
	lines := strings.Split(strings.TrimSpace(string(duckdb.Query(t, "../..", fmt.Sprintf(query, "'"+file+"'")))), "\n")
	var got []string
	for _, l := range lines[3:] { // after the three column lines
		var row []any
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprint(row...))
	}
	code, stdout, stderr := runIncq(context.Background(), testSettings(t), "", "sql", fmt.Sprintf(query, "incidents"), "-f", "csv", "--no-header")
	if code != 0 {
		t.Fatal(stderr)
	}
	var want []string
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		want = append(want, strings.ReplaceAll(l, ",", ""))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DuckDB on the Parquet file: %q; incq on the dataset: %q", got, want)
	}
}
