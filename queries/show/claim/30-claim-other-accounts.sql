-- name: claim-other-accounts
-- description: The other claims about the same incident or episode: the
--   other side's account, denials, and what answers what.
-- param: id text required The claim's id.
SELECT o.claim_id AS claim, o.source_id || ' ¶' || o.paragraph AS source, a.name AS claimant, o.kind,
       o.summary || coalesce(' Answers ' || (SELECT group_concat(r.responds_to, ', ' ORDER BY r.responds_to) FROM claim_responses AS r WHERE r.claim_id = o.claim_id) || '.', '') AS says
FROM claims c JOIN claims o ON o.claim_id <> c.claim_id
 AND (o.incident_id = c.incident_id OR (c.incident_id IS NULL AND o.episode_id = c.episode_id))
JOIN actors a ON a.actor_id = o.claimant_id
WHERE c.claim_id = :id ORDER BY o.source_id, o.paragraph, o.claim_id
