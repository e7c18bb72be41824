// subgraph-edges: the relationships among a set of nodes that pass the filters, as the canvas
// draws them: the parallel relationships of one type from one node to another travel as one edge
// with their count and first and last date (their quotes, notes and provenance stay behind: GET
// /api/edges pages through them on demand). Relationships without a date pass any window.
// Interactive views only: exports keep every relationship.
// Each relationship type is read from the side of the set that has fewer of its relationships
// (subgraph-type-degrees): out of the nodes, or into them; one branch for the types read out,
// one for those read in (registry.edgeBranchesQuery). Reading every node's outgoing
// relationships read 67,502 for a claim hub's neighbourhood at 100k stances (its neighbours'
// own stances), to find the few thousand among the set; by the smaller side, 12,674.
// params: ids: [elementId], from: 'YYYY-MM-DD'|null, to: 'YYYY-MM-DD'|null
// returns: one row per (source, type, target): {source, type, target (our ids), count, first, last
//   (dates, or null when none of them has one), suggested (how many are machine-made suggestions)}
CALL () {
  __EDGE_BRANCHES__
}
WITH a, r, b
WHERE ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
  AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
WITH a, type(r) AS type, b, count(r) AS count, min(r.date) AS first, max(r.date) AS last,
  sum(CASE WHEN r.status = 'suggested' THEN 1 ELSE 0 END) AS suggested
RETURN a.id AS source, type, b.id AS target, count, first, last, suggested
