package dataset_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/incq/incq/incqtest"
	"github.com/incq/incq/queries"
	"github.com/incq/incq/schema"
)

// The codebook documents every table and column of the schema.
func TestCodebookCoversSchema(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	book := string(data)
	tables, err := schema.Describe(schema.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		i := strings.Index(book, "\n### "+tb.Name+"\n")
		if i < 0 {
			t.Errorf("codebook has no section for table %s", tb.Name)
			continue
		}
		section := book[i+1:]
		if j := strings.Index(section[4:], "\n### "); j >= 0 {
			section = section[:j+4]
		}
		for _, c := range tb.Columns {
			if !strings.Contains(section, "| "+c.Name+" |") && !strings.Contains(section, "| "+c.Name+" | ") {
				t.Errorf("codebook section %s does not describe column %s", tb.Name, c.Name)
			}
		}
	}
}

// idPattern matches the ids the codebook gives as examples: reports,
// incidents, claims, figures, tolls, talks, ceasefires and episodes.
var idPattern = regexp.MustCompile(`\b(S\d{3}|I\d{2,}|C\d{3,}|F\d{2,}|FT\d{2,}|TK\d{2,}|T\d{2,}|CF\d{4}|E\d{4}(?:s|-\d{2})?)\b`)

// Every id and code the codebook gives as an example exists in the data:
// ids anywhere in the text, names in backquotes (a code, a table, a
// column, a named query), and the codes a column's description lists for
// an enumeration it references ("killed, wounded, captured or missing").
func TestCodebookExamplesExist(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	book := string(data)
	db := incqtest.Open(t, nil)
	tables, err := schema.Describe(schema.FS())
	if err != nil {
		t.Fatal(err)
	}

	// Every key value of every table, and every table and column name.
	known := map[string]bool{}
	codes := map[string]map[string]bool{} // enumeration table -> its codes
	for _, tb := range tables {
		known[tb.Name] = true
		var keys []string
		for _, c := range tb.Columns {
			known[c.Name] = true
			known[tb.Name+"."+c.Name] = true
			if c.Key {
				keys = append(keys, c.Name)
			}
		}
		for _, k := range keys {
			vals := map[string]bool{}
			for _, r := range incqtest.Rows(t, db, `SELECT DISTINCT "`+k+`" FROM "`+tb.Name+`"`) {
				known[r[0]] = true
				vals[r[0]] = true
			}
			if len(keys) == 1 {
				codes[tb.Name] = vals
			}
		}
	}
	cat, err := queries.Catalog(queries.FS(), "queries")
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, q := range cat {
		named[q.Name] = true
	}

	checked := 0
	for _, id := range idPattern.FindAllString(book, -1) {
		checked++
		if !known[id] {
			t.Errorf("codebook names %s, which is not in the data", id)
		}
	}
	name := regexp.MustCompile(`^[a-z][a-z0-9_.-]*$`)
	for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(book, -1) {
		text := strings.Join(strings.Fields(m[1]), " ")
		switch {
		case strings.HasPrefix(text, "incq query "):
			checked++
			if q := strings.Fields(text)[2]; !named[q] {
				t.Errorf("codebook runs query %q, which is not in the catalog", q)
			}
		case name.MatchString(text):
			checked++
			if !known[text] {
				t.Errorf("codebook names `%s`, which is no code, id, table or column", text)
			}
		}
	}

	// A column that references an enumeration and lists codes in its
	// description lists real ones: "who is counted: military, civilian or any".
	word := regexp.MustCompile(`^[a-z][a-z-]*$`)
	for _, tb := range tables {
		for _, c := range tb.Columns {
			valid, ok := codes[c.References]
			if !ok || c.References == tb.Name || c.References == "sources" || c.References == "places" || c.References == "actors" {
				continue
			}
			list := strings.SplitN(c.Description, ";", 2)[0]
			if i := strings.LastIndex(list, ":"); i >= 0 {
				list = list[i+1:]
			}
			list = strings.NewReplacer(" or ", ",", "...", "").Replace(list)
			var listed []string
			for _, w := range strings.Split(list, ",") {
				if w = strings.TrimSpace(w); word.MatchString(w) {
					listed = append(listed, w)
				}
			}
			if len(listed) < 2 {
				continue // a description in words, not a list of codes
			}
			for _, w := range listed {
				checked++
				if !valid[w] {
					t.Errorf("%s.%s: description lists %q, which is not in %s", tb.Name, c.Name, w, c.References)
				}
			}
		}
	}
	if checked < 80 {
		t.Errorf("only %d examples checked; the patterns are wrong", checked)
	}
}
