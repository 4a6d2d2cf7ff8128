-- One party's statement about an incident or episode, as one report carries it.
CREATE TABLE claims (
  claim_id TEXT NOT NULL PRIMARY KEY,                -- short id, e.g. C001
  incident_id TEXT REFERENCES incidents,             -- the incident the claim is about
  episode_id TEXT REFERENCES episodes,               -- or the episode it is about
  source_id TEXT NOT NULL REFERENCES sources,        -- the report carrying the claim
  paragraph INTEGER NOT NULL CHECK (paragraph >= 1), -- paragraph of the report where the claim stands
  claimant_id TEXT NOT NULL REFERENCES actors,       -- who makes the claim: a ministry, a state, or the report's own voice
  speaker_id TEXT REFERENCES actors,                 -- the named person speaking for the claimant, if any
  kind TEXT NOT NULL REFERENCES claim_kinds,         -- attack, losses, retaliation, denial, ...
  accused_side TEXT REFERENCES sides,                -- the side the claim holds responsible, if it blames one
  place_id TEXT REFERENCES places,                   -- where the claimant places the events, if it says
  quote TEXT,                                        -- the speaker's own words, verbatim, when the report quotes them
  summary TEXT NOT NULL,                             -- what the claim says, paraphrased
  CHECK ((incident_id IS NULL) <> (episode_id IS NULL))
);

-- Which claims a claim answers: a denial and each claim it rejects, a
-- counter-claim and the account it contradicts. One claim may answer
-- several (a spokesman rejecting two of the other side's claims at once).
CREATE TABLE claim_responses (
  claim_id TEXT NOT NULL REFERENCES claims,    -- the answering claim
  responds_to TEXT NOT NULL REFERENCES claims, -- a claim it answers, e.g. one a denial rejects
  PRIMARY KEY (claim_id, responds_to),
  CHECK (claim_id <> responds_to)
);

-- Weapons and means a claim says were used.
CREATE TABLE claim_weapons (
  claim_id TEXT NOT NULL REFERENCES claims, -- the claim
  weapon TEXT NOT NULL REFERENCES weapons,  -- a weapon it names
  PRIMARY KEY (claim_id, weapon)
);
