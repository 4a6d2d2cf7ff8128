-- name: search-count
-- description: How many records match a full-text query, however many
--   search shows.
-- param: match text required An FTS5 query, built by incq from the user's words.
SELECT count(*) FROM search WHERE search MATCH :match
