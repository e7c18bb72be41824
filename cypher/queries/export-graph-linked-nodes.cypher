// export-graph-linked-nodes: the nodes of an overview without a limit when there is a relationship
// filter (types or a window): the nodes of the kept kinds with at least one relationship that
// passes it to another such node (see graph-overview), each once, streamed for an export. The
// relationships come from one branch per type (registry.windowedQuery).
// params: kinds: [string], from: 'YYYY-MM-DD'|null, to: 'YYYY-MM-DD'|null
// returns: one row per node {node, degree (all relationships, both directions)}
CALL () {
  __RELATIONSHIPS_IN_WINDOW__
}
WITH a, b
WHERE any(label IN labels(a) WHERE label IN $kinds)
  AND any(label IN labels(b) WHERE label IN $kinds)
UNWIND [a, b] AS n
WITH DISTINCT n
RETURN n AS node, COUNT { (n)--() } AS degree
