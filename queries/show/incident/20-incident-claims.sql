-- name: incident-claims
-- description: Every claim about the incident: report and paragraph, claimant, kind and what it says.
-- param: id text required The incident's id.
SELECT c.claim_id AS claim, c.source_id || ' ¶' || c.paragraph AS source,
       a.name || coalesce(' (' || s.name || ')', '') AS claimant, c.kind,
       c.summary || coalesce(' Quoted: "' || c.quote || '".', '')
         || coalesce(' Blames ' || c.accused_side || '.', '')
         || coalesce(' Answers ' || (SELECT group_concat(r.responds_to, ', ' ORDER BY r.responds_to) FROM claim_responses AS r WHERE r.claim_id = c.claim_id) || '.', '') AS says
FROM claims c JOIN actors a ON a.actor_id = c.claimant_id LEFT JOIN actors s ON s.actor_id = c.speaker_id
WHERE c.incident_id = :id ORDER BY c.source_id, c.paragraph, c.claim_id
