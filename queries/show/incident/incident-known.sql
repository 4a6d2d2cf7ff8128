-- name: incident-known
-- description: Every incident id, for suggestions.
SELECT incident_id FROM incidents ORDER BY incident_id
