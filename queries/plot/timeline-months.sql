-- name: timeline-months
-- description: What incq plot timeline draws: per month and side, the
--   incidents in which that side had counted losses (the figures
--   casualties-by-side counts), over the timeline query's dates.
-- param: since date 0001-01-01 First incident date to include (YYYY-MM-DD).
-- param: until date 9999-12-31 Last incident date to include (YYYY-MM-DD).
SELECT substr(i.date, 1, 7) AS month, f.side, count(DISTINCT i.incident_id) AS incidents
FROM incidents AS i
JOIN counted_figures AS f ON f.incident_id = i.incident_id
WHERE i.date BETWEEN :since AND :until
GROUP BY month, f.side
ORDER BY month, f.side
