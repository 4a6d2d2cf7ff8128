-- name: locations
-- description: Where a row of any result is, for --format geojson on a
--   result without lat/lon columns: each place's coordinates by place_id,
--   and each incident's (its place's) by incident_id. Places without
--   coordinates are left out, and so are the incidents at them.
SELECT 'place_id' AS key_column, place_id AS key, lat, lon
FROM places WHERE lat IS NOT NULL
UNION ALL
SELECT 'incident_id', i.incident_id, p.lat, p.lon
FROM incidents AS i JOIN places AS p ON p.place_id = i.place_id
WHERE p.lat IS NOT NULL
