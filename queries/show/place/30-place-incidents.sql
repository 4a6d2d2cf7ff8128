-- name: place-incidents
-- description: Incidents at the place or anywhere within it.
-- param: id text required The place's id.
SELECT i.incident_id AS incident, i.date, group_concat(DISTINCT ip.via) AS via, i.summary
FROM incident_places ip JOIN incidents i USING (incident_id)
WHERE ip.place_id = :id OR ip.place_id IN (SELECT place_id FROM places WHERE parent_id = :id)
GROUP BY i.incident_id ORDER BY i.date
