-- name: actor-resolve
-- description: The actors a name names: an id, a name or any alias
--   ("Yerevan" for Armenia's government), without regard to case or
--   diacritics.
-- param: name text required What the user typed.
SELECT actor_id FROM actors WHERE incq_fold(actor_id) = incq_fold(:name) OR incq_fold(name) = incq_fold(:name)
UNION SELECT actor_id FROM actor_aliases WHERE incq_fold(alias) = incq_fold(:name)
ORDER BY 1
