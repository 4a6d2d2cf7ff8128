-- name: episode-tolls
-- description: Wars and flare-ups with every toll the reports give, each
--   attributed to its report and paragraph, so that disagreements show
--   side by side, and beside them the best value and range of the dead
--   where the reports differ (see incq show episode for the basis). These
--   tolls never enter incident totals.
-- column: best low high integer
SELECT e.episode_id, e.name AS episode, e.date_start, e.date_end,
       t.status, t.category, t.qualifier, t.count, coalesce(t.side, 'both') AS side,
       t.source_id, t.paragraph,
       CASE WHEN t.status = 'killed' THEN e.killed_best END AS best,
       CASE WHEN t.status = 'killed' THEN e.killed_low END AS low,
       CASE WHEN t.status = 'killed' THEN e.killed_high END AS high
FROM episodes AS e
JOIN episode_tolls AS t ON t.episode_id = e.episode_id
ORDER BY e.date_start, t.count DESC, t.source_id;
