-- name: weapons
-- description: Weapons named in claims, by the claimant's side: how many
--   claims and incidents name each. Who is said to have used a weapon is
--   the side the claim accuses; "report" marks the report's own narration.
-- column: claims incidents integer
SELECT w.weapon, coalesce(a.side, 'report') AS claimed_by, c.accused_side AS used_by,
       count(*) AS claims, count(DISTINCT c.incident_id) AS incidents,
       group_concat(DISTINCT c.incident_id ORDER BY c.incident_id) AS incident_ids
FROM claim_weapons AS w
JOIN claims AS c ON c.claim_id = w.claim_id
JOIN actors AS a ON a.actor_id = c.claimant_id
GROUP BY w.weapon, claimed_by, c.accused_side
ORDER BY w.weapon, claimed_by;
