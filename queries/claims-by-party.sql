-- name: claims-by-party
-- description: Claims counted by claimant: all claims; accusations (claims
--   of a kind that holds the other side responsible for an act or an aim:
--   attack, capture, incursion, buildup, blame, intent, as claim_kinds
--   marks them; a loss report, a retaliation or a demand is not one);
--   denials (denials and "disinformation" rebuttals); and claims that give
--   casualty figures. The report's own narration counts as the claimant
--   "the report itself".
-- column: claims accusations denials with_figures integer
SELECT a.name AS claimant, coalesce(a.side, 'report') AS side,
       count(*) AS claims,
       count(*) FILTER (WHERE k.accusation = 1) AS accusations,
       count(*) FILTER (WHERE c.kind IN ('denial', 'disinformation')) AS denials,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM casualties AS f WHERE f.claim_id = c.claim_id)) AS with_figures
FROM claims AS c
JOIN actors AS a ON a.actor_id = c.claimant_id
JOIN claim_kinds AS k ON k.claim_kind = c.kind
GROUP BY a.actor_id
ORDER BY claims DESC, claimant;
