-- name: search-documents
-- description: The documents of the full-text index, one per incident,
--   claim, place, actor, episode, ceasefire, talks and source. Each carries
--   in names every name and alias of the places and actors it refers to, so
--   that a search for one spelling finds records written with another.
--   Every table is read once and joined on keys: a subquery per incident
--   over the claims would read them all for each incident, which is
--   quadratic in the data (claims has no index on incident_id).
WITH palias AS (SELECT place_id, group_concat(alias, ' ') AS names FROM place_aliases GROUP BY place_id),
     aalias AS (SELECT actor_id, group_concat(alias, ' ') AS names FROM actor_aliases GROUP BY actor_id),
     -- The names of the places an incident's claims are set in, in the
     -- claims' order, gathered in one pass over the claims.
     cpalias AS (SELECT c.incident_id, group_concat(cpa.names, ' ' ORDER BY c.rowid) AS names
                 FROM claims AS c JOIN palias AS cpa ON cpa.place_id = c.place_id
                 WHERE c.incident_id IS NOT NULL GROUP BY c.incident_id)
SELECT 'incident' AS kind, i.incident_id AS id, i.date || ' ' || coalesce(p.name, '') AS title, i.summary AS body,
       i.kind || ' ' || coalesce(pa.names, '') || ' ' || coalesce(cpa.names, '') AS names
FROM incidents AS i LEFT JOIN places AS p ON p.place_id = i.place_id LEFT JOIN palias AS pa ON pa.place_id = i.place_id
LEFT JOIN cpalias AS cpa ON cpa.incident_id = i.incident_id
UNION ALL
SELECT 'claim', c.claim_id, a.name || ' (' || c.source_id || ' para ' || c.paragraph || ')',
       c.summary || coalesce(' "' || c.quote || '"', ''),
       c.kind || ' ' || coalesce(aa.names, '') || ' ' || coalesce(sa.names, '') || ' ' || coalesce(pa.names, '')
FROM claims AS c JOIN actors AS a ON a.actor_id = c.claimant_id
LEFT JOIN aalias AS aa ON aa.actor_id = c.claimant_id
LEFT JOIN aalias AS sa ON sa.actor_id = c.speaker_id
LEFT JOIN palias AS pa ON pa.place_id = c.place_id
UNION ALL
SELECT 'episode', e.episode_id, e.name, e.summary, e.date_basis FROM episodes AS e
UNION ALL
SELECT 'place', p.place_id, p.name,
       p.kind || coalesce(' in ' || p.province, '') || coalesce(', ' || p.country, '') || coalesce('. ' || p.note, ''),
       coalesce(pa.names, '')
FROM places AS p LEFT JOIN palias AS pa ON pa.place_id = p.place_id
UNION ALL
SELECT 'actor', a.actor_id, a.name, a.kind || coalesce(': ' || a.role, '') || coalesce('. ' || a.note, ''), coalesce(aa.names, '')
FROM actors AS a LEFT JOIN aalias AS aa ON aa.actor_id = a.actor_id
UNION ALL
SELECT 'ceasefire', cf.ceasefire_id, cf.name || ' (' || cf.date || ')', cf.summary || ' ' || cf.date_basis,
       coalesce(b.name, '') || ' ' || coalesce(ba.names, '') || ' ' ||
       coalesce((SELECT group_concat(r.note, ' ') FROM ceasefire_reports AS r WHERE r.ceasefire_id = cf.ceasefire_id), '')
FROM ceasefires AS cf LEFT JOIN actors AS b ON b.actor_id = cf.broker_id LEFT JOIN aalias AS ba ON ba.actor_id = cf.broker_id
UNION ALL
SELECT 'talks', t.talks_id, t.date || coalesce(' ' || p.name, ''), t.summary,
       coalesce(pa.names, '') || ' ' ||
       coalesce((SELECT group_concat(coalesce(aa.names, a.name), ' ') FROM talk_participants AS tp JOIN actors AS a ON a.actor_id = tp.actor_id LEFT JOIN aalias AS aa ON aa.actor_id = tp.actor_id WHERE tp.talks_id = t.talks_id), '') || ' ' ||
       coalesce((SELECT group_concat(r.note, ' ') FROM talk_reports AS r WHERE r.talks_id = t.talks_id), '')
FROM talks AS t LEFT JOIN places AS p ON p.place_id = t.place_id LEFT JOIN palias AS pa ON pa.place_id = t.place_id
UNION ALL
SELECT 'source', s.source_id, coalesce(s.headline, s.file), s.covers || coalesce(' ' || s.framing, ''),
       s.file || coalesce(' ' || s.outlet, '')
FROM sources AS s
