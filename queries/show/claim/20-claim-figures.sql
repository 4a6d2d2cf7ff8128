-- name: claim-figures
-- description: The casualty figures the claim gives, and whether the totals
--   count each.
-- param: id text required The claim's id.
SELECT f.figure_id AS figure, f.side, f.status, f.category, f.count, f.qualifier,
       'paragraph ' || f.paragraph || coalesce(' (also ' || replace(f.restated_in, ';', ', ') || ')', '') AS where_given,
       CASE WHEN cf.figure_id IS NULL THEN 'no' ELSE 'yes' END AS counted
FROM casualties f LEFT JOIN counted_figures cf ON cf.figure_id = f.figure_id
WHERE f.claim_id = :id ORDER BY f.figure_id
