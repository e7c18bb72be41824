// export-graph-nodes: every node of an overview without a limit, streamed for an export, when
// there is no relationship filter: all nodes of the kept kinds, isolated ones too.
// params: kinds: [string]
// returns: one row per node {node, degree (all relationships, both directions)}
MATCH (n) WHERE any(label IN labels(n) WHERE label IN $kinds)
RETURN n AS node, COUNT { (n)--() } AS degree
