-- Talks and meetings between the parties.
CREATE TABLE talks (
  talks_id TEXT NOT NULL PRIMARY KEY,                              -- short id, e.g. TK03
  date TEXT NOT NULL CHECK (date IS date(date)),                   -- best estimate of the date
  date_start TEXT NOT NULL CHECK (date_start IS date(date_start)), -- earliest possible date
  date_end TEXT NOT NULL CHECK (date_end IS date(date_end)),       -- latest possible date
  date_precision TEXT NOT NULL REFERENCES date_precisions,         -- how exactly the date is known
  date_basis TEXT NOT NULL,                                        -- how the date was worked out
  place_id TEXT REFERENCES places,                                 -- where the talks took place
  host_id TEXT REFERENCES actors,                                  -- who hosted, mediated or arranged them
  host_role TEXT REFERENCES host_roles,                            -- what the host did, in the reports' terms
  status TEXT NOT NULL REFERENCES talk_statuses,                   -- held, or still planned when reported
  summary TEXT NOT NULL,                                           -- what the talks were about
  CHECK (date_start <= date AND date <= date_end),
  CHECK ((host_id IS NULL) = (host_role IS NULL))
);

-- The parties' representatives at the talks, each with the report that
-- names them or, where no report does, a note giving the record as the
-- source.
CREATE TABLE talk_participants (
  talks_id TEXT NOT NULL REFERENCES talks,        -- the talks
  actor_id TEXT NOT NULL REFERENCES actors,       -- a participant
  source_id TEXT REFERENCES sources,              -- a report that names the participant at these talks; empty when none does
  paragraph INTEGER CHECK (paragraph >= 1),       -- the paragraph of that report that names them
  note TEXT,                                      -- where no report names them: that the name comes from the record, and what the reports say instead
  PRIMARY KEY (talks_id, actor_id),
  CHECK ((source_id IS NULL) = (paragraph IS NULL))
);

-- Each mention of talks in a report.
CREATE TABLE talk_reports (
  talks_id TEXT NOT NULL REFERENCES talks,           -- the talks
  source_id TEXT NOT NULL REFERENCES sources,        -- the report
  paragraph INTEGER NOT NULL CHECK (paragraph >= 1), -- paragraph that mentions them
  quote TEXT,                                        -- a participant's own words about them, verbatim
  note TEXT NOT NULL,                                -- what the report says of them
  PRIMARY KEY (talks_id, source_id, paragraph)
);
