-- name: casualties-by-side
-- description: Killed, wounded, captured and missing per side, summed over incidents;
--   episode tolls (whole wars and flare-ups) never count. Each incident
--   counts one figure per side and status: the suffering side's own account
--   when it gave one (a side knows its own losses), else the report's own
--   narration, else the other side's claim; among claims of equal rank the
--   largest, all its figures (soldiers and civilians) adding up. A figure
--   without a number ("several") adds nothing. Imported events (incq
--   import) are summed apart, by origin: a coder's figures (UCDP's deaths
--   per side, where actor_sides gives the party a side) are never added
--   to the parties' claims, and ACLED's one total per event is never put
--   on a side: a coder's deaths of no side (ACLED's totals, UCDP's
--   civilians, unknown and unmapped parties' dead) are a row of their
--   own, (no side).
-- note: evidence for each figure, with report and paragraph: incq query casualty-evidence (same parameters); tolls of whole wars are kept apart: incq query episode-tolls
-- param: since date 0001-01-01 First incident date to include (YYYY-MM-DD).
-- param: until date 9999-12-31 Last incident date to include (YYYY-MM-DD).
-- column: incidents killed wounded captured missing integer
SELECT * FROM (
  SELECT i.origin, f.side,
         count(DISTINCT f.incident_id) AS incidents,
         coalesce(sum(f.count) FILTER (WHERE f.status = 'killed'), 0) AS killed,
         coalesce(sum(f.count) FILTER (WHERE f.status = 'wounded'), 0) AS wounded,
         coalesce(sum(f.count) FILTER (WHERE f.status = 'captured'), 0) AS captured,
         coalesce(sum(f.count) FILTER (WHERE f.status = 'missing'), 0) AS missing
  FROM counted_figures AS f
  JOIN incidents AS i ON i.incident_id = f.incident_id
  WHERE i.date BETWEEN :since AND :until
  GROUP BY i.origin, f.side
  UNION ALL
  -- A coder's deaths of no side, apart: ACLED's totals, UCDP's civilians,
  -- unknown and unmapped parties' dead.
  SELECT i.origin, '(no side)',
         count(DISTINCT i.incident_id),
         coalesce(sum(f.count) FILTER (WHERE f.status = 'killed'), 0),
         coalesce(sum(f.count) FILTER (WHERE f.status = 'wounded'), 0),
         coalesce(sum(f.count) FILTER (WHERE f.status = 'captured'), 0),
         coalesce(sum(f.count) FILTER (WHERE f.status = 'missing'), 0)
  FROM casualties AS f
  JOIN claims AS c ON c.claim_id = f.claim_id
  JOIN actors AS a ON a.actor_id = c.claimant_id AND a.kind = 'coder'
  JOIN incidents AS i ON i.incident_id = c.incident_id
  WHERE f.side IS NULL AND f.count IS NOT NULL AND i.date BETWEEN :since AND :until
  GROUP BY i.origin
)
ORDER BY origin <> 'curated', origin, side = '(no side)', side;
