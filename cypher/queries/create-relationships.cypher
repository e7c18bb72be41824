// create-relationships: writes relationships that cannot exist yet, one batch: those with an
// endpoint that did not exist before this load (a relationship to a new node is new). The loader
// knows which nodes are new (it looks all ids up first) and that its input holds each relationship
// once, so CREATE is safe here and saves MERGE's search; everything else goes through MERGE.
// __TYPE__, __FROM__ and __TO__ are filled in from the model (relationshipQuery in
// server/cypher/registry.ts), never from input. A failed load undoes them through their new
// endpoint (undo-delete-nodes-by-id deletes it with its relationships): no elementIds come back.
// params: rows: [{from, to, props}]
// returns: {rows, changed, created: [], updated: []}
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props
RETURN count(*) AS rows, count(*) AS changed, [] AS created, [] AS updated
