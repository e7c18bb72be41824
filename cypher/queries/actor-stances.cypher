// actor-stances: an actor's stances on claims over time, each with the claim, its topics and the
// source document; stances without a date pass any window.
// Suggestions (status 'suggested') only with $includeSuggested.
// params: id: string (an actor id), stanceTypes: [string], from: 'YYYY-MM-DD'|null, to: 'YYYY-MM-DD'|null,
//   includeSuggested: boolean
// returns: one row per stance {actor, type, stance (properties), claim, topics: [{id, name}], source (document map)},
//   or one row with claim null when there is none; no row when the actor does not exist
MATCH (a:Actor {id: $id})
OPTIONAL MATCH (a)-[s]->(c:Claim)
WHERE type(s) IN $stanceTypes
  AND ($includeSuggested OR s.status IS NULL OR s.status <> 'suggested')
  AND ($from IS NULL OR s.date IS NULL OR s.date >= date($from))
  AND ($to IS NULL OR s.date IS NULL OR s.date <= date($to))
OPTIONAL MATCH (d:Document {id: s.doc})
RETURN a AS actor, type(s) AS type, properties(s) AS stance, c AS claim,
  CASE WHEN c IS NULL THEN [] ELSE [(c)-[:ABOUT]->(t:Topic) | t {.id, .name}] END AS topics,
  d {.id, .title, .published, .publisher, .url} AS source
ORDER BY s.date, s.doc, s.start
