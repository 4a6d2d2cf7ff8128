-- One row per news report the dataset was curated from.
CREATE TABLE sources (
  source_id TEXT NOT NULL PRIMARY KEY,                                 -- short id, e.g. S000
  file TEXT NOT NULL UNIQUE,                                           -- file name of the report in the source collection
  headline TEXT,                                                       -- the report's headline, when it has one
  outlet TEXT,                                                         -- the outlet that published it, when the text names or implies one
  outlet_basis TEXT REFERENCES bases,                                  -- stated or inferred; empty when outlet is empty
  published TEXT NOT NULL CHECK (published IS date(published)),        -- best estimate of the publication date
  published_start TEXT NOT NULL CHECK (published_start IS date(published_start)), -- earliest possible publication date
  published_end TEXT NOT NULL CHECK (published_end IS date(published_end)),       -- latest possible publication date
  published_precision TEXT NOT NULL REFERENCES date_precisions,        -- how exactly the publication date is known
  published_basis TEXT NOT NULL,                                       -- how the publication date was worked out
  covers TEXT NOT NULL,                                                -- what the report is about, in a sentence
  framing TEXT,                                                        -- where the report adopts one side's framing in its own voice
  note TEXT,                                                           -- how the outlet was inferred, and other remarks on the report
  CHECK ((outlet IS NULL) = (outlet_basis IS NULL)),
  CHECK (published_start <= published AND published <= published_end)
);

-- Paragraphs of a report that no row cites, each with the reason it holds
-- nothing to record. With the rows that cite paragraphs, it accounts for
-- every paragraph of every report: a test fails on a paragraph that is
-- neither cited nor listed here.
CREATE TABLE paragraph_context (
  source_id TEXT NOT NULL REFERENCES sources,        -- the report
  paragraph INTEGER NOT NULL CHECK (paragraph >= 1), -- the paragraph, counted as everywhere else (lines with visible text, headline = 1)
  reason TEXT NOT NULL,                              -- why it is context: what it says, in a line, and why that is no incident, claim, figure, ceasefire, talks or episode
  PRIMARY KEY (source_id, paragraph)
);
