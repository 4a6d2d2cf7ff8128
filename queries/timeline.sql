-- name: timeline
-- description: Incidents in date order, with the date's precision, the place
--   and each side's counted losses (the figures casualties-by-side counts;
--   others names any third side's, such as peacekeepers', and the deaths
--   an event dataset counts for no side: ACLED's total for the event,
--   UCDP's of unknown side); a loss column is empty when no claim gave
--   that side's figure.
-- note: evidence for each loss, with report and paragraph: incq query casualty-evidence (same parameters)
-- param: since date 0001-01-01 First incident date to include (YYYY-MM-DD).
-- param: until date 9999-12-31 Last incident date to include (YYYY-MM-DD).
-- column: am_killed am_wounded am_captured am_missing az_killed az_wounded az_captured az_missing integer
-- column: others text
SELECT i.incident_id, i.date, i.date_precision AS precision, p.name AS place,
       l.am_killed, l.am_wounded, l.am_captured, l.am_missing,
       l.az_killed, l.az_wounded, l.az_captured, l.az_missing,
       nullif(concat_ws(', ', l.others,
         (SELECT group_concat(a.name || ' ' || f.status || ' ' || f.count || ' (no side)', ', ')
          FROM claims AS c
          JOIN actors AS a ON a.actor_id = c.claimant_id AND a.kind = 'coder'
          JOIN casualties AS f ON f.claim_id = c.claim_id
          WHERE c.incident_id = i.incident_id AND f.side IS NULL AND f.party_id IS NULL
            AND f.category = 'any' AND f.count > 0)), '') AS others,
       i.summary
FROM incidents AS i
LEFT JOIN places AS p ON p.place_id = i.place_id
LEFT JOIN incident_losses AS l ON l.incident_id = i.incident_id
WHERE i.date BETWEEN :since AND :until
ORDER BY i.date, i.incident_id;
