// relationships-by-element-ids: relationships by their elementIds (server-side only), for exports
// of what a query returned.
// params: ids: [elementId]
// returns: one row per relationship found {relationship, source (id of start node), target (id of end node)}
UNWIND $ids AS wanted
MATCH (a)-[r]->(b) WHERE elementId(r) = wanted
RETURN r AS relationship, a.id AS source, b.id AS target
