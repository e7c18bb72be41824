// load-record-relationships: creates or updates stances and interactions that carry a dataset
// record id (imported event data, DNA statements), one batch. Each is one relationship per
// (source dataset, record) (DESIGN.md): re-importing a record updates it, never repeats it.
// Properties are replaced by the dataset's.
// The record is found by the type's index on `record` (V004), not by MERGE: MERGE between two
// bound nodes expands every relationship between them, and event data puts thousands between
// two busy countries. A record found between other endpoints keeps them (its properties change).
// __TYPE__, __FROM__ and __TO__ are the relationship type and the endpoints' labels, filled in
// from the model (relationshipQuery in server/cypher/registry.ts), never from input.
// With $undo (loads larger than one transaction), also returns the elementIds of what it created
// and the properties of what it changed as they were before, for the load's undo log.
// params: rows: [{from, to, source, record, props, keep?}], undo: boolean
// Rows whose endpoints are not found drop out: `rows` then falls short and the writer fails.
// returns: {rows, changed (rows whose properties differed before this write), created: [elementId],
//   updated: [{id: elementId, before: map}]}
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
OPTIONAL MATCH ()-[found:__TYPE__ {record: row.record}]->()
WHERE found.source = row.source
CALL (a, b, row, found) {
  WITH a, b, row, found
  WHERE found IS NULL
  CREATE (a)-[r:__TYPE__]->(b)
  RETURN r, {} AS before, true AS created
  UNION
  WITH row, found
  WHERE found IS NOT NULL
  RETURN found AS r, properties(found) AS before, false AS created
}
// A row with `keep` (a relationship of a merged id) does not change one the graph holds.
WITH r, row, before, created, before <> row.props AND (created OR row.keep IS NULL) AS changed
SET r = CASE WHEN changed THEN row.props ELSE before END
RETURN count(*) AS rows, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed,
  CASE WHEN $undo THEN collect(CASE WHEN created THEN elementId(r) END) ELSE [] END AS created,
  CASE WHEN $undo THEN collect(CASE WHEN changed AND NOT created THEN {id: elementId(r), before: before} END) ELSE [] END AS updated
