// subgraph-relationships: the relationships among a set of nodes that pass the filters; for
// neighbourhoods, the overview and exports. Relationships without a date pass any window.
// params: ids: [elementId], types: [string]|null, from: 'YYYY-MM-DD'|null, to: 'YYYY-MM-DD'|null
// returns: one row per relationship: {relationship, source (id of start node), target (id of end node)}
UNWIND $ids AS startId
MATCH (a) WHERE elementId(a) = startId
MATCH (a)-[r]->(b)
WHERE elementId(b) IN $ids
  AND ($types IS NULL OR type(r) IN $types)
  AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
  AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
RETURN r AS relationship, a.id AS source, b.id AS target
