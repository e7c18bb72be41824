// agreement-network: the positions the actor–actor network of discourse network analysis is made
// of (DESIGN.md): per claim, which actors took which polarity on it within a time window, optionally
// on the claims about one topic. Each stance of the window is read once, from one branch per
// stance type (registry.windowedQuery), each an index seek on the type's dates when there is a
// window, and reduced at once to (actor id, polarity). Pairs are not formed here: a claim that
// 400 actors took a position on makes 80,000 pairs, which Cypher's row-at-a-time runtime turns
// over slowly; the API pairs them (server/networks/agreement.ts agreementTies). Nor are an actor's
// repeated positions on a claim (the same stance in several documents) made distinct: the pairing
// counts a claim once per pair and kind anyway, and a DISTINCT here cost more (a fifth of Neo4j's
// CPU for the query at 100k stances) than the repeats cost to send and skip.
// params: positive: [string], negative: [string] (stance types by polarity), from: 'YYYY-MM-DD'|null,
//   to: 'YYYY-MM-DD'|null, topic: string|null (a topic id), includeSuggested: boolean
// Suggestions (status 'suggested': machine-made, not reviewed) count only with $includeSuggested.
// returns: one row per claim with at least two positions: {claim (id), positions: [[actor id, polarity (1|-1)]]},
//   a position per stance (an actor may be there more than once, with either polarity)
CALL () {
  __RELATIONSHIPS_IN_WINDOW__
}
WITH a, r, b AS c
WHERE a:Actor AND c:Claim
  AND ($includeSuggested OR r.status IS NULL OR r.status <> 'suggested')
WITH c, collect([a.id, CASE WHEN type(r) IN $positive THEN 1 ELSE -1 END]) AS positions
WHERE size(positions) > 1 AND ($topic IS NULL OR EXISTS { (c)-[:ABOUT]->(:Topic {id: $topic}) })
RETURN c.id AS claim, positions
