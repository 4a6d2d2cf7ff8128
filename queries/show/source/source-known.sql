-- name: source-known
-- description: Every source id, for suggestions.
SELECT source_id FROM sources UNION SELECT file FROM sources
