-- name: search-names
-- description: Every name of every place and actor, so that a search for
--   one of them can also look for the others (see search-aliases).
SELECT 'place' AS kind, place_id AS id, alias FROM place_aliases
UNION ALL
SELECT 'actor', actor_id, alias FROM actor_aliases
