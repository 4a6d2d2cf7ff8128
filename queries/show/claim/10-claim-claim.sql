-- name: claim-claim
-- description: The claim: who made it, of what kind, about which incident
--   or episode, where it stands in which report, and what it says.
-- param: id text required The claim's id.
SELECT 'id' AS field, claim_id AS value FROM claims WHERE claim_id = :id
UNION ALL SELECT 'claimant', a.name || ' [' || a.actor_id || ']' || coalesce(' (' || a.side || ')', '') FROM claims c JOIN actors a ON a.actor_id = c.claimant_id WHERE claim_id = :id
UNION ALL SELECT 'speaker', a.name || ' [' || a.actor_id || ']' FROM claims c JOIN actors a ON a.actor_id = c.speaker_id WHERE claim_id = :id
UNION ALL SELECT 'kind', kind FROM claims WHERE claim_id = :id
UNION ALL SELECT 'incident', c.incident_id || ' (' || i.date || ')' FROM claims c JOIN incidents i USING (incident_id) WHERE claim_id = :id
UNION ALL SELECT 'episode', e.name || ' [' || e.episode_id || ']' FROM claims c JOIN episodes e USING (episode_id) WHERE claim_id = :id
UNION ALL SELECT 'source', c.source_id || ' ' || s.file || ', paragraph ' || c.paragraph FROM claims c JOIN sources s USING (source_id) WHERE claim_id = :id
UNION ALL SELECT 'blames', accused_side FROM claims WHERE claim_id = :id AND accused_side IS NOT NULL
UNION ALL SELECT 'answers', group_concat(responds_to, ', ' ORDER BY responds_to) FROM claim_responses WHERE claim_id = :id HAVING count(*) > 0
UNION ALL SELECT 'place', p.name || ' [' || p.place_id || ']' FROM claims c JOIN places p USING (place_id) WHERE claim_id = :id
UNION ALL SELECT 'quote', '"' || quote || '"' FROM claims WHERE claim_id = :id AND quote IS NOT NULL
UNION ALL SELECT 'says', summary FROM claims WHERE claim_id = :id
