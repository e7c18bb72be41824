// neighborhood-expand: one step of a neighbourhood: the nodes next to a frontier that are not yet
// visited, through relationships that pass the filters, most connected first. Relationships
// without a date pass any window. It reads no property of a neighbour it does not rank: the
// neighbours are collected as node references, and ranked by their degree from Neo4j's degree
// store (`COUNT { (n)--() }` on a single pattern: O(1) per dense node, no relationship read). A
// hub's neighbours beyond the first $rankCap found are not ranked; they count in `total`, so the
// caller still says how many the limit left out.
// params: frontier: [elementId], visited: [elementId], kinds: [string]|null, types: [string]|null,
//   from: 'YYYY-MM-DD'|null, to: 'YYYY-MM-DD'|null, limit: int (how many to keep; 0 counts only),
//   rankCap: int (how many neighbours at most are ranked)
// returns: one row {total: every new neighbour found, kept: [{node, elementId, degree}] (at most limit)}
UNWIND $frontier AS frontierId
MATCH (f) WHERE elementId(f) = frontierId
MATCH (f)-[r]-(n)
WHERE NOT elementId(n) IN $visited
  AND ($types IS NULL OR type(r) IN $types)
  AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
  AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
  AND ($kinds IS NULL OR any(label IN labels(n) WHERE label IN $kinds))
WITH collect(DISTINCT n) AS found
CALL (found) {
  UNWIND found[0..$rankCap] AS n
  WITH n, COUNT { (n)--() } AS degree
  ORDER BY degree DESC, n.id
  LIMIT $limit
  RETURN collect({node: n, elementId: elementId(n), degree: degree}) AS kept
}
RETURN size(found) AS total, kept
