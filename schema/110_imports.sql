-- Event data imported from ACLED and UCDP GED exports (incq import). Each
-- imported event is an incident of origin acled or ucdp, with one claim
-- whose claimant is the coder (ACLED or UCDP), citing the sources the row
-- names; the row itself is kept whole in acled_events or ucdp_events.

-- Which side each party of an event dataset stands for. It ships with incq
-- and travels in the dataset folder, where it can be edited: every load
-- sets the sides of coded actors, and of their figures, from it. A party
-- with no row here has no side; nothing is guessed.
CREATE TABLE actor_sides (
  actor TEXT NOT NULL PRIMARY KEY,                 -- the party's name exactly as the export spells it, e.g. Military Forces of Azerbaijan (2003-)
  side TEXT REFERENCES sides,                      -- the side it stands for; empty to say, on purpose, that it stands for none
  note TEXT                                        -- why, where it is not plain
);

-- The sources an imported event's coding names: ACLED's source column, and
-- UCDP's source_office, source_date and source_headline, split at ';'.
CREATE TABLE claim_citations (
  claim_id TEXT NOT NULL REFERENCES claims,       -- the coder's claim
  n INTEGER NOT NULL CHECK (n >= 1),              -- the citation's place in the row's list
  outlet TEXT NOT NULL,                           -- the outlet or office cited
  date TEXT,                                      -- the date given for it (UCDP source_date), as written
  headline TEXT,                                  -- the headline given for it (UCDP source_headline)
  PRIMARY KEY (claim_id, n)
);

-- Every column of every imported ACLED row, under ACLED's own names (both
-- the layout since 2023 and the one before): counts, codes and
-- coordinates as numbers, so that they filter and sort as numbers; the
-- rest as written. The incq columns come first: the incident it became
-- and where it was read.
CREATE TABLE acled_events (
  event_id_cnty TEXT NOT NULL PRIMARY KEY,         -- ACLED's event id, e.g. AZE14242; also the incident's id
  incident_id TEXT NOT NULL REFERENCES incidents,  -- the incident made of it
  source_id TEXT NOT NULL REFERENCES sources,      -- the export file it was read from
  line INTEGER NOT NULL CHECK (line >= 1),         -- the line of that file where its row starts
  layout TEXT NOT NULL,                            -- the export layout: acled (since 2023) or acled-2022 (before)
  data_id INTEGER,                                 -- ACLED data_id (layout before 2023)
  iso INTEGER,                                     -- ACLED iso: numeric country code
  event_id_no_cnty INTEGER,                        -- ACLED event_id_no_cnty (layout before 2023)
  event_date TEXT,                                 -- ACLED event_date, as written
  year INTEGER,                                    -- ACLED year
  time_precision INTEGER,                          -- ACLED time_precision: 1 day, 2 week, 3 month
  disorder_type TEXT,                              -- ACLED disorder_type (since 2023)
  event_type TEXT,                                 -- ACLED event_type
  sub_event_type TEXT,                             -- ACLED sub_event_type
  actor1 TEXT,                                     -- ACLED actor1
  assoc_actor_1 TEXT,                              -- ACLED assoc_actor_1
  inter1 TEXT,                                     -- ACLED inter1 (a number before 2023, text since)
  actor2 TEXT,                                     -- ACLED actor2
  assoc_actor_2 TEXT,                              -- ACLED assoc_actor_2
  inter2 TEXT,                                     -- ACLED inter2
  interaction TEXT,                                -- ACLED interaction
  civilian_targeting TEXT,                         -- ACLED civilian_targeting (since 2023)
  region TEXT,                                     -- ACLED region
  country TEXT,                                    -- ACLED country
  admin1 TEXT,                                     -- ACLED admin1
  admin2 TEXT,                                     -- ACLED admin2
  admin3 TEXT,                                     -- ACLED admin3
  location TEXT,                                   -- ACLED location
  latitude REAL,                                   -- ACLED latitude
  longitude REAL,                                  -- ACLED longitude
  geo_precision INTEGER,                           -- ACLED geo_precision: 1 town, 2 near a town or part of a region, 3 larger region
  source TEXT,                                     -- ACLED source: the outlets, separated by ';'
  source_scale TEXT,                               -- ACLED source_scale
  notes TEXT,                                      -- ACLED notes
  fatalities INTEGER,                              -- ACLED fatalities: one total for the event
  tags TEXT,                                       -- ACLED tags (since 2023)
  timestamp INTEGER,                               -- ACLED timestamp: when the row was last changed, Unix time
  iso3 TEXT                                        -- ACLED iso3 (layout before 2023)
);

