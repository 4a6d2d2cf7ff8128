-- name: around-talks
-- description: Incidents within some days before or after talks between the
--   parties, with the talks. days is the incident's best date minus the
--   talks' best date: negative before the talks, positive after. A
--   participant whom no report names, only the record, is marked (record).
-- param: days count 14 How many days before or after the talks to look.
-- column: days integer
SELECT i.incident_id, i.date, ip.name AS place, t.talks_id, t.date AS talks_date,
       tp.name AS talks_place, t.status AS talks_status,
       (SELECT group_concat(a.name || CASE WHEN x.source_id IS NULL THEN ' (record)' ELSE '' END, ', ' ORDER BY a.name) FROM talk_participants AS x JOIN actors AS a ON a.actor_id = x.actor_id WHERE x.talks_id = t.talks_id) AS participants,
       CAST(julianday(i.date) - julianday(t.date) AS INTEGER) AS days
FROM incidents AS i
JOIN talks AS t ON abs(julianday(i.date) - julianday(t.date)) <= :days
LEFT JOIN places AS ip ON ip.place_id = i.place_id
LEFT JOIN places AS tp ON tp.place_id = t.place_id
ORDER BY i.date, i.incident_id, t.date;
