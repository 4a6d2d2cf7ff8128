-- name: incident-weapons
-- description: Weapons named in the claims, by claimant.
-- param: id text required The incident's id.
SELECT w.claim_id AS claim, w.weapon, a.name AS claimant
FROM claim_weapons w JOIN claims c USING (claim_id) JOIN actors a ON a.actor_id = c.claimant_id
WHERE c.incident_id = :id ORDER BY w.claim_id, w.weapon
