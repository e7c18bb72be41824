// graph-overview: the nodes of an overview, most connected first, where the degree counts only the
// relationships that pass the filters (to nodes of the kept kinds). With a relationship filter
// (types or a window), nodes left without any relationship are dropped. Top-k ordering keeps only
// `limit` nodes in memory; the count is a second pass.
// params: kinds: [string], types: [string]|null, from: 'YYYY-MM-DD'|null, to: 'YYYY-MM-DD'|null,
//   relationshipFilter: boolean, limit: int
// returns: one row per kept node {node, elementId, degree, total (every node that qualifies)}
CALL () {
  MATCH (n) WHERE any(label IN labels(n) WHERE label IN $kinds)
  AND (NOT $relationshipFilter OR EXISTS {
    (n)-[r]-(m)
    WHERE ($types IS NULL OR type(r) IN $types)
      AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
      AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
      AND any(label IN labels(m) WHERE label IN $kinds)
  })
  RETURN count(n) AS total
}
CALL () {
  MATCH (n) WHERE any(label IN labels(n) WHERE label IN $kinds)
  WITH n, COUNT {
    (n)-[r]-(m)
    WHERE ($types IS NULL OR type(r) IN $types)
      AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
      AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
      AND any(label IN labels(m) WHERE label IN $kinds)
  } AS degree
  WHERE degree > 0 OR NOT $relationshipFilter
  RETURN n, degree
  ORDER BY degree DESC, n.id
  LIMIT $limit
}
RETURN n AS node, elementId(n) AS elementId, degree, total
