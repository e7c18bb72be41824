// undo-delete-nodes: rolls back nodes that a failed multi-transaction load created, by the
// elementIds its undo log recorded, with the relationships attached to them (the load created
// those too: the nodes were new; it logs no elementIds for them).
// params: ids: [elementId]
// returns: {deleted, relationships}
UNWIND $ids AS id
MATCH (n) WHERE elementId(n) = id
OPTIONAL MATCH (n)-[r]-()
WITH collect(DISTINCT n) AS nodes, collect(DISTINCT r) AS relationships
FOREACH (r IN relationships | DELETE r)
FOREACH (n IN nodes | DELETE n)
RETURN size(nodes) AS deleted, size(relationships) AS relationships
