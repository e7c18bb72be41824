// search-fulltext: full-text search over actor names and aliases, claim texts and aliases, topic
// and event names (the Lucene indexes of V002), best first. The Lucene query is built by the API
// from the user's words, escaped (server/api/lucene.ts); it is a parameter, never Cypher text.
// params: lucene: string, kinds: [string], limit: int
// returns: one row per hit: {node, score}
CALL () {
  CALL db.index.fulltext.queryNodes('actor_names', $lucene, {limit: $limit}) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('claim_texts', $lucene, {limit: $limit}) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('topic_event_names', $lucene, {limit: $limit}) YIELD node, score
  RETURN node, score
}
WITH node, score
WHERE any(label IN labels(node) WHERE label IN $kinds)
RETURN node, score
ORDER BY score DESC, node.id
LIMIT $limit
