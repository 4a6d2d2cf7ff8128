-- One casualty figure: the losses of one side, as one claim states them.
-- A figure that a report repeats is stored once, the repeats in restated_in.
CREATE TABLE casualties (
  figure_id TEXT NOT NULL PRIMARY KEY,                   -- short id, e.g. F01
  claim_id TEXT NOT NULL REFERENCES claims,              -- the claim stating the figure
  side TEXT REFERENCES sides,                            -- the side that suffered the losses; empty for an imported figure that counts no one side (an ACLED event total, UCDP civilians) or whose party actor_sides maps to no side
  status TEXT NOT NULL REFERENCES casualty_statuses,     -- killed, wounded, captured or missing
  category TEXT NOT NULL REFERENCES casualty_categories, -- who is counted: military, civilian or any
  count INTEGER CHECK (count >= 0),                      -- the number; empty when the report gives none ("several")
  qualifier TEXT NOT NULL REFERENCES qualifiers,         -- how the report hedges the number
  paragraph INTEGER NOT NULL CHECK (paragraph >= 1),     -- paragraph of the report that gives the figure
  restated_in TEXT,                                      -- other paragraphs of the same report that repeat this number (not a total it is part of), e.g. 1;2;5
  note TEXT,                                             -- wording and caveats
  party_id TEXT REFERENCES actors,                       -- for an imported figure of one party's losses (UCDP deaths_a, deaths_b): that party; its side is the one actor_sides gives it, set again at every load
  CONSTRAINT "restated_in lists other paragraphs of the report, as 1;2;5" CHECK (restated_in IS NULL OR (restated_in <> ''
    AND restated_in NOT GLOB '*[^0-9;]*' AND restated_in NOT GLOB '*;;*'
    AND restated_in NOT GLOB ';*' AND restated_in NOT GLOB '*;' AND restated_in NOT GLOB '0*' AND restated_in NOT GLOB '*;0*'
    AND instr(';' || restated_in || ';', ';' || paragraph || ';') = 0))
);

-- One figure per claim, side, status and category; an imported figure of
-- one party's losses is one per party too, for actor_sides may give both
-- parties of an event one side (their deaths then add up).
CREATE UNIQUE INDEX casualties_key ON casualties (claim_id, side, status, category, coalesce(party_id, ''));

-- A claim's figure for anyone (category any) counts soldiers and civilians
-- both, so it cannot stand beside the same claim's figure for soldiers or
-- civilians of the same side and status: the two would count some people
-- twice. (A figure of no side, an event dataset's, is not a side's count.)
CREATE TRIGGER casualties_any_alone BEFORE INSERT ON casualties
WHEN NEW.side IS NOT NULL AND EXISTS (
  SELECT 1 FROM casualties AS f
  WHERE f.claim_id = NEW.claim_id AND f.side = NEW.side AND f.status = NEW.status
    AND (f.category = 'any') <> (NEW.category = 'any'))
BEGIN
  SELECT RAISE(ABORT, 'category "any" counts soldiers and civilians both: a claim cannot also give a figure for one of them for the same side and status (split the figure, or keep the one the report gives)');
END;
