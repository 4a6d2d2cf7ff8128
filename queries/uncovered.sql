-- name: uncovered
-- description: Imported ACLED and UCDP events with deaths that fall in the
--   curated period (from the first curated incident's earliest date to the
--   last one's latest) and area (the box around the curated incidents'
--   places, widened by km), yet pair with no curated incident as
--   cross-check pairs them (date ranges within days, places within km):
--   where the curation may have gaps. killed is the coder's total for the
--   event (UCDP's best estimate).
-- note: the pairs that were found: incq query cross-check (same parameters)
-- param: days count 3 How many days the date ranges may lie apart and still pair.
-- param: km real 25 How far apart, in kilometres, the places may lie and still pair; also how far the area reaches beyond the curated places.
-- column: killed integer
WITH located AS (
  SELECT i.incident_id, i.origin, i.date, i.date_start, i.date_end, i.place_id, i.summary,
         coalesce(p.lat, parent.lat) AS lat, coalesce(p.lon, parent.lon) AS lon
  FROM incidents AS i
  LEFT JOIN places AS p ON p.place_id = i.place_id
  LEFT JOIN places AS parent ON parent.place_id = p.parent_id AND p.lat IS NULL
),
curated AS (SELECT * FROM located WHERE origin = 'curated' AND lat IS NOT NULL),
span AS (
  SELECT (SELECT min(date_start) FROM incidents WHERE origin = 'curated') AS first,
         (SELECT max(date_end) FROM incidents WHERE origin = 'curated') AS last,
         min(lat) - :km / 111.0 AS south, max(lat) + :km / 111.0 AS north,
         min(lon) - :km / (111.0 * cos(radians(max(abs(lat))))) AS west,
         max(lon) + :km / (111.0 * cos(radians(max(abs(lat))))) AS east
  FROM curated
),
killed AS (
  SELECT c.incident_id,
         coalesce((SELECT t.count FROM casualty_totals AS t WHERE t.claim_id = c.claim_id AND t.qualifier = 'exact'),
                  (SELECT sum(f.count) FROM casualties AS f WHERE f.claim_id = c.claim_id AND f.status = 'killed')) AS killed
  FROM claims AS c
  JOIN actors AS a ON a.actor_id = c.claimant_id AND a.kind = 'coder'
)
SELECT e.incident_id AS event_id, e.origin, e.date, e.place_id, CAST(k.killed AS INTEGER) AS killed, e.summary
FROM located AS e
JOIN span AS s
JOIN killed AS k ON k.incident_id = e.incident_id
WHERE e.origin <> 'curated' AND k.killed > 0
  AND e.date_end >= s.first AND e.date_start <= s.last
  AND e.lat BETWEEN s.south AND s.north AND e.lon BETWEEN s.west AND s.east
  AND NOT EXISTS (
    SELECT 1 FROM curated AS c
    WHERE e.date_start <= date(c.date_end, '+' || :days || ' days')
      AND e.date_end >= date(c.date_start, '-' || :days || ' days')
      AND 6371 * acos(min(1, sin(radians(c.lat)) * sin(radians(e.lat)) + cos(radians(c.lat)) * cos(radians(e.lat)) * cos(radians(c.lon - e.lon)))) <= :km)
ORDER BY e.date, e.incident_id;
