-- name: episode-reports
-- description: Each report's own account of the episode, with where it
--   stands, so that reports that tell it differently can be compared.
-- param: id text required The episode's id.
SELECT r.source_id || ' ¶' || r.paragraph AS source, s.file, r.note AS says
FROM episode_reports r JOIN sources s USING (source_id)
WHERE r.episode_id = :id ORDER BY r.source_id, r.paragraph
