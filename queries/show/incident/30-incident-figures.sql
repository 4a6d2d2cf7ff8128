-- name: incident-figures
-- description: The casualty figures claimed, and which one the totals count.
-- param: id text required The incident's id.
SELECT f.figure_id AS figure, f.claim_id AS claim, f.side, f.status, f.count, f.qualifier,
       c.source_id || ' ¶' || f.paragraph || coalesce(' (also ¶' || replace(f.restated_in, ';', ', ¶') || ')', '') AS source,
       CASE WHEN cf.figure_id IS NULL THEN 'no' ELSE 'yes' END AS counted
FROM casualties f JOIN claims c USING (claim_id) LEFT JOIN counted_figures cf ON cf.figure_id = f.figure_id
WHERE c.incident_id = :id ORDER BY f.side, f.status, f.figure_id
