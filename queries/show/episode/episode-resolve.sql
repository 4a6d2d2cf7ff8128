-- name: episode-resolve
-- description: The episode an id or name names, in any case.
-- param: name text required What the user typed.
SELECT episode_id FROM episodes WHERE episode_id = trim(:name) COLLATE NOCASE OR incq_fold(name) = incq_fold(:name)
