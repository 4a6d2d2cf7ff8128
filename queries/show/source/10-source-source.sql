-- name: source-source
-- description: The report's record: file, headline, outlet, inferred date and framing.
-- param: id text required The source's id.
SELECT 'id' AS field, source_id AS value FROM sources WHERE source_id = :id
UNION ALL SELECT 'file', file FROM sources WHERE source_id = :id
UNION ALL SELECT 'headline', headline FROM sources WHERE source_id = :id AND headline IS NOT NULL
UNION ALL SELECT 'outlet', outlet || ' (' || outlet_basis || ')' FROM sources WHERE source_id = :id AND outlet IS NOT NULL
UNION ALL SELECT 'published', published || ' (' || published_precision || '; between ' || published_start || ' and ' || published_end || ')' FROM sources WHERE source_id = :id
UNION ALL SELECT 'date basis', published_basis FROM sources WHERE source_id = :id
UNION ALL SELECT 'covers', covers FROM sources WHERE source_id = :id
UNION ALL SELECT 'framing', framing FROM sources WHERE source_id = :id AND framing IS NOT NULL
UNION ALL SELECT 'note', note FROM sources WHERE source_id = :id AND note IS NOT NULL
