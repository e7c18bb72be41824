// load-actors: creates or updates actors, one batch of rows. An actor's properties are replaced
// by the dataset's (the latest load defines an entity); `kind` adds Person, Institution or Country.
// With $undo (loads larger than one transaction), also returns the elementIds of what it created
// and the properties of what it changed as they were before, for the load's undo log; an entity is
// new when, right after MERGE, it holds only the properties MERGE matched on.
// params: rows: [{id, kind, props}], undo: boolean
// returns: {rows, changed (rows whose properties differed before this write), created: [elementId],
//   updated: [{id: elementId, before: map}]}
UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
WITH n, row, properties(n) AS before
WITH n, row, before, before = {id: row.id} AS created, before <> row.props AS changed
SET n = row.props, n:$(row.kind)
RETURN count(*) AS rows, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed,
  CASE WHEN $undo THEN collect(CASE WHEN created THEN elementId(n) END) ELSE [] END AS created,
  CASE WHEN $undo THEN collect(CASE WHEN changed AND NOT created THEN {id: elementId(n), before: before} END) ELSE [] END AS updated
