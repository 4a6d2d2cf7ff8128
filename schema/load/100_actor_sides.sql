-- Run after every load: the sides of the parties an event dataset names,
-- and of their losses, come from actor_sides, which the user may edit in
-- the dataset folder. A party it does not list has no side.
UPDATE actors SET side = (SELECT s.side FROM actor_sides AS s WHERE s.actor = actors.name)
WHERE kind = 'party';

UPDATE casualties SET side = (SELECT a.side FROM actors AS a WHERE a.actor_id = casualties.party_id)
WHERE party_id IS NOT NULL;
