-- name: place-incidents
-- description: Incidents at the place or anywhere within it, with how each
--   is tied to it (its own place, or a place one of its claims names); the
--   same incidents as the at-place query.
-- param: id text required The place's id.
SELECT i.incident_id AS incident, i.date, group_concat(DISTINCT ip.via ORDER BY ip.via) AS via, i.summary
FROM place_tree AS t
JOIN incident_places AS ip ON ip.place_id = t.inside_id
JOIN incidents AS i ON i.incident_id = ip.incident_id
WHERE t.place_id = :id
GROUP BY i.incident_id ORDER BY i.date, i.incident_id
