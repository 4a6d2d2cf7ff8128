-- name: incident-incident
-- description: The incident's record: kind, date with its range and basis, place, episode and summary.
-- param: id text required The incident's id.
SELECT 'id' AS field, incident_id AS value FROM incidents WHERE incident_id = :id
UNION ALL SELECT 'kind', kind FROM incidents WHERE incident_id = :id
UNION ALL SELECT 'date', date || ' (' || date_precision || '; between ' || date_start || ' and ' || date_end || ')' FROM incidents WHERE incident_id = :id
UNION ALL SELECT 'date basis', date_basis FROM incidents WHERE incident_id = :id
UNION ALL SELECT 'time of day', time_of_day FROM incidents WHERE incident_id = :id AND time_of_day IS NOT NULL
UNION ALL SELECT 'place', coalesce(p.name || ' [' || p.place_id || ']', 'not reported') || ' (' || i.geo_precision || ')' FROM incidents i LEFT JOIN places p USING (place_id) WHERE incident_id = :id
UNION ALL SELECT 'also called', group_concat(alias, ', ' ORDER BY alias) FROM place_aliases WHERE place_id = (SELECT place_id FROM incidents WHERE incident_id = :id) AND alias <> (SELECT name FROM places WHERE place_id = (SELECT place_id FROM incidents WHERE incident_id = :id)) HAVING count(*) > 0
UNION ALL SELECT 'episode', e.name FROM incidents i JOIN episodes e USING (episode_id) WHERE incident_id = :id
UNION ALL SELECT 'summary', summary FROM incidents WHERE incident_id = :id
