-- Derived views. They hold no data of their own and have no CSV file.

-- counted_figures picks the one claim per incident, side and status whose
-- figures totals count: the suffering side's own account when it gave one,
-- else the report's narration, else the other side's claim; among claims of
-- equal rank, the largest. All of that claim's figures count (soldiers and
-- civilians are two figures of one claim); figures without a number are
-- left out, and so are figures of no one side (an ACLED event's total).
CREATE VIEW counted_figures AS
WITH per_claim AS (
  SELECT c.incident_id, f.side, f.status, f.claim_id, sum(f.count) AS total, min(f.figure_id) AS first_id,
         CASE WHEN a.side = f.side THEN 0 WHEN a.kind = 'narrator' THEN 1 ELSE 2 END AS claim_rank
  FROM casualties AS f
  JOIN claims AS c ON c.claim_id = f.claim_id
  JOIN actors AS a ON a.actor_id = c.claimant_id
  WHERE f.count IS NOT NULL AND c.incident_id IS NOT NULL AND f.side IS NOT NULL
  GROUP BY c.incident_id, f.side, f.status, f.claim_id
),
picked AS (
  SELECT incident_id, side, status, claim_id,
         row_number() OVER (PARTITION BY incident_id, side, status ORDER BY claim_rank, total DESC, first_id) AS pick
  FROM per_claim
)
SELECT p.incident_id, f.side, f.status, f.count, f.figure_id, f.claim_id
FROM picked AS p
JOIN casualties AS f ON f.claim_id = p.claim_id AND f.side = p.side AND f.status = p.status
WHERE p.pick = 1 AND f.count IS NOT NULL;

-- incident_losses spreads each incident's counted figures (counted_figures)
-- over one column per side and status: am_ for Armenia, az_ for
-- Azerbaijan, and others, in words, for any other side's (peacekeepers).
-- A column is NULL where no claim gave that figure; an incident without
-- any counted figure has no row.
CREATE VIEW incident_losses AS
SELECT incident_id,
       sum(count) FILTER (WHERE side = 'armenia' AND status = 'killed') AS am_killed,
       sum(count) FILTER (WHERE side = 'armenia' AND status = 'wounded') AS am_wounded,
       sum(count) FILTER (WHERE side = 'armenia' AND status = 'captured') AS am_captured,
       sum(count) FILTER (WHERE side = 'armenia' AND status = 'missing') AS am_missing,
       sum(count) FILTER (WHERE side = 'azerbaijan' AND status = 'killed') AS az_killed,
       sum(count) FILTER (WHERE side = 'azerbaijan' AND status = 'wounded') AS az_wounded,
       sum(count) FILTER (WHERE side = 'azerbaijan' AND status = 'captured') AS az_captured,
       sum(count) FILTER (WHERE side = 'azerbaijan' AND status = 'missing') AS az_missing,
       group_concat(side || ' ' || status || ' ' || count, ', ') FILTER (WHERE side NOT IN ('armenia', 'azerbaijan')) AS others
FROM counted_figures
GROUP BY incident_id;

-- incident_places lists, for each incident, every place it is tied to: its
-- own place and the places its claims name.
CREATE VIEW incident_places AS
SELECT incident_id, place_id, 'incident' AS via FROM incidents WHERE place_id IS NOT NULL
UNION
SELECT incident_id, place_id, 'claim ' || claim_id FROM claims WHERE incident_id IS NOT NULL AND place_id IS NOT NULL;

-- place_names lists every name a place answers to: its id, its name and
-- each alias. Names are compared folded (incq_fold: lower case, without
-- diacritics), so Kəlbəcər, KELBECER and Kelbecer are one name.
CREATE VIEW place_names AS
SELECT place_id, place_id AS name FROM places
UNION SELECT place_id, name FROM places
UNION SELECT place_id, alias FROM place_aliases;

-- place_tree pairs each place with itself and every place inside it, at
-- any depth (a province with its districts and their villages).
CREATE VIEW place_tree AS
WITH RECURSIVE tree(place_id, inside_id) AS (
  SELECT place_id, place_id FROM places
  UNION SELECT tree.place_id, p.place_id FROM places AS p JOIN tree ON p.parent_id = tree.inside_id
)
SELECT place_id, inside_id FROM tree;
