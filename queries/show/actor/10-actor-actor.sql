-- name: actor-actor
-- description: The actor: kind, side, role, whom it speaks for, and its
--   other names.
-- param: id text required The actor's id.
SELECT 'id' AS field, actor_id AS value FROM actors WHERE actor_id = :id
UNION ALL SELECT 'name', name FROM actors WHERE actor_id = :id
UNION ALL SELECT 'kind', kind FROM actors WHERE actor_id = :id
UNION ALL SELECT 'side', side FROM actors WHERE actor_id = :id AND side IS NOT NULL
UNION ALL SELECT 'role', role FROM actors WHERE actor_id = :id AND role IS NOT NULL
UNION ALL SELECT 'speaks for', p.name || ' [' || p.actor_id || ']' FROM actors a JOIN actors p ON p.actor_id = a.parent_id WHERE a.actor_id = :id
UNION ALL SELECT 'also called', group_concat(alias, ', ' ORDER BY alias) FROM actor_aliases WHERE actor_id = :id AND alias <> (SELECT name FROM actors WHERE actor_id = :id) HAVING count(*) > 0
UNION ALL SELECT 'note', note FROM actors WHERE actor_id = :id AND note IS NOT NULL
