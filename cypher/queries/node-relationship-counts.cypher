// node-relationship-counts: how many relationships of each type a node has, in each direction, so
// that a client can say what expanding it would add.
// params: elementId: string
// returns: one row per (type, direction): {type, direction: 'out'|'in', count}
MATCH (n) WHERE elementId(n) = $elementId
MATCH (n)-[r]-(m)
RETURN type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, count(r) AS count
ORDER BY count DESC, type, direction
