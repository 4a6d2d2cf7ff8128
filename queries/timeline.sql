-- name: timeline
-- description: Incidents in date order, with the date's precision, the place
--   and each side's counted losses (the figures casualties-by-side counts);
--   a loss column is empty when no claim gave that side's figure.
-- note: evidence for each loss, with report and paragraph: incq query casualty-evidence (same parameters)
-- param: since date 0001-01-01 First incident date to include (YYYY-MM-DD).
-- param: until date 9999-12-31 Last incident date to include (YYYY-MM-DD).
SELECT i.incident_id, i.date, i.date_precision AS precision, p.name AS place,
       sum(f.count) FILTER (WHERE f.side = 'armenia' AND f.status = 'killed') AS am_killed,
       sum(f.count) FILTER (WHERE f.side = 'armenia' AND f.status = 'wounded') AS am_wounded,
       sum(f.count) FILTER (WHERE f.side = 'armenia' AND f.status = 'captured') AS am_captured,
       sum(f.count) FILTER (WHERE f.side = 'azerbaijan' AND f.status = 'killed') AS az_killed,
       sum(f.count) FILTER (WHERE f.side = 'azerbaijan' AND f.status = 'wounded') AS az_wounded,
       sum(f.count) FILTER (WHERE f.side = 'azerbaijan' AND f.status = 'captured') AS az_captured,
       i.summary
FROM incidents AS i
LEFT JOIN places AS p ON p.place_id = i.place_id
LEFT JOIN counted_figures AS f ON f.incident_id = i.incident_id
WHERE i.date BETWEEN :since AND :until
GROUP BY i.incident_id
ORDER BY i.date, i.incident_id;
