-- name: timeline
-- description: Incidents in date order, with the date's precision, the place
--   and each side's counted losses (the figures casualties-by-side counts;
--   others names any third side's, such as peacekeepers'); a loss column
--   is empty when no claim gave that side's figure.
-- note: evidence for each loss, with report and paragraph: incq query casualty-evidence (same parameters)
-- param: since date 0001-01-01 First incident date to include (YYYY-MM-DD).
-- param: until date 9999-12-31 Last incident date to include (YYYY-MM-DD).
-- column: am_killed am_wounded am_captured am_missing az_killed az_wounded az_captured az_missing integer
-- column: others text
SELECT i.incident_id, i.date, i.date_precision AS precision, p.name AS place,
       l.am_killed, l.am_wounded, l.am_captured, l.am_missing,
       l.az_killed, l.az_wounded, l.az_captured, l.az_missing, l.others,
       i.summary
FROM incidents AS i
LEFT JOIN places AS p ON p.place_id = i.place_id
LEFT JOIN incident_losses AS l ON l.incident_id = i.incident_id
WHERE i.date BETWEEN :since AND :until
ORDER BY i.date, i.incident_id;
