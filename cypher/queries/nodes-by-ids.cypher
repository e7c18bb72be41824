// nodes-by-ids: the nodes with the given ids, index-backed whatever their kind (one uniqueness
// constraint per label); for node details, neighbourhood centres and exports by ids.
// params: ids: [string]
// returns: one row per id found: {node, elementId, degree (all relationships, both directions)}
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Actor {id: id}) RETURN n
  UNION ALL
  MATCH (n:Claim {id: id}) RETURN n
  UNION ALL
  MATCH (n:Topic {id: id}) RETURN n
  UNION ALL
  MATCH (n:Event {id: id}) RETURN n
  UNION ALL
  MATCH (n:Document {id: id}) RETURN n
}
RETURN n AS node, elementId(n) AS elementId, COUNT { (n)--() } AS degree
