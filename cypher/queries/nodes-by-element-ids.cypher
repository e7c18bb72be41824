// nodes-by-element-ids: nodes by their elementIds (server-side only: elementIds never leave the
// server); for the endpoints of relationships a console query returned without their nodes, and
// for exports.
// params: ids: [elementId]
// returns: one row per node found: {node, elementId, degree (all relationships, both directions)}
UNWIND $ids AS wanted
MATCH (n) WHERE elementId(n) = wanted
RETURN n AS node, elementId(n) AS elementId, COUNT { (n)--() } AS degree
