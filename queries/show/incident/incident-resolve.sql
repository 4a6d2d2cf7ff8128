-- name: incident-resolve
-- description: The incident an id names, in any case.
-- param: name text required What the user typed.
SELECT incident_id FROM incidents WHERE incident_id = trim(:name) COLLATE NOCASE
