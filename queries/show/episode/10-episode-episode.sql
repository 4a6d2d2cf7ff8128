-- name: episode-episode
-- description: The episode: its dates with their basis, and what it was.
-- param: id text required The episode's id.
SELECT 'id' AS field, episode_id AS value FROM episodes WHERE episode_id = :id
UNION ALL SELECT 'name', name FROM episodes WHERE episode_id = :id
UNION ALL SELECT 'dates', date_start || ' to ' || date_end || ' (' || date_precision || ')' FROM episodes WHERE episode_id = :id
UNION ALL SELECT 'date basis', date_basis FROM episodes WHERE episode_id = :id
UNION ALL SELECT 'summary', summary FROM episodes WHERE episode_id = :id
UNION ALL SELECT 'killed (best)', killed_best || ' ' || killed_category || ' (range ' || killed_low || ' to ' || killed_high || ')' FROM episodes WHERE episode_id = :id AND killed_best IS NOT NULL
UNION ALL SELECT 'toll basis', killed_basis FROM episodes WHERE episode_id = :id AND killed_best IS NOT NULL
