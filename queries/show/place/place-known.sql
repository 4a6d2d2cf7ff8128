-- name: place-known
-- description: Every name a place answers to, one spelling per folded name,
--   for suggestions.
SELECT min(name) FROM place_names GROUP BY incq_fold(name) ORDER BY 1
