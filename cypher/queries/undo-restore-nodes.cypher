// undo-restore-nodes: gives nodes that a failed multi-transaction load changed their properties
// back, as its undo log recorded them before the change.
// params: rows: [{id: elementId, before: map}]
// returns: {restored}
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.id
SET n = row.before
RETURN count(*) AS restored
