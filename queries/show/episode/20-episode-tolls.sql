-- name: episode-tolls
-- description: Every toll a report gives for the episode, attributed; the
--   totals of incidents never include them.
-- param: id text required The episode's id.
SELECT t.toll_id AS toll, t.source_id || ' ¶' || t.paragraph AS source, coalesce(t.side, 'both') AS side, t.status, t.category,
       t.qualifier, t.count, t.note
FROM episode_tolls t WHERE t.episode_id = :id ORDER BY t.status, t.source_id, t.paragraph
