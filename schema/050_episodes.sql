-- Wars, flare-ups and periods that reports sum up with aggregate tolls.
-- Their tolls never enter incident totals. Where the reports' tolls of
-- the dead differ, the episode holds the best value and a range, weighing
-- every report and the record; each report's figure stays in episode_tolls.
CREATE TABLE episodes (
  episode_id TEXT NOT NULL PRIMARY KEY,                           -- short id, e.g. E2020
  name TEXT NOT NULL,                                             -- name, e.g. 2020 war
  date_start TEXT NOT NULL CHECK (date_start IS date(date_start)), -- first day, or start of the span it is known to lie in
  date_end TEXT NOT NULL CHECK (date_end IS date(date_end)),       -- last day, or end of the span it is known to lie in
  date_precision TEXT NOT NULL REFERENCES date_precisions,        -- how exactly the dates are known
  date_basis TEXT NOT NULL,                                       -- how the dates were worked out
  summary TEXT NOT NULL,                                          -- what the episode was
  killed_best INTEGER CHECK (killed_best >= 0),                   -- best estimate of the dead, weighing every report's toll and the record; empty where the reports' tolls do not differ
  killed_low INTEGER,                                             -- lowest number of dead the reports and the record allow
  killed_high INTEGER,                                            -- highest number of dead the reports and the record allow
  killed_category TEXT REFERENCES casualty_categories,            -- who the best value counts: military, civilian or any, as the tolls it weighs
  killed_basis TEXT,                                              -- how the best value and the range were worked out, from which reports' tolls and which record
  CHECK (date_start <= date_end),
  CHECK ((killed_best IS NULL) = (killed_low IS NULL) AND (killed_best IS NULL) = (killed_high IS NULL)
     AND (killed_best IS NULL) = (killed_category IS NULL) AND (killed_best IS NULL) = (killed_basis IS NULL)),
  CHECK (killed_low <= killed_best AND killed_best <= killed_high)
);

-- One reported toll of an episode: who reported what number.
CREATE TABLE episode_tolls (
  toll_id TEXT NOT NULL PRIMARY KEY,                       -- short id, e.g. T01
  episode_id TEXT NOT NULL REFERENCES episodes,            -- the episode
  source_id TEXT NOT NULL REFERENCES sources,              -- the report giving the toll
  paragraph INTEGER NOT NULL CHECK (paragraph >= 1),       -- paragraph of the report that gives it
  side TEXT REFERENCES sides,                              -- side that suffered the losses; empty when the toll spans both sides
  status TEXT NOT NULL REFERENCES casualty_statuses,       -- killed, wounded, ...
  category TEXT NOT NULL REFERENCES casualty_categories,   -- who is counted: military, civilian or any
  count INTEGER NOT NULL CHECK (count >= 0),               -- the number as reported
  qualifier TEXT NOT NULL REFERENCES qualifiers,           -- how the report hedges the number
  note TEXT                                                -- wording and caveats
);

-- Each mention of an episode in a report, other than a toll: how long it
-- lasted, how it ended, who gained, what followed from it. Tolls are in
-- episode_tolls; a paragraph that gives a toll and says more has a row in
-- each.
CREATE TABLE episode_reports (
  episode_id TEXT NOT NULL REFERENCES episodes,      -- the episode
  source_id TEXT NOT NULL REFERENCES sources,        -- the report
  paragraph INTEGER NOT NULL CHECK (paragraph >= 1), -- paragraph that mentions it
  note TEXT NOT NULL,                                -- what the report says of it, in our words
  PRIMARY KEY (episode_id, source_id, paragraph)
);
