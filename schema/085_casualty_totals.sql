-- A total a report states that adds up figures stored one by one, such as
-- three wounded across two incidents, or "several others wounded" across
-- both sides. Kept so that every number a report gives can be found, and
-- never counted: the figures it adds up are.
CREATE TABLE casualty_totals (
  total_id TEXT NOT NULL PRIMARY KEY,                  -- short id, e.g. FT01
  claim_id TEXT NOT NULL REFERENCES claims,            -- the claim that states the total
  side TEXT REFERENCES sides,                          -- the side that suffered the losses; empty when it counts both sides
  status TEXT NOT NULL REFERENCES casualty_statuses,   -- killed, wounded, captured or missing
  count INTEGER CHECK (count >= 0),                    -- the number; empty when the report gives none ("several")
  qualifier TEXT NOT NULL REFERENCES qualifiers,       -- how the report hedges the number
  paragraph INTEGER NOT NULL CHECK (paragraph >= 1),   -- paragraph of the report that states the total
  restated_in TEXT,                                    -- other paragraphs of the same report that repeat the total, e.g. 1
  parts TEXT NOT NULL,                                 -- the figures it adds up, e.g. F06;F07
  note TEXT,                                           -- wording and caveats
  CONSTRAINT "restated_in lists other paragraphs of the report, as 1;2;5" CHECK (restated_in IS NULL OR (restated_in <> ''
    AND restated_in NOT GLOB '*[^0-9;]*' AND restated_in NOT GLOB '*;;*'
    AND restated_in NOT GLOB ';*' AND restated_in NOT GLOB '*;' AND restated_in NOT GLOB '0*' AND restated_in NOT GLOB '*;0*'
    AND instr(';' || restated_in || ';', ';' || paragraph || ';') = 0))
);
