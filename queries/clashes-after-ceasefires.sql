-- name: clashes-after-ceasefires
-- description: Each incident with the latest ceasefire before it and the
--   days between them. A ceasefire's date may be contested (reports give
--   different days): the query never takes one report's date, but the
--   ceasefire's best date, weighed across the reports and the record
--   (ceasefires.date_basis says how; each report's own date is in
--   ceasefire_reports). days_after is the incident's best date minus the
--   ceasefire's best date; days_after_min and days_after_max are the fewest
--   and most days the reports allow, from the ceasefire's latest possible
--   day to the incident's earliest, and from the ceasefire's earliest to
--   the incident's latest. Incidents before any ceasefire are left out.
-- note: ceasefire dates are best values; what each report says of a ceasefire, with paragraphs: incq show ceasefire ID
-- param: within count null Only incidents at most this many days after the ceasefire (by days_after); empty for all.
-- param: since date 0001-01-01 First incident date to include (YYYY-MM-DD).
-- param: until date 9999-12-31 Last incident date to include (YYYY-MM-DD).
-- column: days_after days_after_min days_after_max integer
SELECT incident_id, date, place, ceasefire, ceasefire_date, days_after, days_after_min, days_after_max
FROM (
  SELECT i.incident_id, i.date, p.name AS place, c.name AS ceasefire, c.date AS ceasefire_date,
         CAST(julianday(i.date) - julianday(c.date) AS INTEGER) AS days_after,
         CAST(julianday(i.date_start) - julianday(c.date_end) AS INTEGER) AS days_after_min,
         CAST(julianday(i.date_end) - julianday(c.date_start) AS INTEGER) AS days_after_max,
         row_number() OVER (PARTITION BY i.incident_id ORDER BY c.date DESC) AS latest
  FROM incidents AS i
  JOIN ceasefires AS c ON c.date < i.date
  LEFT JOIN places AS p ON p.place_id = i.place_id
  WHERE i.date BETWEEN :since AND :until
)
WHERE latest = 1 AND (:within IS NULL OR days_after <= :within)
ORDER BY date, incident_id;
