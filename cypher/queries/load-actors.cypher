// load-actors: creates or updates actors, one batch of rows. An actor's properties are replaced
// by the dataset's (the latest load defines an entity); `kind` adds Person, Institution or Country.
// With $undo (loads larger than one transaction), also returns the elementIds of what it created
// and the properties of what it changed as they were before, for the load's undo log; an entity is
// new when, right after MERGE, it holds only the properties MERGE matched on.
// params: rows: [{id, kind, props, exact?}], undo: boolean
// returns: {rows, changed (rows whose properties differed before this write), created: [elementId],
//   updated: [{id: elementId, before: map}]}
UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
WITH n, row, row.props AS given, properties(n) AS before
// Ids merged into this node stay (only undoing the merge takes one back): the dataset may not know
// of the merge, and without them a merged id would name nothing. The write API's rows (`exact`:
// a merge and its undo) set them as given.
WITH n, row, before, CASE WHEN before.mergedIds IS NULL OR row.exact IS NOT NULL THEN given
  ELSE given {.*, mergedIds: before.mergedIds +
    [m IN coalesce(given.mergedIds, []) WHERE NOT m IN before.mergedIds]} END AS props
WITH n, row, props, before, before = {id: row.id} AS created, before <> props AS changed
SET n = props, n:$(row.kind)
RETURN count(*) AS rows, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed,
  CASE WHEN $undo THEN collect(CASE WHEN created THEN elementId(n) END) ELSE [] END AS created,
  CASE WHEN $undo THEN collect(CASE WHEN changed AND NOT created THEN {id: elementId(n), before: before} END) ELSE [] END AS updated
