-- name: source-episode-tolls
-- description: Tolls of wars and flare-ups the report gives.
-- param: id text required The source's id.
SELECT t.toll_id AS toll, e.name AS episode, t.status, t.qualifier, t.count, t.paragraph
FROM episode_tolls t JOIN episodes e USING (episode_id) WHERE t.source_id = :id ORDER BY t.paragraph
