package dataset_test

import (
	"os"
	"strings"
	"testing"

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
