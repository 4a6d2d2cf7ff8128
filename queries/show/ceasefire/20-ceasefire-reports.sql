-- name: ceasefire-reports
-- description: What each report says of the ceasefire, by paragraph: its
--   own date and broker where it gives them, kept as that report's claim.
-- param: id text required The ceasefire's id.
SELECT r.source_id || ' ¶' || r.paragraph AS source, r.reported_date, r.reported_wording,
       a.name AS reported_broker, r.note
FROM ceasefire_reports r LEFT JOIN actors a ON a.actor_id = r.reported_broker_id
WHERE r.ceasefire_id = :id ORDER BY r.source_id, r.paragraph
