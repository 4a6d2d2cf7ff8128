-- name: incident-incident
-- description: The incident's record: kind, date with its range and basis, place, episode and summary; for an imported event, where it was read, its parties and the sources its row cites.
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
UNION ALL SELECT 'origin', origin || ' (' || (SELECT group_concat(source_id || ' line ' || line, ', ') FROM (
    SELECT source_id, line FROM acled_events WHERE incident_id = :id
    UNION ALL SELECT source_id, line FROM ucdp_events WHERE incident_id = :id)) || ')'
  FROM incidents WHERE incident_id = :id AND origin <> 'curated'
UNION ALL SELECT 'parties', group_concat(a.name || ' (' || p.role || ', ' || coalesce('side ' || a.side, 'no side') || ')', '; ')
  FROM incident_parties AS p JOIN actors AS a USING (actor_id) WHERE p.incident_id = :id HAVING count(*) > 0
UNION ALL SELECT 'sources cited', group_concat(t.outlet || coalesce(' ' || t.date, '') || coalesce(': ' || t.headline, ''), '; ' ORDER BY t.n)
  FROM claim_citations AS t JOIN claims AS c USING (claim_id) WHERE c.incident_id = :id HAVING count(*) > 0
