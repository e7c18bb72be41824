// subgraph-type-degrees: for each relationship type, how many relationships of that type leave
// the dense nodes of a set and how many arrive at them, from Neo4j's degree store
// (`COUNT { (n)-[:TYPE]->() }` on a single pattern reads no relationship of a dense node, only its
// per-type counts). subgraph-edges reads each type from the side with fewer: a claim hub's
// neighbours send tens of thousands of stances, the hub receives a few thousand. Nodes with fewer
// than $minDegree relationships are left out: Neo4j keeps no per-type counts for them (a count
// walks all their relationships, once per type asked), and whichever side reads them reads at
// most that many each. One `{type, out, in}` per type asked for (registry.typeDegreesQuery).
// params: ids: [elementId], minDegree: int
// returns: one row per type that a dense node of the set has: {type, out: summed outgoing degree,
//   in: summed incoming degree}
UNWIND $ids AS nodeId
MATCH (n) WHERE elementId(n) = nodeId AND COUNT { (n)--() } >= $minDegree
UNWIND [
  __TYPE_DEGREES__
] AS degree
RETURN degree.type AS type, sum(degree.out) AS out, sum(degree.in) AS in
