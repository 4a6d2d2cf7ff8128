-- name: episode-ceasefires
-- description: Ceasefires that ended the episode.
-- param: id text required The episode's id.
SELECT c.ceasefire_id AS ceasefire, c.name, c.date,
       coalesce(a.name || ' [' || a.actor_id || ']', 'contested: see incq show ceasefire ' || c.ceasefire_id) AS broker
FROM ceasefires AS c LEFT JOIN actors AS a ON a.actor_id = c.broker_id
WHERE c.ends_episode_id = :id ORDER BY c.date
