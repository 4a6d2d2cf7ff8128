-- name: episode-ceasefires
-- description: Ceasefires that ended the episode.
-- param: id text required The episode's id.
SELECT ceasefire_id AS ceasefire, name, date, broker_id AS broker FROM ceasefires WHERE ends_episode_id = :id ORDER BY date
