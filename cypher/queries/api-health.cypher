// api-health: is the database there, and which Neo4j answers; for GET /api/health.
// params: none
// returns: one row {name, version, edition}
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
LIMIT 1
