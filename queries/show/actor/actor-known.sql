-- name: actor-known
-- description: Every actor id, name and alias, for suggestions.
SELECT actor_id FROM actors UNION SELECT name FROM actors UNION SELECT alias FROM actor_aliases ORDER BY 1
