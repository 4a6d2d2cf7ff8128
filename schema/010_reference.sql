-- Reference tables: the controlled vocabularies every other table draws on.
-- Each is a plain lookup table so that a foreign key rejects an unknown value
-- and a query can join in the description.

-- The parties that make claims, suffer losses or broker agreements.
CREATE TABLE sides (
  side TEXT NOT NULL PRIMARY KEY, -- code, e.g. armenia
  name TEXT NOT NULL,             -- display name
  description TEXT NOT NULL       -- who the code stands for
);

-- How exactly a date is known (after ACLED time_precision and UCDP date_prec).
CREATE TABLE date_precisions (
  date_precision TEXT NOT NULL PRIMARY KEY, -- code, e.g. day
  rank INTEGER NOT NULL UNIQUE,             -- 1 is most exact; larger is vaguer
  description TEXT NOT NULL                 -- what the code means
);

-- How exactly a place is known (after ACLED geo_precision and UCDP where_prec).
CREATE TABLE geo_precisions (
  geo_precision TEXT NOT NULL PRIMARY KEY, -- code, e.g. settlement
  rank INTEGER NOT NULL UNIQUE,            -- 1 is most exact; larger is vaguer
  description TEXT NOT NULL                -- what the code means
);

-- Kinds of incident.
CREATE TABLE incident_kinds (
  incident_kind TEXT NOT NULL PRIMARY KEY, -- code, e.g. shelling
  description TEXT NOT NULL                -- what the code means
);

-- Kinds of claim a party makes about an incident or episode.
CREATE TABLE claim_kinds (
  claim_kind TEXT NOT NULL PRIMARY KEY,                   -- code, e.g. denial
  accusation INTEGER NOT NULL CHECK (accusation IN (0, 1)), -- 1 when a claim of this kind holds the other side responsible for an act or aim (claims-by-party counts these as accusations); 0 otherwise
  description TEXT NOT NULL                               -- what the code means
);

-- Weapons and means of attack named in claims.
CREATE TABLE weapons (
  weapon TEXT NOT NULL PRIMARY KEY, -- code, e.g. mortar
  description TEXT NOT NULL         -- what the code means
);

-- What happened to the people a casualty figure counts.
CREATE TABLE casualty_statuses (
  status TEXT NOT NULL PRIMARY KEY, -- code: killed, wounded, captured, missing
  description TEXT NOT NULL         -- what the code means
);

-- Who a casualty figure counts.
CREATE TABLE casualty_categories (
  category TEXT NOT NULL PRIMARY KEY, -- code, e.g. military
  description TEXT NOT NULL           -- what the code means
);

-- How a report hedges a number ("at least", "more than", "about").
CREATE TABLE qualifiers (
  qualifier TEXT NOT NULL PRIMARY KEY, -- code, e.g. at-least
  description TEXT NOT NULL            -- what the code means
);

-- Kinds of place in the gazetteer.
CREATE TABLE place_kinds (
  place_kind TEXT NOT NULL PRIMARY KEY, -- code, e.g. village
  description TEXT NOT NULL             -- what the code means
);

-- Kinds of actor: people, organisations, states, news outlets.
CREATE TABLE actor_kinds (
  actor_kind TEXT NOT NULL PRIMARY KEY, -- code, e.g. person
  description TEXT NOT NULL             -- what the code means
);

-- How a value about a source was established.
CREATE TABLE bases (
  basis TEXT NOT NULL PRIMARY KEY, -- code: stated or inferred
  description TEXT NOT NULL        -- what the code means
);

-- What a third party did for talks, in the reports' own terms.
CREATE TABLE host_roles (
  host_role TEXT NOT NULL PRIMARY KEY, -- code, e.g. mediated
  description TEXT NOT NULL            -- what the code means
);

-- Whether talks had happened when a report was written.
CREATE TABLE talk_statuses (
  talk_status TEXT NOT NULL PRIMARY KEY, -- code: held or planned
  description TEXT NOT NULL              -- what the code means
);

-- Where an incident's record comes from: incq's own curation from the
-- reports, or an event dataset's coding imported with incq import.
CREATE TABLE origins (
  origin TEXT NOT NULL PRIMARY KEY, -- code: curated, acled or ucdp
  description TEXT NOT NULL         -- what the code means
);
