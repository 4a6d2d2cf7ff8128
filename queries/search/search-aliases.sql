-- name: search-aliases
-- description: All the names of the places and actors that a searched word
--   or phrase names, in either of the two spellings given.
-- param: spaced text required The phrase as searched, hyphens made spaces.
-- param: text text required The phrase as typed.
SELECT DISTINCT n.alias FROM search_names AS n
JOIN search_names AS m ON m.kind = n.kind AND m.id = n.id
WHERE m.alias = :spaced COLLATE NOCASE OR m.alias = :text COLLATE NOCASE
ORDER BY n.alias
