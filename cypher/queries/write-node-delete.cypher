// write-node-delete: deletes a node with whatever relationships it still has (the write API has
// recorded them in the change's `before` first). __LABEL__ is one of the model's id labels.
// params: id
// returns: {deleted}
MATCH (n:__LABEL__ {id: $id})
DETACH DELETE n
RETURN count(*) AS deleted
