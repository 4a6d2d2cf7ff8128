-- name: source-ceasefires-and-talks
-- description: Ceasefires and talks the report mentions, by paragraph.
-- param: id text required The source's id.
SELECT 'ceasefire' AS kind, ceasefire_id AS id, paragraph, note FROM ceasefire_reports WHERE source_id = :id
UNION ALL SELECT 'talks', talks_id, paragraph, note FROM talk_reports WHERE source_id = :id
ORDER BY paragraph
