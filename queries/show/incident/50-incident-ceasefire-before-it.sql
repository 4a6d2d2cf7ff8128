-- name: incident-ceasefire-before-it
-- description: The latest ceasefire before the incident, and the days since its best date.
-- param: id text required The incident's id.
SELECT c.ceasefire_id AS ceasefire, c.name, c.date, CAST(julianday(i.date) - julianday(c.date) AS INTEGER) AS days_after
FROM incidents i JOIN ceasefires c ON c.date < i.date WHERE i.incident_id = :id
ORDER BY c.date DESC LIMIT 1
