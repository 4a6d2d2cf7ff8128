-- name: actor-claims
-- description: Every claim the actor made, or spoke, with report and
--   paragraph.
-- param: id text required The actor's id.
SELECT c.claim_id AS claim, coalesce(c.incident_id, c.episode_id) AS about, c.source_id || ' ¶' || c.paragraph AS source,
       CASE WHEN c.claimant_id = :id THEN 'claimant' ELSE 'speaker' END AS "as",
       c.kind, c.summary AS says
FROM claims c WHERE c.claimant_id = :id OR c.speaker_id = :id
ORDER BY c.source_id, c.paragraph, c.claim_id
