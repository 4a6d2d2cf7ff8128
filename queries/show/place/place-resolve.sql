-- name: place-resolve
-- description: The places a name names: any id, name or alias, trimmed,
--   compared without regard to case or diacritics. The one place resolver,
--   used by at-place and by incq show place.
-- param: name text required What the user typed.
SELECT DISTINCT place_id FROM place_names WHERE incq_fold(name) = incq_fold(:name) ORDER BY place_id
