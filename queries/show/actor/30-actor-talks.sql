-- name: actor-talks
-- description: Talks the actor took part in, hosted or mediated, and
--   ceasefires it brokered.
-- param: id text required The actor's id.
SELECT 'talks' AS what, t.talks_id AS id, t.date, 'took part' AS role, t.summary
FROM talk_participants tp JOIN talks t USING (talks_id) WHERE tp.actor_id = :id
UNION ALL SELECT 'talks', talks_id, date, host_role, summary FROM talks WHERE host_id = :id
UNION ALL SELECT 'ceasefire', ceasefire_id, date, 'brokered', summary FROM ceasefires WHERE broker_id = :id
ORDER BY 3, 2
