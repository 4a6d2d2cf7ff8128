-- name: casualties-by-side
-- description: Killed, wounded and captured per side, summed over incidents;
--   episode tolls (whole wars and flare-ups) never count. Each incident
--   counts one figure per side and status: the suffering side's own account
--   when it gave one (a side knows its own losses), else the report's own
--   narration, else the other side's claim; among claims of equal rank the
--   largest figure. A figure without a number ("several") adds nothing.
-- param: since date 0001-01-01 First incident date to include (YYYY-MM-DD).
-- param: until date 9999-12-31 Last incident date to include (YYYY-MM-DD).
WITH figures AS (
  SELECT c.incident_id, f.side, f.status, f.count,
         row_number() OVER (
           PARTITION BY c.incident_id, f.side, f.status
           ORDER BY CASE WHEN a.side = f.side THEN 0 WHEN a.kind = 'narrator' THEN 1 ELSE 2 END,
                    f.count DESC
         ) AS pick
  FROM casualties AS f
  JOIN claims AS c ON c.claim_id = f.claim_id
  JOIN incidents AS i ON i.incident_id = c.incident_id
  JOIN actors AS a ON a.actor_id = c.claimant_id
  WHERE f.count IS NOT NULL
    AND i.date BETWEEN :since AND :until
)
SELECT side,
       count(DISTINCT incident_id) AS incidents,
       coalesce(sum(count) FILTER (WHERE status = 'killed'), 0) AS killed,
       coalesce(sum(count) FILTER (WHERE status = 'wounded'), 0) AS wounded,
       coalesce(sum(count) FILTER (WHERE status = 'captured'), 0) AS captured
FROM figures
WHERE pick = 1
GROUP BY side
ORDER BY side;
