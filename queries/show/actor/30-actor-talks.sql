-- name: actor-talks
-- description: Talks the actor took part in, hosted or mediated,
--   ceasefires it brokered, and ceasefires a report says it brokered
--   (a claim of that report, where the broker is contested).
-- param: id text required The actor's id.
SELECT 'talks' AS what, t.talks_id AS id, t.date, CASE WHEN tp.source_id IS NULL THEN 'took part, by the record (no report names them)' ELSE 'took part' END AS role, t.summary
FROM talk_participants tp JOIN talks t USING (talks_id) WHERE tp.actor_id = :id
UNION ALL SELECT 'talks', talks_id, date, host_role, summary FROM talks WHERE host_id = :id
UNION ALL SELECT 'ceasefire', ceasefire_id, date, 'brokered', summary FROM ceasefires WHERE broker_id = :id
UNION ALL SELECT 'ceasefire', c.ceasefire_id, c.date, 'brokered, says ' || r.source_id || ' ¶' || r.paragraph, c.summary
FROM ceasefire_reports r JOIN ceasefires c USING (ceasefire_id)
WHERE r.reported_broker_id = :id AND c.broker_id IS NOT r.reported_broker_id
ORDER BY 3, 2
