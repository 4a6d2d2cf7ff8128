-- Derived views. They hold no data of their own and have no CSV file.

-- counted_figures picks the one figure per incident, side and status that
-- totals count: the suffering side's own account when it gave one, else the
-- report's narration, else the other side's claim; among claims of equal
-- rank, the largest figure. Figures without a number are left out.
CREATE VIEW counted_figures AS
SELECT incident_id, side, status, count, figure_id, claim_id
FROM (
  SELECT c.incident_id, f.side, f.status, f.count, f.figure_id, f.claim_id,
         row_number() OVER (
           PARTITION BY c.incident_id, f.side, f.status
           ORDER BY CASE WHEN a.side = f.side THEN 0 WHEN a.kind = 'narrator' THEN 1 ELSE 2 END,
                    f.count DESC, f.figure_id
         ) AS pick
  FROM casualties AS f
  JOIN claims AS c ON c.claim_id = f.claim_id
  JOIN actors AS a ON a.actor_id = c.claimant_id
  WHERE f.count IS NOT NULL AND c.incident_id IS NOT NULL
)
WHERE pick = 1;

-- incident_places lists, for each incident, every place it is tied to: its
-- own place and the places its claims name.
CREATE VIEW incident_places AS
SELECT incident_id, place_id, 'incident' AS via FROM incidents WHERE place_id IS NOT NULL
UNION
SELECT incident_id, place_id, 'claim ' || claim_id FROM claims WHERE incident_id IS NOT NULL AND place_id IS NOT NULL;
