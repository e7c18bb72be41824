// document-coding: a document's text and every relationship coded from it with its span, its
// endpoints' names and kinds, accepted and suggested, in text order.
// params: id
// returns: {document: {...}, spans: [{type, from, fromName, fromLabels, to, toName, toLabels, props}]}
MATCH (d:Document {id: $id})
OPTIONAL MATCH (a)-[r]->(b) WHERE r.doc = $id AND r.start IS NOT NULL
WITH d, a, r, b ORDER BY r.start, r.end
RETURN d {.*, published: toString(d.published)} AS document,
  [x IN collect(CASE WHEN r IS NULL THEN NULL ELSE {type: type(r), from: a.id, fromName: coalesce(a.name, a.text, a.id),
    fromLabels: labels(a), to: b.id, toName: coalesce(b.name, b.text, b.id), toLabels: labels(b), props: properties(r)} END)
   WHERE x IS NOT NULL] AS spans
