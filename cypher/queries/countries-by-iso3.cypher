// countries-by-iso3: the graph's countries that carry an ISO 3166 alpha-3 code, for importers
// that name countries by code or name (GDELT, ICEWS): one node per country across sources.
// params: none
// returns: {iso3, id}, ordered by id (the first id wins should two countries share a code)
MATCH (c:Country)
WHERE c.iso3 IS NOT NULL
RETURN c.iso3 AS iso3, c.id AS id
ORDER BY c.id
