-- name: place-place
-- description: The place's record: kind, country, province, what it lies within, coordinates.
-- param: id text required The place's id.
SELECT 'id' AS field, place_id AS value FROM places WHERE place_id = :id
UNION ALL SELECT 'name', name FROM places WHERE place_id = :id
UNION ALL SELECT 'kind', kind FROM places WHERE place_id = :id
UNION ALL SELECT 'country', country FROM places WHERE place_id = :id AND country IS NOT NULL
UNION ALL SELECT 'province', province FROM places WHERE place_id = :id AND province IS NOT NULL
UNION ALL SELECT 'within', q.name FROM places p JOIN places q ON q.place_id = p.parent_id WHERE p.place_id = :id
UNION ALL SELECT 'coordinates', lat || ', ' || lon || ' (' || coord_precision || ')' FROM places WHERE place_id = :id AND lat IS NOT NULL
UNION ALL SELECT 'note', note FROM places WHERE place_id = :id AND note IS NOT NULL
