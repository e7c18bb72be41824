// load-record-relationships: creates or updates stances and interactions that carry a dataset
// record id (imported event data, DNA statements), one batch. Each is one relationship per
// (source dataset, record) (DESIGN.md): re-importing a record updates it, never repeats it.
// Properties are replaced by the dataset's.
// __TYPE__, __FROM__ and __TO__ are the relationship type and the endpoints' labels, filled in
// from the model (relationshipQuery in server/cypher/registry.ts), never from input: static
// labels and types let Neo4j seek the endpoints by their id constraint and MERGE expand between
// them, where dynamic ones ($(row.type)) make Neo4j 5.26 scan every relationship.
// With $undo (loads larger than one transaction), also returns the elementIds of what it created
// and the properties of what it changed as they were before, for the load's undo log; an entity is
// new when, right after MERGE, it holds only the properties MERGE matched on.
// params: rows: [{from, to, source, record, props}], undo: boolean
// Rows whose endpoints are not found drop out: `rows` then falls short and the writer fails.
// returns: {rows, changed (rows whose properties differed before this write), created: [elementId],
//   updated: [{id: elementId, before: map}]}
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
MERGE (a)-[r:__TYPE__ {source: row.source, record: row.record}]->(b)
WITH r, row, properties(r) AS before
WITH r, row, before, before = {source: row.source, record: row.record} AS created, before <> row.props AS changed
SET r = row.props
RETURN count(*) AS rows, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed,
  CASE WHEN $undo THEN collect(CASE WHEN created THEN elementId(r) END) ELSE [] END AS created,
  CASE WHEN $undo THEN collect(CASE WHEN changed AND NOT created THEN {id: elementId(r), before: before} END) ELSE [] END AS updated
