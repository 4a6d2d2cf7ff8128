-- Run after every load, last: counted_figures, which every total reads,
-- is worked out once, when the dataset is loaded (and its cache built),
-- not again by every query. The loaded database never changes, so the
-- table stays what the view would give. incq_views keeps the view's own
-- definition, which a database exported for other tools gets back.
CREATE TABLE incq_views AS SELECT name, sql FROM sqlite_schema WHERE type = 'view' AND name = 'counted_figures';
CREATE TABLE incq_counted_figures (incident_id TEXT, side TEXT, status TEXT, count INTEGER, figure_id TEXT, claim_id TEXT);
INSERT INTO incq_counted_figures SELECT incident_id, side, status, count, figure_id, claim_id FROM counted_figures;
CREATE INDEX incq_counted_figures_incident ON incq_counted_figures (incident_id);
DROP VIEW counted_figures;
CREATE VIEW counted_figures AS SELECT * FROM incq_counted_figures;
