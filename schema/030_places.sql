-- The gazetteer: one row per place, whatever it is called.
CREATE TABLE places (
  place_id TEXT NOT NULL PRIMARY KEY,                     -- short id, e.g. sotk
  name TEXT NOT NULL,                                     -- preferred English name
  kind TEXT NOT NULL REFERENCES place_kinds,              -- village, town, district, province, ...
  country TEXT,                                           -- country the place lies in, as internationally recognised
  province TEXT,                                          -- province or district the place lies in
  parent_id TEXT REFERENCES places,                       -- the larger place that contains it
  lat REAL CHECK (lat BETWEEN -90 AND 90),                -- approximate latitude, decimal degrees
  lon REAL CHECK (lon BETWEEN -180 AND 180),              -- approximate longitude, decimal degrees
  coord_precision TEXT REFERENCES geo_precisions,         -- what the coordinates stand for
  note TEXT,                                              -- anything a reader should know about the place or its names
  CHECK ((lat IS NULL) = (lon IS NULL)),
  CHECK ((lat IS NULL) = (coord_precision IS NULL))
);

-- Every name a place goes by, the preferred one included.
CREATE TABLE place_aliases (
  place_id TEXT NOT NULL REFERENCES places, -- the place
  alias TEXT NOT NULL,                      -- one spelling or name of it
  usage TEXT NOT NULL,                      -- who uses this name or spelling
  PRIMARY KEY (place_id, alias)
);
