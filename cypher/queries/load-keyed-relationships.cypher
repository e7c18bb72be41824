// load-keyed-relationships: creates or updates stances and interactions, one batch. Each is one
// relationship per (source, type, target, doc, start) (DESIGN.md): the same position reported in
// two documents is two relationships. Properties are replaced by the dataset's.
// params: rows: [{from, type, to, doc, start, props}]
// returns: {changed, rows}: rows counts those whose endpoints were found (all, after validation)
UNWIND $rows AS row
CALL (row) {
  MATCH (a:Actor {id: row.from}) RETURN a
  UNION ALL
  MATCH (a:Claim {id: row.from}) RETURN a
}
CALL (row) {
  MATCH (b:Claim {id: row.to}) RETURN b
  UNION ALL
  MATCH (b:Actor {id: row.to}) RETURN b
}
MERGE (a)-[r:$(row.type) {doc: row.doc, start: row.start}]->(b)
WITH r, row, properties(r) <> row.props AS changed
SET r = row.props
RETURN sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed, count(*) AS rows
