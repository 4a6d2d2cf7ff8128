-- name: contested
-- description: Incidents where the sides' accounts conflict: one side denies
--   or calls the other's account disinformation, gives a counter-version,
--   or both sides blame each other. Each side's claims are shown side by
--   side, as "claim id [kind] summary", with the kinds of conflict found.
WITH sided AS (
  SELECT c.*, a.side AS claimant_side
  FROM claims AS c JOIN actors AS a ON a.actor_id = c.claimant_id
  WHERE c.incident_id IS NOT NULL
),
conflict AS (
  SELECT incident_id,
         trim(
           CASE WHEN count(*) FILTER (WHERE kind = 'denial') > 0 THEN 'denial ' ELSE '' END ||
           CASE WHEN count(*) FILTER (WHERE kind = 'disinformation' AND claim_id IN (SELECT claim_id FROM claim_responses)) > 0 THEN 'disinformation ' ELSE '' END ||
           CASE WHEN count(*) FILTER (WHERE kind = 'counter-claim') > 0 THEN 'counter-claim ' ELSE '' END ||
           CASE WHEN count(*) FILTER (WHERE claimant_side = 'armenia' AND accused_side = 'azerbaijan') > 0
                 AND count(*) FILTER (WHERE claimant_side = 'azerbaijan' AND accused_side = 'armenia') > 0
                THEN 'mutual-blame' ELSE '' END
         ) AS conflict
  FROM sided
  GROUP BY incident_id
)
SELECT i.incident_id, i.date, k.conflict,
       (SELECT group_concat(claim_id || ' [' || kind || '] ' || summary, char(10) ORDER BY claim_id) FROM sided AS s
         WHERE s.incident_id = i.incident_id AND s.claimant_side = 'armenia') AS armenia_says,
       (SELECT group_concat(claim_id || ' [' || kind || '] ' || summary, char(10) ORDER BY claim_id) FROM sided AS s
         WHERE s.incident_id = i.incident_id AND s.claimant_side = 'azerbaijan') AS azerbaijan_says
FROM incidents AS i
JOIN conflict AS k ON k.incident_id = i.incident_id
WHERE k.conflict <> ''
ORDER BY i.date, i.incident_id;
