-- name: place-names
-- description: Every name and spelling of the place, with who uses it.
-- param: id text required The place's id.
SELECT alias AS name, usage FROM place_aliases WHERE place_id = :id ORDER BY alias
