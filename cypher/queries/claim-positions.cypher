// claim-positions: who takes which position on a claim, each stance with its source document;
// the API splits them into for (+) and against (−) by the vocabulary's polarity.
// Suggestions (status 'suggested') only with $includeSuggested.
// params: id: string (a claim id), stanceTypes: [string], includeSuggested: boolean
// returns: one row per stance {claim, about: [node], actor, type, stance (properties), source (document map)},
//   or one row with actor null when nobody takes a position; no row when the claim does not exist
MATCH (c:Claim {id: $id})
OPTIONAL MATCH (a:Actor)-[s]->(c)
WHERE type(s) IN $stanceTypes AND ($includeSuggested OR s.status IS NULL OR s.status <> 'suggested')
OPTIONAL MATCH (d:Document {id: s.doc})
RETURN c AS claim, [(c)-[:ABOUT]->(t) | t] AS about, a AS actor, type(s) AS type, properties(s) AS stance,
  d {.id, .title, .published, .publisher, .url} AS source
ORDER BY a.name, s.date, s.start
