// dna-statements: the stances as discourse network analysis reads them (server/networks/dna.ts):
// who spoke, for whom (onBehalfOf), on which claim, agreeing or not, in which document and when,
// in DNA's order (date, document, start, end, record). Accepted stances only (suggestions wait
// for review); within a date window and optionally on the claims about one topic.
// params: positive: [string], negative: [string] (stance types by polarity), from: 'YYYY-MM-DD'|null,
//   to: 'YYYY-MM-DD'|null, topic: string|null
// returns: {speaker: node, onBehalfOf: node|null, claim: node, agreement: 0|1, document: string, date: string}
MATCH (a:Actor)-[r]->(c:Claim)
WHERE (type(r) IN $positive OR type(r) IN $negative)
  AND coalesce(r.status, 'accepted') = 'accepted'
  AND ($from IS NULL OR r.date >= date($from))
  AND ($to IS NULL OR r.date <= date($to))
  AND ($topic IS NULL OR EXISTS { (c)-[:ABOUT]->(:Topic {id: $topic}) })
OPTIONAL MATCH (o:Actor {id: r.onBehalfOf})
RETURN a AS speaker, o AS onBehalfOf, c AS claim,
  CASE WHEN type(r) IN $positive THEN 1 ELSE 0 END AS agreement,
  coalesce(r.doc, '') AS document, toString(r.date) AS date
ORDER BY r.date, r.doc, r.start, r.end, r.record
