// dump-document: one document's coding, for `stancegraph dump --doc`: the Document, every
// relationship coded from it (doc = $id) with its endpoints, and its MENTIONS with theirs.
// params: id: string (a document id)
// returns: {nodes: [{key, labels, properties}], relationships: [{source, type, target, properties}]}
MATCH (d:Document {id: $id})
OPTIONAL MATCH (a)-[r]->(b) WHERE r.doc = $id
WITH d, collect(DISTINCT r) AS coded, collect(DISTINCT a) + collect(DISTINCT b) AS ends
OPTIONAL MATCH (d)-[m:MENTIONS]->(x)
WITH d, coded, ends, collect(DISTINCT m) AS mentions, collect(DISTINCT x) AS mentioned
WITH d, coded + mentions AS rels, ends + mentioned AS others
UNWIND [d] + others AS n
WITH DISTINCT n, rels WHERE n IS NOT NULL
WITH collect({key: n.id, labels: labels(n), properties: properties(n)}) AS nodes, rels
RETURN nodes,
  [r IN rels | {source: startNode(r).id, type: type(r), target: endNode(r).id, properties: properties(r)}] AS relationships
