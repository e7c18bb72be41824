// graph-dump-relationships: every relationship with its endpoints, type and properties, for the
// graph checksum (see graph-dump-nodes).
// params: none
// returns: {source, type, target, properties} per relationship
MATCH (a)-[r]->(b)
RETURN coalesce(a.id, elementId(a)) AS source, type(r) AS type, coalesce(b.id, elementId(b)) AS target,
  properties(r) AS properties
