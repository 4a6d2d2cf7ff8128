-- name: place-resolve
-- description: The places a name or alias names, in any case.
-- param: name text required What the user typed.
SELECT place_id FROM places WHERE place_id = trim(:name) COLLATE NOCASE OR name = trim(:name) COLLATE NOCASE
UNION SELECT place_id FROM place_aliases WHERE alias = trim(:name) COLLATE NOCASE
ORDER BY 1
