-- name: search
-- description: Records matching a full-text query, best first: kind, id,
--   title and a snippet with the matching words in brackets.
-- param: match text required An FTS5 query, built by incq from the user's words.
-- param: limit integer 20 How many results at most.
SELECT kind, id, title, snippet(search, 3, '[', ']', '…', 12) AS snippet
FROM search WHERE search MATCH :match
ORDER BY bm25(search, 0, 0, 5, 2, 1, 1), kind, id
LIMIT :limit
