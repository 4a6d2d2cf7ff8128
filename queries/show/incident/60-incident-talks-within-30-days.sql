-- name: incident-talks-within-30-days
-- description: Peace talks within 30 days of the incident, before or after.
-- param: id text required The incident's id.
SELECT t.talks_id AS talks, t.date, p.name AS place, t.status, CAST(julianday(i.date) - julianday(t.date) AS INTEGER) AS days
FROM incidents i JOIN talks t ON abs(julianday(i.date) - julianday(t.date)) <= 30
LEFT JOIN places p ON p.place_id = t.place_id WHERE i.incident_id = :id ORDER BY t.date
