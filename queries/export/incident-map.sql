-- name: incident-map
-- description: Every incident at its place's coordinates, what incq
--   export writes as GeoJSON: the date and how exactly it is known, the place and how
--   exactly the incident's place and the place's coordinates are known,
--   each side's counted losses (the figures casualties-by-side counts) and
--   the summary. An incident whose place has no coordinates has NULL lat
--   and lon; the GeoJSON writer lists it as left out.
-- column: am_killed am_wounded am_captured am_missing az_killed az_wounded az_captured az_missing integer
-- column: others text
SELECT i.incident_id AS id, i.date, i.date_precision, p.name AS place,
       i.geo_precision, p.coord_precision,
       l.am_killed, l.am_wounded, l.am_captured, l.am_missing,
       l.az_killed, l.az_wounded, l.az_captured, l.az_missing, l.others,
       i.summary, p.lat, p.lon
FROM incidents AS i
LEFT JOIN places AS p ON p.place_id = i.place_id
LEFT JOIN incident_losses AS l ON l.incident_id = i.incident_id
ORDER BY i.date, i.incident_id
