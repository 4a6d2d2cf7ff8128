-- name: casualty-evidence
-- description: The evidence behind casualties-by-side: every casualty
--   figure, every paragraph that repeats one, every total a report states
--   that adds figures up, and every episode toll, each
--   with its claimant (for a repeat, whoever speaks in that paragraph:
--   its own claim, else the report relaying the figure's claimant), report, file, paragraph and
--   quote, and whether
--   casualties-by-side counts it. counted is yes for exactly the figures
--   casualties-by-side sums (one per incident, side and status: the
--   suffering side's own account, else the report's narration, else the
--   other side's claim; among equal claims the largest), so the counted
--   rows add up to its totals for the same since and until. why_not says
--   why a row is not counted: restated (a paragraph repeating a figure
--   stored once), total (a sum of figures counted one by one), other
--   side's figure, narration, superseded, no number, or episode toll (whole wars and flare-ups never count). Incident rows
--   fall in the window by the incident's best date; an episode's rows when
--   its span overlaps the window.
-- param: since date 0001-01-01 First incident date to include (YYYY-MM-DD).
-- param: until date 9999-12-31 Last incident date to include (YYYY-MM-DD).
-- column: date date
WITH figure AS (
  SELECT f.figure_id, c.incident_id, c.episode_id, coalesce(i.date, e.date_start) AS date,
         f.side, f.status, f.count, f.qualifier, a.name AS claimant, c.source_id, s.file,
         f.paragraph, c.quote, f.restated_in, f.party_id, pa.name AS party,
         CASE WHEN a.side = f.side THEN 0 WHEN a.kind = 'narrator' THEN 1 ELSE 2 END AS rank,
         CASE WHEN i.incident_id IS NOT NULL THEN i.date BETWEEN :since AND :until
              ELSE e.date_start <= :until AND e.date_end >= :since END AS in_window
  FROM casualties AS f
  JOIN claims AS c ON c.claim_id = f.claim_id
  JOIN actors AS a ON a.actor_id = c.claimant_id
  JOIN sources AS s ON s.source_id = c.source_id
  LEFT JOIN actors AS pa ON pa.actor_id = f.party_id
  LEFT JOIN incidents AS i ON i.incident_id = c.incident_id
  LEFT JOIN episodes AS e ON e.episode_id = c.episode_id
),
picked AS (
  SELECT g.*, cf.figure_id AS counted_id,
         (SELECT x.figure_id FROM counted_figures AS x
           WHERE x.incident_id = g.incident_id AND x.side = g.side AND x.status = g.status
           ORDER BY x.figure_id LIMIT 1) AS winner
  FROM figure AS g
  LEFT JOIN counted_figures AS cf ON cf.figure_id = g.figure_id
  WHERE g.in_window
),
evidence AS (
  SELECT p.incident_id, p.date, p.side, p.status, p.count, p.qualifier, p.claimant,
         p.source_id, p.file, p.paragraph, p.quote,
         CASE WHEN p.counted_id IS NOT NULL THEN 'yes' ELSE 'no' END AS counted,
         CASE
           WHEN p.counted_id IS NOT NULL THEN NULL
           WHEN p.incident_id IS NULL THEN 'episode claim ' || p.episode_id || ': never counted'
           WHEN p.count IS NULL THEN 'no number (' || p.figure_id || ')'
           WHEN p.side IS NULL AND p.party_id IS NOT NULL THEN 'no side (' || p.figure_id || '): its party, ' || p.party || ', has none in actor_sides'
           WHEN p.side IS NULL THEN 'no side (' || p.figure_id || '): the coder''s figure for the event, which no side''s total takes'
           WHEN w.rank < p.rank AND p.rank = 2 THEN 'other side''s figure (' || p.figure_id || '): the suffering side''s own ' || p.winner || ' counts'
           WHEN w.rank < p.rank THEN 'narration (' || p.figure_id || '): the suffering side''s own ' || p.winner || ' counts'
           ELSE 'superseded (' || p.figure_id || '): ' || p.winner || ' is larger or listed first among equal claims'
         END AS why_not,
         p.figure_id AS sort_id, 0 AS sort_kind
  FROM picked AS p
  LEFT JOIN figure AS w ON w.figure_id = p.winner
  UNION ALL
  SELECT p.incident_id, p.date, p.side, p.status, p.count, p.qualifier,
         -- who says it in the repeating paragraph: its own claim about the
         -- incident, else the report's own voice (a headline, a recap)
         coalesce((SELECT a2.name FROM claims AS c2 JOIN actors AS a2 ON a2.actor_id = c2.claimant_id
                    WHERE c2.source_id = p.source_id AND c2.paragraph = CAST(r.value AS INTEGER)
                      AND c2.incident_id IS p.incident_id
                    ORDER BY CASE WHEN a2.side = p.side THEN 0 WHEN a2.kind = 'narrator' THEN 1 ELSE 2 END, c2.claim_id
                    LIMIT 1), 'the report itself, relaying ' || p.claimant),
         p.source_id, p.file, CAST(r.value AS INTEGER), NULL,
         'no', 'restated: repeats ' || p.figure_id || ' of paragraph ' || p.paragraph,
         p.figure_id, 1
  FROM picked AS p
  JOIN json_each('[' || replace(p.restated_in, ';', ',') || ']') AS r
  WHERE p.restated_in IS NOT NULL
  UNION ALL
  -- totals a report states that add up stored figures: never counted
  SELECT c.incident_id, i.date, coalesce(x.side, CASE WHEN a.kind = 'coder' THEN 'all sides' ELSE 'both' END), x.status, x.count, x.qualifier,
         a.name, c.source_id, s.file, CAST(p.value AS INTEGER), c.quote,
         'no', CASE WHEN a.kind = 'coder'
                    THEN 'the coder''s ' || CASE x.qualifier WHEN 'low' THEN 'low' WHEN 'high' THEN 'high' ELSE 'best' END
                         || ' estimate of all deaths (' || x.total_id || '): its parts count where they have a side, never it'
                    ELSE 'total of ' || replace(x.parts, ';', ' + ') || ' (' || x.total_id || '): its parts are counted, not it' END,
         x.total_id, 3
  FROM casualty_totals AS x
  JOIN claims AS c ON c.claim_id = x.claim_id
  JOIN actors AS a ON a.actor_id = c.claimant_id
  JOIN sources AS s ON s.source_id = c.source_id
  JOIN incidents AS i ON i.incident_id = c.incident_id
  JOIN json_each('[' || x.paragraph || coalesce(',' || replace(x.restated_in, ';', ','), '') || ']') AS p
  WHERE i.date BETWEEN :since AND :until
  UNION ALL
  SELECT NULL, e.date_start, coalesce(t.side, 'both'), t.status, t.count, t.qualifier, 'the report itself',
         t.source_id, s.file, t.paragraph, NULL,
         'no', 'episode toll ' || t.toll_id || ' (' || e.name || ', ' || e.date_start || ' to ' || e.date_end || '): never counted',
         t.toll_id, 2
  FROM episode_tolls AS t
  JOIN episodes AS e ON e.episode_id = t.episode_id
  JOIN sources AS s ON s.source_id = t.source_id
  WHERE e.date_start <= :until AND e.date_end >= :since
)
SELECT incident_id, date, side, status, count, qualifier, claimant, source_id, file, paragraph, quote, counted, why_not
FROM evidence
ORDER BY date, incident_id IS NULL, incident_id, side, status, sort_kind, sort_id, paragraph;
