-- name: episode-claims
-- description: Claims about the episode as a whole.
-- param: id text required The episode's id.
SELECT c.claim_id AS claim, c.source_id || ' ¶' || c.paragraph AS source, a.name AS claimant, c.kind, c.summary AS says
FROM claims c JOIN actors a ON a.actor_id = c.claimant_id
WHERE c.episode_id = :id AND c.incident_id IS NULL ORDER BY c.source_id, c.paragraph
