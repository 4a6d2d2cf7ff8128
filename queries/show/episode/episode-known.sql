-- name: episode-known
-- description: Every episode id and name, for suggestions.
SELECT episode_id FROM episodes UNION SELECT name FROM episodes ORDER BY 1
