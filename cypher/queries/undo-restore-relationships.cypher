// undo-restore-relationships: gives relationships that a failed multi-transaction load changed
// their properties back, as its undo log recorded them before the change.
// params: rows: [{id: elementId, before: map}]
// returns: {restored}
UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.id
SET r = row.before
RETURN count(*) AS restored
