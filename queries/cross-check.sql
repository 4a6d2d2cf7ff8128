-- name: cross-check
-- description: Each curated incident beside the imported ACLED and UCDP
--   events that may be the same event: their date ranges overlap, allowing
--   days either way, and their places lie within km of each other (an
--   incident or event whose place has no coordinates cannot be paired).
--   For each pair, the killed each party claims (the counted figures of
--   casualties-by-side, with claimant, report and paragraph) beside the
--   coder's figure (with the sources its row names): one row for all sides
--   together (ACLED gives only that), and for UCDP one more per side its
--   parties map to. verdict says whether the two agree. A pairing is a
--   match to look at, not a merge: nothing is added up across origins.
-- note: the imported event in full: incq show incident ID; a party's figures: incq query casualty-evidence
-- param: days count 3 How many days the date ranges may lie apart and still pair.
-- param: km real 25 How far apart, in kilometres, the places may lie and still pair.
-- column: days_apart km party_killed coder_killed integer
WITH located AS (
  SELECT i.incident_id, i.origin, i.date, i.date_start, i.date_end, i.place_id,
         coalesce(p.lat, parent.lat) AS lat, coalesce(p.lon, parent.lon) AS lon
  FROM incidents AS i
  JOIN places AS p ON p.place_id = i.place_id
  LEFT JOIN places AS parent ON parent.place_id = p.parent_id AND p.lat IS NULL
),
pairs AS (
  SELECT c.incident_id, c.date, c.place_id, e.incident_id AS event_id, e.origin, e.date AS event_date, e.place_id AS event_place,
         max(0, julianday(e.date_start) - julianday(c.date_end), julianday(c.date_start) - julianday(e.date_end)) AS days_apart,
         6371 * acos(min(1, sin(radians(c.lat)) * sin(radians(e.lat)) + cos(radians(c.lat)) * cos(radians(e.lat)) * cos(radians(c.lon - e.lon)))) AS km
  FROM located AS c
  JOIN located AS e ON e.origin <> 'curated'
   AND e.date_start <= date(c.date_end, '+' || :days || ' days')
   AND e.date_end >= date(c.date_start, '-' || :days || ' days')
   AND e.lat BETWEEN c.lat - :km / 111.0 AND c.lat + :km / 111.0
  WHERE c.origin = 'curated' AND c.lat IS NOT NULL AND e.lat IS NOT NULL
),
near AS (SELECT * FROM pairs WHERE km <= :km),
party AS (
  SELECT f.incident_id, f.side, sum(f.count) AS killed,
         group_concat(a.name || ' (' || c.source_id || ' paragraph ' || x.paragraph || '): ' || f.side || ' ' || f.count, '; ') AS evidence
  FROM counted_figures AS f
  JOIN casualties AS x ON x.figure_id = f.figure_id
  JOIN claims AS c ON c.claim_id = f.claim_id
  JOIN actors AS a ON a.actor_id = c.claimant_id
  WHERE f.status = 'killed'
  GROUP BY f.incident_id, f.side
),
party_all AS (
  SELECT incident_id, 'all sides' AS side, sum(killed) AS killed, group_concat(evidence, '; ') AS evidence
  FROM party GROUP BY incident_id
),
cites AS (
  SELECT claim_id, group_concat(outlet, '; ') AS outlets FROM claim_citations GROUP BY claim_id
),
coder_all AS (
  SELECT c.incident_id, 'all sides' AS side,
         coalesce((SELECT t.count FROM casualty_totals AS t WHERE t.claim_id = c.claim_id AND t.qualifier = 'exact'),
                  (SELECT sum(f.count) FROM casualties AS f WHERE f.claim_id = c.claim_id AND f.status = 'killed')) AS killed,
         a.name || ' line ' || c.paragraph || ' of ' || s.file || coalesce(', citing ' || ci.outlets, '') AS evidence
  FROM claims AS c
  JOIN actors AS a ON a.actor_id = c.claimant_id AND a.kind = 'coder'
  JOIN sources AS s ON s.source_id = c.source_id
  LEFT JOIN cites AS ci ON ci.claim_id = c.claim_id
),
coder_side AS (
  SELECT c.incident_id, f.side, sum(f.count) AS killed,
         a.name || ' line ' || c.paragraph || ' of ' || s.file || ': ' || group_concat(p.name, ' and ') || coalesce(', citing ' || ci.outlets, '') AS evidence
  FROM casualties AS f
  JOIN claims AS c ON c.claim_id = f.claim_id
  JOIN actors AS a ON a.actor_id = c.claimant_id AND a.kind = 'coder'
  JOIN actors AS p ON p.actor_id = f.party_id
  JOIN sources AS s ON s.source_id = c.source_id
  LEFT JOIN cites AS ci ON ci.claim_id = c.claim_id
  WHERE f.side IS NOT NULL AND f.status = 'killed'
  GROUP BY c.incident_id, f.side
),
rows AS (
  SELECT n.*, 'all sides' AS side, pa.killed AS party_killed, pa.evidence AS party_evidence, ca.killed AS coder_killed, ca.evidence AS coder_evidence, 0 AS ord
  FROM near AS n
  LEFT JOIN party_all AS pa ON pa.incident_id = n.incident_id
  LEFT JOIN coder_all AS ca ON ca.incident_id = n.event_id
  UNION ALL
  SELECT n.*, cs.side, p.killed, p.evidence, cs.killed, cs.evidence, 1
  FROM near AS n
  JOIN coder_side AS cs ON cs.incident_id = n.event_id
  LEFT JOIN party AS p ON p.incident_id = n.incident_id AND p.side = cs.side
)
SELECT incident_id, date, place_id, event_id, origin, event_date, event_place,
       CAST(days_apart AS INTEGER) AS days_apart, CAST(round(km) AS INTEGER) AS km, side,
       party_killed, party_evidence, coder_killed, coder_evidence,
       CASE WHEN party_killed IS NULL AND coder_killed IS NULL THEN 'neither gives a figure'
            WHEN party_killed IS NULL THEN 'only the coder gives a figure'
            WHEN coder_killed IS NULL THEN 'only the parties give a figure'
            WHEN party_killed = coder_killed THEN 'agree'
            ELSE 'differ' END AS verdict
FROM rows
ORDER BY date, incident_id, km, event_id, ord, side;
