-- name: talks-reports
-- description: Each report's mention of the talks, by paragraph.
-- param: id text required The talks' id.
SELECT r.source_id || ' ¶' || r.paragraph AS source, r.quote, r.note FROM talk_reports r WHERE r.talks_id = :id ORDER BY r.source_id, r.paragraph
