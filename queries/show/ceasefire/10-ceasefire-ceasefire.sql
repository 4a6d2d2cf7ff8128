-- name: ceasefire-ceasefire
-- description: The ceasefire: its best date with the range the reports
--   allow and the basis, its broker, and what it ended.
-- param: id text required The ceasefire's id.
SELECT 'id' AS field, ceasefire_id AS value FROM ceasefires WHERE ceasefire_id = :id
UNION ALL SELECT 'name', name FROM ceasefires WHERE ceasefire_id = :id
UNION ALL SELECT 'date', date || ' (' || date_precision || '; between ' || date_start || ' and ' || date_end || ')' FROM ceasefires WHERE ceasefire_id = :id
UNION ALL SELECT 'date basis', date_basis FROM ceasefires WHERE ceasefire_id = :id
UNION ALL SELECT 'broker', coalesce(a.name || ' [' || a.actor_id || ']', 'contested') || ': ' || c.broker_basis FROM ceasefires c LEFT JOIN actors a ON a.actor_id = c.broker_id WHERE ceasefire_id = :id
UNION ALL SELECT 'ended', e.name || ' [' || e.episode_id || ']' FROM ceasefires c JOIN episodes e ON e.episode_id = c.ends_episode_id WHERE ceasefire_id = :id
UNION ALL SELECT 'summary', summary FROM ceasefires WHERE ceasefire_id = :id
