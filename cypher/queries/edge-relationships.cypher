// edge-relationships: the relationships behind one edge of a graph view (one type from one node to
// another), a page at a time, earliest first, with each one's properties (quote, offsets, note) and
// its source document's metadata (not its text). For the client's edge panel (GET /api/edges).
// Both endpoints are found by their id constraints; Neo4j then expands from the one with fewer
// relationships.
// params: source: string, target: string (our ids), type: string, from: 'YYYY-MM-DD'|null,
//   to: 'YYYY-MM-DD'|null, skip: int, limit: int
// returns: one row {total: relationships behind the edge, page: [{type, properties, source
//   (document id, title, published, publisher, url; or null)}]}
CALL () {
  MATCH (n:Actor {id: $source}) RETURN n
  UNION ALL
  MATCH (n:Claim {id: $source}) RETURN n
  UNION ALL
  MATCH (n:Topic {id: $source}) RETURN n
  UNION ALL
  MATCH (n:Event {id: $source}) RETURN n
  UNION ALL
  MATCH (n:Document {id: $source}) RETURN n
}
WITH n AS a
CALL () {
  MATCH (n:Actor {id: $target}) RETURN n
  UNION ALL
  MATCH (n:Claim {id: $target}) RETURN n
  UNION ALL
  MATCH (n:Topic {id: $target}) RETURN n
  UNION ALL
  MATCH (n:Event {id: $target}) RETURN n
  UNION ALL
  MATCH (n:Document {id: $target}) RETURN n
}
WITH a, n AS b
MATCH (a)-[r]->(b)
WHERE type(r) = $type
  AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
  AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
WITH r
ORDER BY r.date, r.doc, r.start
WITH collect(r) AS rels
CALL (rels) {
  UNWIND rels[$skip..$skip + $limit] AS r
  OPTIONAL MATCH (d:Document {id: r.doc})
  RETURN collect({
    type: type(r),
    properties: properties(r),
    source: CASE WHEN d IS NULL THEN null ELSE d {.id, .title, .published, .publisher, .url} END
  }) AS page
}
RETURN size(rels) AS total, page
