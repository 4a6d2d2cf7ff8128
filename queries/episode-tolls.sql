-- name: episode-tolls
-- description: Wars and flare-ups with every toll the reports give, each
--   attributed to its report and paragraph, so that disagreements show
--   side by side. These tolls never enter incident totals.
SELECT e.episode_id, e.name AS episode, e.date_start, e.date_end,
       t.status, t.category, t.qualifier, t.count, coalesce(t.side, 'both') AS side,
       t.source_id, t.paragraph
FROM episodes AS e
JOIN episode_tolls AS t ON t.episode_id = e.episode_id
ORDER BY e.date_start, t.count DESC, t.source_id;
