-- name: source-incidents
-- description: Incidents the report gives claims about.
-- param: id text required The source's id.
SELECT i.incident_id AS incident, i.date, count(*) AS claims, i.summary
FROM claims c JOIN incidents i USING (incident_id) WHERE c.source_id = :id
GROUP BY i.incident_id ORDER BY i.date
