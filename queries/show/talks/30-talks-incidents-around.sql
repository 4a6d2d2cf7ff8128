-- name: talks-incidents-around
-- description: Incidents within 30 days of the talks, before or after.
-- param: id text required The talks' id.
SELECT i.incident_id AS incident, i.date, CAST(julianday(i.date) - julianday(t.date) AS INTEGER) AS days, i.summary
FROM talks t JOIN incidents i ON abs(julianday(i.date) - julianday(t.date)) <= 30
WHERE t.talks_id = :id ORDER BY i.date
