package dataset_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/incq/incq/incqtest"
)

// sourcesDir is where the five reports live: ../shared/sources beside the
// checkout, as in CI.
const sourcesDir = "../../shared/sources"

// paragraphs reads a report as its lines holding visible text, the
// headline included: paragraph n is paragraphs[n-1].
func paragraphs(tb testing.TB, file string) []string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(sourcesDir, file))
	if err != nil {
		tb.Fatalf("report %s: %v", file, err)
	}
	var ps []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) != "" {
			ps = append(ps, line)
		}
	}
	return ps
}

// Every reference into the reports points at a report and paragraph that
// exist, and every quoted phrase stands word for word in its paragraph.
func TestProvenance(t *testing.T) {
	if _, err := os.Stat(sourcesDir); err != nil {
		t.Skipf("the source reports are not at %s (they are beside the checkout in CI): %v", sourcesDir, err)
	}
	db := incqtest.Open(t, nil)
	files := map[string][]string{}
	for _, r := range incqtest.Rows(t, db, `SELECT source_id, file, coalesce(headline, '') FROM sources`) {
		ps := paragraphs(t, r[1])
		files[r[0]] = ps
		if r[2] != "" && ps[0] != r[2] {
			t.Errorf("source %s: headline %q is not the report's first line %q", r[0], r[2], ps[0])
		}
	}
	refs := incqtest.Rows(t, db, `
		SELECT 'claim ' || claim_id, source_id, paragraph, coalesce(quote, '') FROM claims
		UNION ALL
		SELECT 'figure ' || f.figure_id, c.source_id, f.paragraph, '' FROM casualties f JOIN claims c USING (claim_id)
		UNION ALL
		SELECT 'toll ' || toll_id, source_id, paragraph, '' FROM episode_tolls
		UNION ALL
		SELECT 'total ' || x.total_id, c.source_id, x.paragraph, '' FROM casualty_totals x JOIN claims c USING (claim_id)
		UNION ALL
		SELECT 'ceasefire ' || ceasefire_id, source_id, paragraph, '' FROM ceasefire_reports
		UNION ALL
		SELECT 'talks ' || talks_id, source_id, paragraph, coalesce(quote, '') FROM talk_reports
		UNION ALL
		SELECT 'episode ' || episode_id, source_id, paragraph, '' FROM episode_reports
		UNION ALL
		SELECT 'participant ' || talks_id || ' ' || actor_id, source_id, paragraph, '' FROM talk_participants WHERE source_id IS NOT NULL
		UNION ALL
		SELECT 'context', source_id, paragraph, '' FROM paragraph_context`)
	// Paragraphs that restate a figure are references too.
	for _, r := range incqtest.Rows(t, db, `SELECT f.figure_id, c.source_id, f.restated_in FROM casualties f JOIN claims c USING (claim_id) WHERE restated_in IS NOT NULL`) {
		for _, p := range strings.Split(r[2], ";") {
			refs = append(refs, []string{"figure " + r[0] + " restated_in", r[1], p, ""})
		}
	}
	if len(refs) < 80 {
		t.Fatalf("only %d references found; the query is wrong", len(refs))
	}
	for _, r := range refs {
		what, src, quote := r[0], r[1], r[3]
		n, err := strconv.Atoi(r[2])
		if err != nil {
			t.Errorf("%s: paragraph %q is not a number", what, r[2])
			continue
		}
		ps, ok := files[src]
		if !ok {
			t.Errorf("%s: unknown source %s", what, src)
			continue
		}
		if n < 1 || n > len(ps) {
			t.Errorf("%s: %s has no paragraph %d (it has %d)", what, src, n, len(ps))
			continue
		}
		if quote != "" && !strings.Contains(ps[n-1], quote) {
			t.Errorf("%s: quote %q is not in %s paragraph %d: %q", what, quote, src, n, ps[n-1])
		}
	}
}

