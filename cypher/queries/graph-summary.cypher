// graph-summary: what the graph holds, for `stancegraph start` and `stancegraph summary`.
// params: none
// returns: one row per node kind and relationship type: {what: 'node'|'relationship', name, count}
CALL db.labels() YIELD label
WHERE label IN ['Person', 'Institution', 'Country', 'Claim', 'Topic', 'Event', 'Document']
CALL (label) {
  MATCH (n) WHERE label IN labels(n)
  RETURN count(n) AS count
}
RETURN 'node' AS what, label AS name, count
UNION ALL
CALL db.relationshipTypes() YIELD relationshipType
CALL (relationshipType) {
  MATCH ()-[r]->() WHERE type(r) = relationshipType
  RETURN count(r) AS count
}
RETURN 'relationship' AS what, relationshipType AS name, count
