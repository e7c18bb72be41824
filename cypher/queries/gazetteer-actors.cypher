// gazetteer-actors: every actor with its names, for extraction to resolve mentions to (stancegraph extract).
// params: none
// returns: one row per actor {id, labels, name, aliases, iso3}, ordered by id
MATCH (a:Actor)
RETURN a.id AS id, labels(a) AS labels, a.name AS name, coalesce(a.aliases, []) AS aliases, a.iso3 AS iso3
ORDER BY id
