-- name: ceasefire-resolve
-- description: The ceasefire an id or name names, in any case.
-- param: name text required What the user typed.
SELECT ceasefire_id FROM ceasefires WHERE ceasefire_id = trim(:name) COLLATE NOCASE OR incq_fold(name) = incq_fold(:name)
