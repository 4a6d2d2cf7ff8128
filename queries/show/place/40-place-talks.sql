-- name: place-talks
-- description: Talks held at the place or anywhere within it.
-- param: id text required The place's id.
SELECT k.talks_id AS talks, k.date, k.status, k.summary
FROM place_tree AS t JOIN talks AS k ON k.place_id = t.inside_id
WHERE t.place_id = :id ORDER BY k.date, k.talks_id
