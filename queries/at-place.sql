-- name: at-place
-- description: Incidents at or within a place given by any of its names or
--   spellings (Kelbajar, Kalbajar and Kelbecer are one district), matched
--   without regard to case or diacritics; an unknown place is an error. An
--   incident matches through its own place or a place one of its claims
--   names, and through any place inside the one asked for (a province finds
--   its villages). A capital standing for its government ("Yerevan said")
--   is an actor, not a place, and matches nothing here.
-- param: place place required A place name, alias or id, e.g. Kalbajar or Sotk.
WITH asked(place_id) AS (
  -- the one place resolver (queries/show/place/place-resolve.sql)
  SELECT DISTINCT place_id FROM place_names WHERE incq_fold(name) = incq_fold(:place)
)
SELECT i.incident_id, i.date, p.name AS place,
       group_concat(DISTINCT q.name ORDER BY q.name) AS matched, i.summary
FROM asked
JOIN place_tree AS t ON t.place_id = asked.place_id
JOIN incident_places AS ip ON ip.place_id = t.inside_id
JOIN incidents AS i ON i.incident_id = ip.incident_id
JOIN places AS q ON q.place_id = ip.place_id
LEFT JOIN places AS p ON p.place_id = i.place_id
GROUP BY i.incident_id
ORDER BY i.date, i.incident_id;
