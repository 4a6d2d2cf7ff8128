-- People, organisations, states and outlets that speak, fight, host or broker.
CREATE TABLE actors (
  actor_id TEXT NOT NULL PRIMARY KEY,           -- short id, e.g. am-mod
  name TEXT NOT NULL,                           -- preferred English name
  kind TEXT NOT NULL REFERENCES actor_kinds,    -- person, organisation, state, outlet, narrator
  side TEXT REFERENCES sides,                   -- the party the actor speaks for, when it speaks for one
  role TEXT,                                    -- office or function at the time of the reports
  parent_id TEXT REFERENCES actors,             -- the organisation a person speaks for, or a body belongs to
  note TEXT                                     -- anything a reader should know
);

-- Every name an actor goes by, the preferred one included.
CREATE TABLE actor_aliases (
  actor_id TEXT NOT NULL REFERENCES actors, -- the actor
  alias TEXT NOT NULL,                      -- one spelling or name of it
  PRIMARY KEY (actor_id, alias)
);
