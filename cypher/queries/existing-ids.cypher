// existing-ids: which of the given ids the graph already holds, for references a dataset makes
// to entities loaded earlier; documents come with their text and date to check quotes against.
// params: ids: [string], withText: boolean (false: ids and labels only)
// returns: {id, labels, text (documents only), published (documents only, YYYY-MM-DD)}
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Actor {id: id}) RETURN n
  UNION ALL
  MATCH (n:Claim {id: id}) RETURN n
  UNION ALL
  MATCH (n:Topic {id: id}) RETURN n
  UNION ALL
  MATCH (n:Event {id: id}) RETURN n
  UNION ALL
  MATCH (n:Document {id: id}) RETURN n
}
RETURN n.id AS id, labels(n) AS labels,
  CASE WHEN $withText AND n:Document THEN n.text END AS text,
  CASE WHEN n:Document THEN toString(n.published) END AS published
