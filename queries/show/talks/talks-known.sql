-- name: talks-known
-- description: Every talks id, for suggestions.
SELECT talks_id FROM talks ORDER BY 1
