-- name: sources
-- description: Each report: inferred publication date and its precision,
--   outlet (and whether stated or inferred), what it covers, and how many
--   incidents and claims cite it.
-- column: incidents claims integer
SELECT s.source_id, s.file, s.published, s.published_precision AS precision,
       coalesce(s.outlet || ' (' || s.outlet_basis || ')', '') AS outlet,
       (SELECT count(DISTINCT incident_id) FROM claims AS c WHERE c.source_id = s.source_id) AS incidents,
       (SELECT count(*) FROM claims AS c WHERE c.source_id = s.source_id) AS claims,
       s.covers
FROM sources AS s
ORDER BY s.source_id;
