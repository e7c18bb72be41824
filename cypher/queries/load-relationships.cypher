// load-relationships: creates or updates affiliations and structure (MEMBER_OF, ABOUT, ATTENDS,
// MENTIONS, …), one batch: one relationship per (source, type, target), with optional provenance.
// params: rows: [{from, type, to, props}]
// returns: {changed, rows}: rows counts those whose endpoints were found (all, after validation)
UNWIND $rows AS row
CALL (row) {
  MATCH (a:Actor {id: row.from}) RETURN a
  UNION ALL
  MATCH (a:Claim {id: row.from}) RETURN a
  UNION ALL
  MATCH (a:Document {id: row.from}) RETURN a
}
CALL (row) {
  MATCH (b:Actor {id: row.to}) RETURN b
  UNION ALL
  MATCH (b:Claim {id: row.to}) RETURN b
  UNION ALL
  MATCH (b:Topic {id: row.to}) RETURN b
  UNION ALL
  MATCH (b:Event {id: row.to}) RETURN b
}
MERGE (a)-[r:$(row.type)]->(b)
WITH r, row, properties(r) <> row.props AS changed
SET r = row.props
RETURN sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed, count(*) AS rows