// citedParagraphs lists, as (source_id, paragraph), every paragraph some
// row cites: a claim, a figure or a paragraph restating it, an episode
// toll or mention, a ceasefire or talks mention, or a headline.
const citedParagraphs = `
	SELECT source_id, paragraph FROM claims
	UNION SELECT c.source_id, f.paragraph FROM casualties f JOIN claims c USING (claim_id)
	UNION SELECT c.source_id, CAST(r.value AS INTEGER) FROM casualties f JOIN claims c USING (claim_id)
		JOIN json_each('[' || replace(f.restated_in, ';', ',') || ']') r WHERE f.restated_in IS NOT NULL
	UNION SELECT source_id, paragraph FROM episode_tolls
	UNION SELECT source_id, paragraph FROM episode_reports
	UNION SELECT source_id, paragraph FROM ceasefire_reports
	UNION SELECT source_id, paragraph FROM talk_reports
	UNION SELECT source_id, paragraph FROM talk_participants WHERE source_id IS NOT NULL
	UNION SELECT source_id, 1 FROM sources WHERE headline IS NOT NULL`

// Every paragraph of every report is accounted for: cited by some row, or
// listed in paragraph_context with the reason it holds nothing to record.
// What a reader can find in a report, incq can find too.
func TestParagraphsAccounted(t *testing.T) {
	if _, err := os.Stat(sourcesDir); err != nil {
		t.Skipf("the source reports are not at %s (they are beside the checkout in CI): %v", sourcesDir, err)
	}
	db := incqtest.Open(t, nil)
	accounted := map[string]bool{}
	for _, r := range incqtest.Rows(t, db, citedParagraphs+` UNION SELECT source_id, paragraph FROM paragraph_context`) {
		accounted[r[0]+" "+r[1]] = true
	}
	total, context := 0, 0
	for _, r := range incqtest.Rows(t, db, `SELECT source_id, file FROM sources ORDER BY source_id`) {
		for n := range paragraphs(t, r[1]) {
			total++
			if !accounted[r[0]+" "+strconv.Itoa(n+1)] {
				t.Errorf("%s paragraph %d is neither cited by any row nor listed in paragraph_context", r[0], n+1)
			}
		}
	}
	for _, r := range incqtest.Rows(t, db, `SELECT source_id, paragraph FROM paragraph_context`) {
		context++
		_ = r
	}
	// 10 + 21 + 16 + 15 + 17 paragraphs, of which these few are context.
	if total != 79 || context != 6 {
		t.Errorf("got %d paragraphs, %d of them context; want 79 and 6", total, context)
	}
}

// A talks participant is either named, by one of their names, in the
// report paragraph the row cites, or cites no report and says in its note
// where the name comes from (the record): the dataset attributes to a
// report no one it does not name. S003 paragraph 6 speaks only of the two
// foreign ministers of the May 2023 talks (TK04).
func TestTalkParticipantsNamed(t *testing.T) {
	if _, err := os.Stat(sourcesDir); err != nil {
		t.Skipf("the source reports are not at %s (they are beside the checkout in CI): %v", sourcesDir, err)
	}
	db := incqtest.Open(t, nil)
	files := map[string][]string{}
	for _, r := range incqtest.Rows(t, db, `SELECT source_id, file FROM sources`) {
		files[r[0]] = paragraphs(t, r[1])
	}
	rows := incqtest.Rows(t, db, `
		SELECT tp.talks_id, tp.actor_id, coalesce(tp.source_id, ''), coalesce(tp.paragraph, 0), coalesce(tp.note, ''),
		       (SELECT group_concat(alias, '|') FROM actor_aliases x WHERE x.actor_id = tp.actor_id)
		FROM talk_participants tp ORDER BY 1, 2`)
	var fromRecord []string
	for _, r := range rows {
		what := r[0] + " " + r[1]
		if r[2] == "" {
			fromRecord = append(fromRecord, what)
			if !strings.Contains(r[4], "record") {
				t.Errorf("%s: cites no report, and its note %q does not say it comes from the record", what, r[4])
			}
			continue
		}
		n, _ := strconv.Atoi(r[3])
		ps := files[r[2]]
		if n < 1 || n > len(ps) {
			t.Errorf("%s: %s has no paragraph %d", what, r[2], n)
			continue
		}
		named := false
		for _, alias := range strings.Split(r[5], "|") {
			named = named || strings.Contains(ps[n-1], alias)
		}
		if !named {
			t.Errorf("%s: %s paragraph %d does not name them", what, r[2], n)
		}
	}
	if got, want := strings.Join(fromRecord, ", "), "TK04 ararat-mirzoyan, TK04 jeyhun-bayramov"; got != want {
		t.Errorf("participants from the record, not a report: got %q, want %q", got, want)
	}
}
