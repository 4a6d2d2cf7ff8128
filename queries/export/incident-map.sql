-- name: incident-map
-- description: Every incident at its place's coordinates, what incq
--   export writes as GeoJSON: the date and how exactly it is known, the place and how
--   exactly the incident's place and the place's coordinates are known,
--   each side's counted losses (the figures casualties-by-side counts) and
--   the summary. An incident whose place has no coordinates has NULL lat
--   and lon; the GeoJSON writer lists it as left out.
SELECT i.incident_id AS id, i.date, i.date_precision, p.name AS place,
       i.geo_precision, p.coord_precision,
       sum(f.count) FILTER (WHERE f.side = 'armenia' AND f.status = 'killed') AS am_killed,
       sum(f.count) FILTER (WHERE f.side = 'armenia' AND f.status = 'wounded') AS am_wounded,
       sum(f.count) FILTER (WHERE f.side = 'armenia' AND f.status = 'captured') AS am_captured,
       sum(f.count) FILTER (WHERE f.side = 'azerbaijan' AND f.status = 'killed') AS az_killed,
       sum(f.count) FILTER (WHERE f.side = 'azerbaijan' AND f.status = 'wounded') AS az_wounded,
       sum(f.count) FILTER (WHERE f.side = 'azerbaijan' AND f.status = 'captured') AS az_captured,
       i.summary, p.lat, p.lon
FROM incidents AS i
LEFT JOIN places AS p ON p.place_id = i.place_id
LEFT JOIN counted_figures AS f ON f.incident_id = i.incident_id
GROUP BY i.incident_id
ORDER BY i.date, i.incident_id
