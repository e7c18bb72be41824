// suggestions-queue: the suggestions waiting for review, by document, then most confident first,
// then in text order (the review queue).
// params: doc (a document id, or null for all), limit (Integer)
// returns: {type, from, fromName, to, toName, props}
MATCH (a)-[r]->(b)
WHERE r.status = 'suggested' AND ($doc IS NULL OR r.doc = $doc)
RETURN type(r) AS type, a.id AS from, coalesce(a.name, a.text, a.id) AS fromName, labels(a) AS fromLabels,
  b.id AS to, coalesce(b.name, b.text, b.id) AS toName, labels(b) AS toLabels, properties(r) AS props
ORDER BY r.doc, r.confidence DESC, r.start
LIMIT $limit
