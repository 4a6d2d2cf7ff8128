-- name: place-claims
-- description: Claims that place events at the place or anywhere within
--   it, whether about an incident or a whole episode.
-- param: id text required The place's id.
SELECT c.claim_id AS claim, c.source_id || ' ¶' || c.paragraph AS source, a.name AS claimant,
       coalesce(c.incident_id, c.episode_id) AS about, c.summary AS says
FROM place_tree AS t JOIN claims AS c ON c.place_id = t.inside_id
JOIN actors AS a ON a.actor_id = c.claimant_id
WHERE t.place_id = :id ORDER BY c.source_id, c.paragraph, c.claim_id