-- Every column of every imported UCDP GED row, under UCDP's own names
-- (GED 19.1, GED 20.1 and later, and HDX's per-country files): counts,
-- codes and coordinates as numbers; the rest as written.
CREATE TABLE ucdp_events (
  id INTEGER NOT NULL PRIMARY KEY,                 -- UCDP GED id; the incident's id is GED- and this number
  incident_id TEXT NOT NULL REFERENCES incidents,  -- the incident made of it
  source_id TEXT NOT NULL REFERENCES sources,      -- the export file it was read from
  line INTEGER NOT NULL CHECK (line >= 1),         -- the line of that file where its row starts
  layout TEXT NOT NULL,                            -- the export layout: ged-19.1, ged (20.1 and later) or ged-hdx
  relid TEXT,                                      -- UCDP relid
  year INTEGER,                                    -- UCDP year
  active_year INTEGER,                             -- UCDP active_year
  start_year INTEGER,                              -- HDX start_year (some HDX per-country files)
  end_year INTEGER,                                -- HDX end_year (some HDX per-country files)
  code_status TEXT,                                -- UCDP code_status
  type_of_violence INTEGER,                        -- UCDP type_of_violence: 1 state-based, 2 non-state, 3 one-sided
  conflict_dset_id TEXT,                           -- UCDP conflict_dset_id
  conflict_new_id TEXT,                            -- UCDP conflict_new_id
  conflict_name TEXT,                              -- UCDP conflict_name
  dyad_dset_id TEXT,                               -- UCDP dyad_dset_id
  dyad_new_id TEXT,                                -- UCDP dyad_new_id
  dyad_name TEXT,                                  -- UCDP dyad_name
  side_a_dset_id TEXT,                             -- UCDP side_a_dset_id
  side_a_new_id TEXT,                              -- UCDP side_a_new_id
  side_a TEXT,                                     -- UCDP side_a
  side_b_dset_id TEXT,                             -- UCDP side_b_dset_id
  side_b_new_id TEXT,                              -- UCDP side_b_new_id
  side_b TEXT,                                     -- UCDP side_b
  number_of_sources INTEGER,                       -- UCDP number_of_sources
  source_article TEXT,                             -- UCDP source_article
  source_office TEXT,                              -- UCDP source_office
  source_date TEXT,                                -- UCDP source_date
  source_headline TEXT,                            -- UCDP source_headline
  source_original TEXT,                            -- UCDP source_original
  where_prec INTEGER,                              -- UCDP where_prec: 1 exact to 7 sea or air
  where_coordinates TEXT,                          -- UCDP where_coordinates
  where_description TEXT,                          -- UCDP where_description
  adm_1 TEXT,                                      -- UCDP adm_1
  adm_2 TEXT,                                      -- UCDP adm_2
  latitude REAL,                                   -- UCDP latitude
  longitude REAL,                                  -- UCDP longitude
  geom_wkt TEXT,                                   -- UCDP geom_wkt
  priogrid_gid INTEGER,                            -- UCDP priogrid_gid
  country TEXT,                                    -- UCDP country
  country_id INTEGER,                              -- UCDP country_id
  iso3 TEXT,                                       -- HDX iso3 (HDX per-country files)
  region TEXT,                                     -- UCDP region
  event_clarity INTEGER,                           -- UCDP event_clarity
  date_prec INTEGER,                               -- UCDP date_prec: 1 exact to 5 year
  date_start TEXT,                                 -- UCDP date_start
  date_end TEXT,                                   -- UCDP date_end
  deaths_a INTEGER,                                -- UCDP deaths_a: deaths of side A
  deaths_b INTEGER,                                -- UCDP deaths_b: deaths of side B
  deaths_civilians INTEGER,                        -- UCDP deaths_civilians
  deaths_unknown INTEGER,                          -- UCDP deaths_unknown
  best INTEGER,                                    -- UCDP best: best estimate of all deaths
  high INTEGER,                                    -- UCDP high
  low INTEGER,                                     -- UCDP low
  gwnoa TEXT,                                      -- UCDP gwnoa
  gwnob TEXT                                       -- UCDP gwnob
);

-- The parties an imported event names, each in the role the export gives
-- it (actor1, assoc_actor_1, side_a, ...).
CREATE TABLE incident_parties (
  incident_id TEXT NOT NULL REFERENCES incidents, -- the imported event
  actor_id TEXT NOT NULL REFERENCES actors,       -- a party it names
  role TEXT NOT NULL,                             -- the export's column naming it: actor1, assoc_actor_1, actor2, assoc_actor_2, side_a or side_b
  PRIMARY KEY (incident_id, actor_id, role)
);

CREATE INDEX acled_events_incident ON acled_events (incident_id);
CREATE INDEX ucdp_events_incident ON ucdp_events (incident_id);
