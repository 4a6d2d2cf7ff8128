-- name: episode-incidents
-- description: Incidents that belong to the episode.
-- param: id text required The episode's id.
SELECT incident_id AS incident, date, kind, summary FROM incidents WHERE episode_id = :id ORDER BY date, incident_id
