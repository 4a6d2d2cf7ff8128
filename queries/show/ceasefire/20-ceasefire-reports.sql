-- name: ceasefire-reports
-- description: What each report says of the ceasefire, by paragraph: its
--   own date and broker where it gives them.
-- param: id text required The ceasefire's id.
SELECT r.source_id || ' ¶' || r.paragraph AS source, r.reported_date, r.note
FROM ceasefire_reports r WHERE r.ceasefire_id = :id ORDER BY r.source_id, r.paragraph
