package dataset_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/incq/incq/incqtest"
)

// These tests pin the curated facts, worked out by hand from the reports,
// so that an edit cannot change them unnoticed. Change them only with the
// report and paragraph in hand.

func TestFactsIncidentsPerReport(t *testing.T) {
	db := incqtest.Open(t, nil)
	got := incqtest.Rows(t, db, `
		SELECT source_id, count(DISTINCT incident_id), group_concat(DISTINCT incident_id)
		FROM (SELECT source_id, incident_id FROM claims WHERE incident_id IS NOT NULL ORDER BY incident_id)
		GROUP BY source_id ORDER BY source_id`)
	want := [][]string{
		{"S000", "3", "I01,I02,I03"},
		{"S001", "1", "I04"},
		{"S002", "2", "I05,I06"},
		{"S003", "1", "I07"},
		{"S004", "4", "I08,I09,I10,I11"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestFactsFigures(t *testing.T) {
	db := incqtest.Open(t, nil)
	got := incqtest.Rows(t, db, `
		SELECT c.incident_id, f.side, f.status, f.count, f.qualifier, c.claimant_id, c.source_id, f.paragraph
		FROM casualties f JOIN claims c USING (claim_id)
		ORDER BY c.incident_id, f.side, f.status`)
	want := strings.TrimSpace(`
I01 armenia wounded 1 exact am-mod S000 1
I04 armenia killed 3 exact am-mod S001 4
I04 azerbaijan wounded 1 exact az-mod S001 8
I05 armenia killed 2 exact armenia S002 4
I05 armenia wounded 1 exact armenia S002 4
I05 azerbaijan wounded 2 exact az-mod S002 3
I06 azerbaijan wounded 1 exact az-mod S002 5
I07 armenia wounded 4 exact am-mod S003 4
I07 azerbaijan killed 1 exact az-mod S003 5
I07 azerbaijan wounded 1 exact az-mod S003 5
I08 azerbaijan wounded 1 exact az-mod S004 3
I09 armenia captured 6 exact armenia S004 9
I10 armenia killed 1 exact armenia S004 11`)
	if g := join(got); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
}

func TestFactsEpisodeTolls(t *testing.T) {
	db := incqtest.Open(t, nil)
	got := incqtest.Rows(t, db, `
		SELECT episode_id, source_id, paragraph, status, category, count, qualifier
		FROM episode_tolls ORDER BY episode_id, source_id`)
	want := strings.TrimSpace(`
E1990s S001 13 killed any 30000 about
E2020 S004 6 killed any 6000 more-than
E2022-09 S000 10 killed military 280 at-least
E2022-09 S001 12 killed military 200 more-than
E2023 S002 11 killed any 6 about`)
	if g := join(got); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
}

func TestFactsDates(t *testing.T) {
	db := incqtest.Open(t, nil)
	got := incqtest.Rows(t, db, `
		SELECT 'incident', incident_id, date, date_start, date_end, date_precision FROM incidents
		UNION ALL SELECT 'source', source_id, published, published_start, published_end, published_precision FROM sources
		UNION ALL SELECT 'ceasefire', ceasefire_id, date, date_start, date_end, date_precision FROM ceasefires
		UNION ALL SELECT 'talks', talks_id, date, date_start, date_end, date_precision FROM talks
		UNION ALL SELECT 'episode', episode_id, '-', date_start, date_end, date_precision FROM episodes
		ORDER BY 1, 2`)
	want := strings.TrimSpace(`
ceasefire CF2020 2020-11-10 2020-11-01 2020-11-30 month
ceasefire CF2022 2022-09-14 2022-09-14 2022-09-18 days
episode E1990s - 1988-01-01 1994-12-31 range
episode E2020 - 2020-09-27 2020-11-10 day
episode E2021-05 - 2021-05-01 2021-05-29 month
episode E2022-09 - 2022-09-13 2022-09-14 days
episode E2023 - 2022-12-01 2023-09-01 month
incident I01 2022-09-21 2022-09-21 2022-09-21 day
incident I02 2022-09-22 2022-09-22 2022-09-22 day
incident I03 2022-09-13 2022-09-13 2022-09-14 days
incident I04 2022-09-28 2022-09-28 2022-09-28 day
incident I05 2023-09-01 2023-09-01 2023-09-01 day
incident I06 2023-09-01 2023-08-31 2023-09-01 days
incident I07 2023-05-11 2023-05-11 2023-05-11 day
incident I08 2021-05-28 2021-05-27 2021-05-28 days
incident I09 2021-05-27 2021-05-27 2021-05-27 day
incident I10 2021-05-25 2021-05-24 2021-05-28 week
incident I11 2021-05-12 2021-05-01 2021-05-28 month
source S000 2022-09-22 2022-09-22 2022-09-23 days
source S001 2022-09-28 2022-09-28 2022-10-02 days
source S002 2023-09-01 2023-09-01 2023-09-02 days
source S003 2023-05-11 2023-05-11 2023-05-13 days
source S004 2021-05-28 2021-05-28 2021-05-29 days
talks TK01 2022-05-22 2022-01-01 2022-08-30 range
talks TK02 2022-08-31 2022-08-31 2022-08-31 day
talks TK03 2022-09-19 2022-09-19 2022-09-19 day
talks TK04 2023-05-01 2023-05-01 2023-05-10 month
talks TK05 2023-05-14 2023-05-14 2023-05-14 day`)
	if g := join(got); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
}

// Each report's own date and broker for a ceasefire stay that report's
// claim; the best values are in TestFactsDates and TestFactsCeasefireBrokers.
func TestFactsCeasefireReports(t *testing.T) {
	db := incqtest.Open(t, nil)
	got := incqtest.Rows(t, db, `
		SELECT ceasefire_id, source_id, paragraph, coalesce(reported_date, '-'), coalesce(reported_wording, '-'), coalesce(reported_broker_id, '-')
		FROM ceasefire_reports ORDER BY ceasefire_id, source_id, paragraph`)
	want := strings.TrimSpace(`
CF2020 S001 14 - 2020, after a six-week war russia
CF2020 S001 15 - - -
CF2020 S002 14 - 2020, after 44 days of clashes russia
CF2020 S003 14 - 2020, after six weeks of fighting russia
CF2020 S004 5 - November last year -
CF2020 S004 7 - November -
CF2020 S004 8 - - -
CF2020 S004 14 - - russia
CF2022 S000 5 - - -
CF2022 S000 10 - - united-states
CF2022 S001 8 - - -
CF2022 S001 10 - - -
CF2022 S001 11 - - -
CF2022 S001 12 2022-09-23 September 23 russia`)
	if g := join(got); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
}

// The September 2022 truce has no single broker: S000 credits the United
// States, S001 Russia.
func TestFactsCeasefireBrokers(t *testing.T) {
	db := incqtest.Open(t, nil)
	got := incqtest.Rows(t, db, `SELECT ceasefire_id, coalesce(broker_id, '-'), ends_episode_id FROM ceasefires ORDER BY ceasefire_id`)
	want := "CF2020 russia E2020\nCF2022 - E2022-09"
	if g := join(got); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
}

// An episode whose reports give differing tolls has a best value and a
// range for its dead, weighing every report's figure and the record; each
// report's figure stays its own (TestFactsEpisodeTolls). The September
// 2022 clashes: at least 280 (S000) and more than 200 (S001), both floors.
func TestFactsEpisodeBestTolls(t *testing.T) {
	db := incqtest.Open(t, nil)
	got := incqtest.Rows(t, db, `
		SELECT episode_id, coalesce(killed_best, '-'), coalesce(killed_low, '-'), coalesce(killed_high, '-'), coalesce(killed_category, '-')
		FROM episodes ORDER BY episode_id`)
	want := strings.TrimSpace(`
E1990s - - - -
E2020 - - - -
E2021-05 - - - -
E2022-09 280 280 284 military
E2023 - - - -`)
	if g := join(got); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
	// No best value or range falls below a floor a report gives, and an
	// episode with tolls that differ has a best value.
	for name, query := range map[string]string{
		"range below a report's floor": `SELECT t.toll_id FROM episode_tolls t JOIN episodes e USING (episode_id)
			WHERE e.killed_best IS NOT NULL AND t.status = 'killed' AND t.category = e.killed_category
			AND ((t.qualifier = 'at-least' AND e.killed_low < t.count) OR (t.qualifier = 'more-than' AND e.killed_low <= t.count))`,
		"differing tolls without a best value": `SELECT episode_id FROM episode_tolls JOIN episodes e USING (episode_id)
			WHERE status = 'killed' AND e.killed_best IS NULL GROUP BY episode_id HAVING count(DISTINCT count) > 1`,
	} {
		if rows := incqtest.Rows(t, db, query); len(rows) > 0 {
			t.Errorf("%s: %q", name, rows)
		}
	}
}

// Incidents belong to the episode whose span and reports they fall in.
func TestFactsEpisodeLinks(t *testing.T) {
	db := incqtest.Open(t, nil)
	got := incqtest.Rows(t, db, `SELECT incident_id, coalesce(episode_id, '-') FROM incidents ORDER BY incident_id`)
	want := strings.TrimSpace(`
I01 -
I02 -
I03 E2022-09
I04 -
I05 E2023
I06 E2023
I07 E2023
I08 E2021-05
I09 E2021-05
I10 E2021-05
I11 E2021-05`)
	if g := join(got); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
	// An incident linked to an episode lies inside its span.
	if rows := incqtest.Rows(t, db, `SELECT i.incident_id FROM incidents i JOIN episodes e USING (episode_id) WHERE i.date NOT BETWEEN e.date_start AND e.date_end`); len(rows) > 0 {
		t.Errorf("incidents outside their episode's span: %q", rows)
	}
}

// Rules of the curation that SQLite constraints cannot express.
func TestFactsIntegrity(t *testing.T) {
	db := incqtest.Open(t, nil)
	for name, query := range map[string]string{
		"incident without claims":                      `SELECT incident_id FROM incidents WHERE incident_id NOT IN (SELECT incident_id FROM claims WHERE incident_id IS NOT NULL)`,
		"figure counted twice in one claim":            `SELECT claim_id, side, status FROM casualties GROUP BY claim_id, side, status HAVING count(*) > 1`,
		"speaker who is not a person":                  `SELECT claim_id FROM claims c JOIN actors a ON a.actor_id = c.speaker_id WHERE a.kind <> 'person'`,
		"alias list without the name":                  `SELECT place_id FROM places p WHERE NOT EXISTS (SELECT 1 FROM place_aliases a WHERE a.place_id = p.place_id AND a.alias = p.name)`,
		"actor without an alias":                       `SELECT actor_id FROM actors a WHERE NOT EXISTS (SELECT 1 FROM actor_aliases x WHERE x.actor_id = a.actor_id)`,
		"denial or counter-claim that answers nothing": `SELECT claim_id FROM claims WHERE kind IN ('denial', 'disinformation', 'counter-claim') AND claim_id NOT IN (SELECT claim_id FROM claim_responses)`,
		"denial by the side accused":                   `SELECT c.claim_id FROM claims c JOIN claim_responses x ON x.claim_id = c.claim_id JOIN claims r ON r.claim_id = x.responds_to JOIN actors a ON a.actor_id = c.claimant_id JOIN actors b ON b.actor_id = r.claimant_id WHERE c.kind IN ('denial', 'disinformation') AND a.side IS b.side`,
		"accusation that accuses no one":               `SELECT claim_id FROM claims c JOIN claim_kinds k ON k.claim_kind = c.kind WHERE k.accusation = 1 AND c.accused_side IS NULL`,
		"accused side on a non-accusation":             `SELECT claim_id FROM claims c JOIN claim_kinds k ON k.claim_kind = c.kind WHERE k.accusation = 0 AND c.kind <> 'report' AND c.accused_side IS NOT NULL`,
		"accusing one's own side":                      `SELECT claim_id FROM claims c JOIN actors a ON a.actor_id = c.claimant_id WHERE c.accused_side = a.side`,
		"figure on an episode claim":                   `SELECT f.figure_id FROM casualties f JOIN claims c USING (claim_id) WHERE c.incident_id IS NULL`,
		"figure restated in its own para":              `SELECT figure_id FROM casualties WHERE ';' || restated_in || ';' LIKE '%;' || paragraph || ';%'`,
		"report date that is no day":                   `SELECT ceasefire_id, source_id, paragraph FROM ceasefire_reports WHERE reported_date IS NOT NULL AND reported_wording IS NULL`,
		"best date outside its range":                  `SELECT ceasefire_id FROM ceasefires WHERE NOT (date BETWEEN date_start AND date_end)`,
		"cited paragraph also context":                 `SELECT x.source_id, x.paragraph FROM paragraph_context x JOIN (` + citedParagraphs + `) c USING (source_id, paragraph)`,
		"response to another incident":                 `SELECT c.claim_id FROM claims c JOIN claim_responses x ON x.claim_id = c.claim_id JOIN claims r ON r.claim_id = x.responds_to WHERE c.incident_id IS NOT r.incident_id OR c.episode_id IS NOT r.episode_id`,
		"total with a part that is no figure": `SELECT x.total_id, p.value FROM casualty_totals x JOIN json_each('["' || replace(x.parts, ';', '","') || '"]') p
			WHERE p.value NOT IN (SELECT figure_id FROM casualties)`,
		"total that is not its parts' sum": `SELECT x.total_id FROM casualty_totals x JOIN json_each('["' || replace(x.parts, ';', '","') || '"]') p
			JOIN casualties f ON f.figure_id = p.value
			GROUP BY x.total_id HAVING count(*) < 1 OR (x.count IS NOT NULL AND x.count <> sum(f.count))
			OR max(f.status) <> x.status OR min(f.status) <> x.status
			OR (x.side IS NOT NULL AND (max(f.side) <> x.side OR min(f.side) <> x.side))`,
	} {
		if rows := incqtest.Rows(t, db, query); len(rows) > 0 {
			t.Errorf("%s: %q", name, rows)
		}
	}
}

func join(rows [][]string) string {
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = strings.Join(r, " ")
	}
	return strings.Join(lines, "\n")
}

// A person's note dates their incident as the incident does: Tagiyev was
// wounded in I06, whose best date is 1 September 2023 (within 31 August
// to 1 September), not before the 1 September clash.
func TestFactsPersonNoteAgreesWithIncident(t *testing.T) {
	db := incqtest.Open(t, nil)
	got := incqtest.Rows(t, db, `SELECT coalesce(a.role, '') || ' | ' || coalesce(a.note, ''), i.date, i.date_start, i.date_end FROM actors a, incidents i
		WHERE a.actor_id = 'muhammed-tagiyev' AND i.incident_id = 'I06'`)
	if len(got) != 1 {
		t.Fatalf("got %q", got)
	}
	note := got[0][0]
	if got[0][1] != "2023-09-01" || got[0][2] != "2023-08-31" || got[0][3] != "2023-09-01" {
		t.Errorf("I06 dated %q; want 2023-09-01 within 2023-08-31 to 2023-09-01", got[0][1:])
	}
	if !strings.Contains(note, "I06") || strings.Contains(note, "before the 1 September") {
		t.Errorf("Tagiyev's role and note %q should name I06 and date it as I06 is dated", note)
	}
}

// What a report says of an episode besides its toll is recorded, whatever
// paragraph it stands in: S004 paragraph 6 gives the 2020 war's toll (T04)
// and says the war led to a political crisis in Armenia, which is part of
// the war's story, not an incident (no armed event at a place and time).
func TestFactsEpisodeReports(t *testing.T) {
	db := incqtest.Open(t, nil)
	got := incqtest.Rows(t, db, `SELECT episode_id, source_id, paragraph FROM episode_reports ORDER BY episode_id, source_id, paragraph`)
	want := strings.TrimSpace(`
E1990s S001 13
E1990s S002 13
E1990s S003 13
E2020 S001 14
E2020 S002 14
E2020 S003 14
E2020 S004 5
E2020 S004 6
E2020 S004 16
E2021-05 S004 17
E2022-09 S001 11
E2023 S002 11`)
	if g := join(got); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
	crisis := incqtest.Rows(t, db, `SELECT note FROM episode_reports WHERE episode_id = 'E2020' AND source_id = 'S004' AND paragraph = 6`)
	if len(crisis) != 1 || !strings.Contains(crisis[0][0], "political crisis") {
		t.Errorf("S004 paragraph 6's political crisis after the 2020 war is not recorded: %q", crisis)
	}
}

// S003's headline and lead name no side for either number ("One Soldier
// Killed, Several Others Wounded"; "at least one soldier dead and several
// others wounded"), so both are read by one rule: side-less totals of the
// ministries' figures, stated in the lead and restated in the headline,
// never a repeat of one side's figure.
func TestFactsSidelessHeadlineAndLead(t *testing.T) {
	db := incqtest.Open(t, nil)
	got := incqtest.Rows(t, db, `
		SELECT 'total', x.total_id, coalesce(x.side, '-'), x.status, coalesce(x.count, '-'), x.qualifier, x.paragraph, coalesce(x.restated_in, '-'), x.parts
		FROM casualty_totals x JOIN claims c USING (claim_id) WHERE c.source_id = 'S003'
		UNION ALL
		SELECT 'figure', f.figure_id, f.side, f.status, f.count, f.qualifier, f.paragraph, coalesce(f.restated_in, '-'), '-'
		FROM casualties f JOIN claims c USING (claim_id) WHERE c.source_id = 'S003'
		ORDER BY 1 DESC, 2`)
	want := strings.TrimSpace(`
total FT03 - wounded - several 2 1 F08;F10
total FT04 - killed 1 at-least 2 1 F09
figure F08 armenia wounded 4 exact 4 - -
figure F09 azerbaijan killed 1 exact 5 - -
figure F10 azerbaijan wounded 1 exact 5 - -`)
	if g := join(got); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
}
