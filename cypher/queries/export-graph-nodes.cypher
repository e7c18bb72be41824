// export-graph-nodes: every node of an overview without a limit, streamed for an export: the nodes
// of the kept kinds; with a relationship filter (types or a window), only those with at least one
// relationship that passes it (see graph-overview).
// params: kinds: [string], types: [string]|null, from: 'YYYY-MM-DD'|null, to: 'YYYY-MM-DD'|null,
//   relationshipFilter: boolean
// returns: one row per node {node, degree (all relationships, both directions)}
MATCH (n) WHERE any(label IN labels(n) WHERE label IN $kinds)
  AND (NOT $relationshipFilter OR EXISTS {
    (n)-[r]-(m)
    WHERE ($types IS NULL OR type(r) IN $types)
      AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
      AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
      AND any(label IN labels(m) WHERE label IN $kinds)
  })
RETURN n AS node, COUNT { (n)--() } AS degree
