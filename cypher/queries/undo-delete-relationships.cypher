// undo-delete-relationships: rolls back relationships that a failed multi-transaction load
// created, by the elementIds its undo log recorded (an index-backed seek, no scan).
// params: ids: [elementId]
// returns: {deleted}
UNWIND $ids AS id
MATCH ()-[r]->() WHERE elementId(r) = id
DELETE r
RETURN count(*) AS deleted
