-- Ceasefires and truces. The date and broker are the best values the
-- reports and the record support together; what each report says of them
-- is kept in ceasefire_reports, so a report that conflicts stays visible.
CREATE TABLE ceasefires (
  ceasefire_id TEXT NOT NULL PRIMARY KEY,                          -- short id, e.g. CF2020
  name TEXT NOT NULL,                                              -- name, e.g. November 2020 truce
  date TEXT NOT NULL CHECK (date IS date(date)),                   -- best estimate of the day it was agreed or took hold, weighing every report and the record
  date_start TEXT NOT NULL CHECK (date_start IS date(date_start)), -- earliest day the reports allow, leaving out a report that the others rule out
  date_end TEXT NOT NULL CHECK (date_end IS date(date_end)),       -- latest day the reports allow, leaving out a report that the others rule out
  date_precision TEXT NOT NULL REFERENCES date_precisions,         -- how exactly the date is known
  date_basis TEXT NOT NULL,                                        -- how the best date and the range were worked out, and which report's date was set aside and why
  broker_id TEXT REFERENCES actors,                                -- best value for who brokered it; empty when the reports conflict and nothing settles it
  broker_basis TEXT NOT NULL,                                      -- how the broker was decided, or why it is left open
  ends_episode_id TEXT REFERENCES episodes,                        -- the episode it ended
  summary TEXT NOT NULL,                                           -- what was agreed
  CHECK (date_start <= date AND date <= date_end)
);

-- Each mention of a ceasefire in a report, with what that report says of
-- it: its date and broker are that report's claim, whatever the best value.
CREATE TABLE ceasefire_reports (
  ceasefire_id TEXT NOT NULL REFERENCES ceasefires,                        -- the ceasefire
  source_id TEXT NOT NULL REFERENCES sources,                              -- the report
  paragraph INTEGER NOT NULL CHECK (paragraph >= 1),                       -- paragraph that mentions it
  reported_date TEXT CHECK (reported_date IS date(reported_date)),         -- the day this report gives for it; empty unless the report names a day
  reported_wording TEXT,                                                   -- how this report puts the date, in its own terms, e.g. September 23; empty when it says nothing of when
  reported_broker_id TEXT REFERENCES actors,                               -- who this report says brokered it or helped stop the fighting; empty when it names no one
  note TEXT NOT NULL,                                                      -- what the report says of it, and any conflict with other accounts
  PRIMARY KEY (ceasefire_id, source_id, paragraph)
);
