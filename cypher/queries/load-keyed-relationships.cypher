// load-keyed-relationships: creates or updates stances and interactions, one batch. Each is one
// relationship per (source, type, target, doc, start) (DESIGN.md): the same position reported in
// two documents is two relationships. Properties are replaced by the dataset's.
// __TYPE__, __FROM__ and __TO__ are the relationship type and the endpoints' labels, filled in
// from the model (relationshipQuery in server/cypher/registry.ts), never from input: static
// labels and types let Neo4j seek the endpoints by their id constraint and MERGE expand between
// them, where dynamic ones ($(row.type)) make Neo4j 5.26 scan every relationship.
// With $undo (loads larger than one transaction), also returns the elementIds of what it created
// and the properties of what it changed as they were before, for the load's undo log; an entity is
// new when, right after MERGE, it holds only the properties MERGE matched on.
// params: rows: [{from, to, doc, start, props, keep?}], undo: boolean
// Rows whose endpoints are not found drop out: `rows` then falls short and the writer fails.
// returns: {rows, changed (rows whose properties differed before this write), created: [elementId],
//   updated: [{id: elementId, before: map}]}
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
MERGE (a)-[r:__TYPE__ {doc: row.doc, start: row.start}]->(b)
WITH r, row, properties(r) AS before
WITH r, row, before, before = {doc: row.doc, start: row.start} AS created
// A row with `keep` (a relationship of a merged id) does not change one the graph holds.
WITH r, row, before, created, before <> row.props AND (created OR row.keep IS NULL) AS changed
SET r = CASE WHEN changed THEN row.props ELSE before END
RETURN count(*) AS rows, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed,
  CASE WHEN $undo THEN collect(CASE WHEN created THEN elementId(r) END) ELSE [] END AS created,
  CASE WHEN $undo THEN collect(CASE WHEN changed AND NOT created THEN {id: elementId(r), before: before} END) ELSE [] END AS updated
