-- name: claim-known
-- description: Every claim id, for suggestions.
SELECT claim_id FROM claims ORDER BY claim_id
