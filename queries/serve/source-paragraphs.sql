-- name: source-paragraphs
-- description: What the dataset took from each paragraph of one report, for
--   the web server's source page: every claim, figure (and paragraph that
--   repeats one), total, episode toll or mention, ceasefire and talks
--   mention, and the paragraphs kept as context only, with the reason.
-- param: id text required The source's id.
-- column: paragraph integer
WITH restated(figure_id, claim_id, p, rest) AS (
  SELECT f.figure_id, f.claim_id, NULL, f.restated_in || ';' FROM casualties f JOIN claims c USING (claim_id)
  WHERE c.source_id = :id AND f.restated_in IS NOT NULL
  UNION ALL
  SELECT figure_id, claim_id, CAST(substr(rest, 1, instr(rest, ';') - 1) AS INTEGER), substr(rest, instr(rest, ';') + 1)
  FROM restated WHERE rest <> ''
)
SELECT c.paragraph AS paragraph, 'claim' AS kind, c.claim_id AS id,
       a.name || ', ' || c.kind || coalesce(' (' || c.incident_id || ')', ' (' || c.episode_id || ')', '') || ': ' || c.summary AS took
FROM claims c JOIN actors a ON a.actor_id = c.claimant_id WHERE c.source_id = :id
UNION ALL
SELECT f.paragraph, 'figure', f.figure_id,
       f.side || ' ' || f.status || ' ' || f.count || CASE WHEN f.qualifier <> 'exact' THEN ' (' || f.qualifier || ')' ELSE '' END || ', in claim ' || f.claim_id
FROM casualties f JOIN claims c USING (claim_id) WHERE c.source_id = :id
UNION ALL
SELECT r.p, 'figure', r.figure_id, 'repeats ' || r.figure_id || ' of claim ' || r.claim_id FROM restated r WHERE r.p IS NOT NULL
UNION ALL
SELECT x.paragraph, 'total', x.total_id,
       coalesce(x.side, 'both sides') || ' ' || x.status || ' ' || coalesce(x.count, x.qualifier) || ', adding up ' || replace(x.parts, ';', ', ') || ', in claim ' || x.claim_id
FROM casualty_totals x JOIN claims c USING (claim_id) WHERE c.source_id = :id
UNION ALL
SELECT t.paragraph, 'toll', t.toll_id, e.name || ' (' || t.episode_id || '): ' || coalesce(t.side || ' ', '') || t.status || ' ' || t.count || CASE WHEN t.qualifier <> 'exact' THEN ' (' || t.qualifier || ')' ELSE '' END
FROM episode_tolls t JOIN episodes e USING (episode_id) WHERE t.source_id = :id
UNION ALL
SELECT paragraph, 'episode', episode_id, note FROM episode_reports WHERE source_id = :id
UNION ALL
SELECT paragraph, 'ceasefire', ceasefire_id, note FROM ceasefire_reports WHERE source_id = :id
UNION ALL
SELECT paragraph, 'talks', talks_id, note FROM talk_reports WHERE source_id = :id
UNION ALL
SELECT paragraph, 'context', NULL, reason FROM paragraph_context WHERE source_id = :id
ORDER BY 1, 2, 3
