-- name: talks-talks
-- description: The talks: date with its range and basis, place, host and
--   status, and who took part (marked where the name comes from the
--   record, not a report).
-- param: id text required The talks' id.
SELECT 'id' AS field, talks_id AS value FROM talks WHERE talks_id = :id
UNION ALL SELECT 'date', date || ' (' || date_precision || '; between ' || date_start || ' and ' || date_end || ')' FROM talks WHERE talks_id = :id
UNION ALL SELECT 'date basis', date_basis FROM talks WHERE talks_id = :id
UNION ALL SELECT 'place', p.name || ' [' || p.place_id || ']' FROM talks t JOIN places p USING (place_id) WHERE talks_id = :id
UNION ALL SELECT t.host_role || ' by', a.name || ' [' || a.actor_id || ']' FROM talks t JOIN actors a ON a.actor_id = t.host_id WHERE talks_id = :id
UNION ALL SELECT 'status', status FROM talks WHERE talks_id = :id
UNION ALL SELECT 'participants', group_concat(a.name || CASE WHEN tp.source_id IS NULL THEN ' (from the record; no report names them)' ELSE '' END, ', ' ORDER BY a.name) FROM talk_participants tp JOIN actors a USING (actor_id) WHERE tp.talks_id = :id HAVING count(*) > 0
UNION ALL SELECT 'summary', summary FROM talks WHERE talks_id = :id
