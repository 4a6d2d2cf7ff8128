-- name: ceasefire-incidents-after
-- description: Incidents after the ceasefire and before the next one, with
--   the days since its best date.
-- param: id text required The ceasefire's id.
SELECT i.incident_id AS incident, i.date, CAST(julianday(i.date) - julianday(c.date) AS INTEGER) AS days_after, i.summary
FROM ceasefires c JOIN incidents i ON i.date > c.date
WHERE c.ceasefire_id = :id
  AND NOT EXISTS (SELECT 1 FROM ceasefires n WHERE n.date > c.date AND n.date < i.date)
ORDER BY i.date, i.incident_id
