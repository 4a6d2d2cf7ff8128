-- name: clashes-after-ceasefires
-- description: Each incident with the latest ceasefire agreed before it and
--   the days between them (incident's best date minus the ceasefire's date,
--   as reported). Incidents before any ceasefire are left out.
-- param: within integer null Only incidents at most this many days after the ceasefire; empty for all.
-- param: since date 0001-01-01 First incident date to include (YYYY-MM-DD).
-- param: until date 9999-12-31 Last incident date to include (YYYY-MM-DD).
SELECT incident_id, date, place, ceasefire, ceasefire_date, days_after
FROM (
  SELECT i.incident_id, i.date, p.name AS place, c.name AS ceasefire, c.date AS ceasefire_date,
         CAST(julianday(i.date) - julianday(c.date) AS INTEGER) AS days_after,
         row_number() OVER (PARTITION BY i.incident_id ORDER BY c.date DESC) AS latest
  FROM incidents AS i
  JOIN ceasefires AS c ON c.date < i.date
  LEFT JOIN places AS p ON p.place_id = i.place_id
  WHERE i.date BETWEEN :since AND :until
)
WHERE latest = 1 AND (:within IS NULL OR days_after <= :within)
ORDER BY date, incident_id;
