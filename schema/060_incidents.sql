-- One event in time and place: a clash, a shelling, a capture, an incursion.
CREATE TABLE incidents (
  incident_id TEXT NOT NULL PRIMARY KEY,                           -- short id, e.g. I01
  kind TEXT NOT NULL REFERENCES incident_kinds,                    -- cross-border-fire, shelling, capture, ...
  date TEXT NOT NULL CHECK (date IS date(date)),                   -- best estimate of the date
  date_start TEXT NOT NULL CHECK (date_start IS date(date_start)), -- earliest possible date
  date_end TEXT NOT NULL CHECK (date_end IS date(date_end)),       -- latest possible date
  date_precision TEXT NOT NULL REFERENCES date_precisions,         -- how exactly the date is known
  date_basis TEXT NOT NULL,                                        -- how the date was worked out from the text
  time_of_day TEXT,                                                -- time of day as reported, e.g. evening
  place_id TEXT REFERENCES places,                                 -- where it happened, as best the reports tell
  geo_precision TEXT NOT NULL REFERENCES geo_precisions,           -- how exactly the place is known
  episode_id TEXT REFERENCES episodes,                             -- the wider episode it was part of, if any
  summary TEXT NOT NULL,                                           -- what happened, in neutral words
  origin TEXT NOT NULL DEFAULT 'curated' REFERENCES origins,       -- where the record comes from: curated from the reports, or imported from acled or ucdp
  CHECK (date_start <= date AND date <= date_end)
);
