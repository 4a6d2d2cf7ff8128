-- name: claim-resolve
-- description: The claim an id names, in any case.
-- param: name text required What the user typed.
SELECT claim_id FROM claims WHERE claim_id = trim(:name) COLLATE NOCASE
