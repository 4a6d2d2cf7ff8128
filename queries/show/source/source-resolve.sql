-- name: source-resolve
-- description: The report an id, file name or file number names.
-- param: name text required What the user typed.
SELECT source_id FROM sources
WHERE source_id = trim(:name) COLLATE NOCASE OR file = trim(:name)
   OR substr(file, 1, length(trim(:name)) + 1) = trim(:name) || '_'
