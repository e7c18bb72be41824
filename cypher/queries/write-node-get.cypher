// write-node-get: a node and every relationship it has, for the write API's before/after records
// (a merge moves them all). __LABEL__ is one of the model's id labels.
// params: id
// returns: {labels, props, rels: [{from, type, to, props}]} (no row when it does not exist)
MATCH (n:__LABEL__ {id: $id})
OPTIONAL MATCH (n)-[r]-()
RETURN labels(n) AS labels, properties(n) AS props,
  [x IN collect(r) WHERE x IS NOT NULL | {from: startNode(x).id, type: type(x), to: endNode(x).id, props: properties(x)}] AS rels
