-- name: talks-resolve
-- description: The talks an id names, in any case.
-- param: name text required What the user typed.
SELECT talks_id FROM talks WHERE talks_id = trim(:name) COLLATE NOCASE
