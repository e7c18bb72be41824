// create-nodes: writes nodes that do not exist yet, one batch of one label: the loader looked every
// id up first and its input holds each id once, so CREATE is safe here and saves MERGE's search
// and before-image (the uniqueness constraints still refuse a node created meanwhile). Actors get
// their kind's label too. A failed load deletes them by id (undo-delete-nodes-by-id), which also
// takes away every relationship the load attached to them: the undo log needs nothing back.
// __LABEL__ is filled in from the model (labelQuery in server/cypher/registry.ts), never from input.
// params: rows: [{id, kind?, props}]
// returns: {rows, changed, created: [], updated: []}
UNWIND $rows AS row
CREATE (n:__LABEL__)
SET n = row.props
FOREACH (kind IN CASE WHEN row.kind IS NULL THEN [] ELSE [row.kind] END | SET n:$(kind))
RETURN count(*) AS rows, count(*) AS changed, [] AS created, [] AS updated
