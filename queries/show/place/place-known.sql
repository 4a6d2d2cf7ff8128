-- name: place-known
-- description: Every place id, name and alias, for suggestions.
SELECT alias FROM place_aliases UNION SELECT place_id FROM places UNION SELECT name FROM places
