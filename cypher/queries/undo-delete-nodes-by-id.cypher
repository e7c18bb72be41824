// undo-delete-nodes-by-id: rolls back nodes that a failed multi-transaction load created with
// create-nodes, by their ids, with every relationship attached to them (all of which that load
// created: the nodes were new). __LABEL__ is filled in from the model (labelQuery).
// params: ids: [string]
// returns: {deleted, relationships}
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
OPTIONAL MATCH (n)-[r]-()
WITH collect(DISTINCT n) AS nodes, collect(DISTINCT r) AS relationships
FOREACH (r IN relationships | DELETE r)
FOREACH (n IN nodes | DELETE n)
RETURN size(nodes) AS deleted, size(relationships) AS relationships
