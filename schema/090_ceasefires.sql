-- Ceasefires and truces.
CREATE TABLE ceasefires (
  ceasefire_id TEXT NOT NULL PRIMARY KEY,                          -- short id, e.g. CF2020
  name TEXT NOT NULL,                                              -- name, e.g. November 2020 ceasefire
  date TEXT NOT NULL CHECK (date IS date(date)),                   -- date agreed, as the reports give it
  date_start TEXT NOT NULL CHECK (date_start IS date(date_start)), -- earliest possible date
  date_end TEXT NOT NULL CHECK (date_end IS date(date_end)),       -- latest possible date
  date_precision TEXT NOT NULL REFERENCES date_precisions,         -- how exactly the date is known
  date_basis TEXT NOT NULL,                                        -- how the date was worked out, and any conflict
  broker_id TEXT REFERENCES actors,                                -- who brokered it, as reported
  ends_episode_id TEXT REFERENCES episodes,                        -- the episode it ended
  summary TEXT NOT NULL,                                           -- what was agreed
  CHECK (date_start <= date AND date <= date_end)
);

-- Each mention of a ceasefire in a report, with what that report says of it.
CREATE TABLE ceasefire_reports (
  ceasefire_id TEXT NOT NULL REFERENCES ceasefires,  -- the ceasefire
  source_id TEXT NOT NULL REFERENCES sources,        -- the report
  paragraph INTEGER NOT NULL CHECK (paragraph >= 1), -- paragraph that mentions it
  reported_date TEXT,                                -- the date as that report gives it, in its own terms
  note TEXT NOT NULL,                                -- what the report says of it, and any conflict with other accounts
  PRIMARY KEY (ceasefire_id, source_id, paragraph)
);
