-- name: ceasefire-known
-- description: Every ceasefire id and name, for suggestions.
SELECT ceasefire_id FROM ceasefires UNION SELECT name FROM ceasefires ORDER BY 1
