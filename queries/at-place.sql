-- name: at-place
-- description: Incidents at or within a place given by any of its names or
--   spellings (Kelbajar, Kalbajar and Kelbecer are one district), matched
--   without regard to case. An incident matches through its own place or a
--   place one of its claims names, and through any place inside the one
--   asked for (a province finds its villages).
-- param: place text required A place name, alias or id, e.g. Kalbajar or Sotk.
WITH RECURSIVE asked(place_id) AS (
  SELECT place_id FROM place_aliases WHERE alias = :place COLLATE NOCASE
  UNION SELECT place_id FROM places WHERE place_id = :place COLLATE NOCASE OR name = :place COLLATE NOCASE
),
inside(place_id) AS (
  SELECT place_id FROM asked
  UNION SELECT p.place_id FROM places AS p JOIN inside ON p.parent_id = inside.place_id
)
SELECT i.incident_id, i.date, p.name AS place,
       group_concat(DISTINCT q.name) AS matched, i.summary
FROM incidents AS i
JOIN incident_places AS ip ON ip.incident_id = i.incident_id
JOIN inside ON inside.place_id = ip.place_id
JOIN places AS q ON q.place_id = ip.place_id
LEFT JOIN places AS p ON p.place_id = i.place_id
GROUP BY i.incident_id
ORDER BY i.date, i.incident_id;
