// undo-delete-nodes: rolls back nodes that a failed multi-transaction load created, by the
// elementIds its undo log recorded.
// params: ids: [elementId]
// returns: {deleted}
UNWIND $ids AS id
MATCH (n) WHERE elementId(n) = id
DETACH DELETE n
RETURN count(*) AS deleted
