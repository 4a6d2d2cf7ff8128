-- name: claim-totals
-- description: The totals the claim states that add up figures stored one
--   by one; never counted themselves, the figures they add up are.
-- param: id text required The claim's id.
SELECT t.total_id AS total, coalesce(t.side, 'both') AS side, t.status, t.count, t.qualifier,
       'paragraph ' || t.paragraph || coalesce(' (also ' || replace(t.restated_in, ';', ', ') || ')', '') AS where_given,
       replace(t.parts, ';', ', ') AS adds_up, t.note
FROM casualty_totals t WHERE t.claim_id = :id ORDER BY t.total_id
