// agreement-network: the actor–actor network of discourse network analysis (DESIGN.md): two
// actors agree on a claim when they took the same polarity on it, conflict when opposite ones,
// within a time window and optionally on the claims about one topic. Computed on request, never
// stored. The stances come from one branch per stance type (registry.windowedQuery), each an
// index seek on the type's dates when there is a window.
// Suggestions (status 'suggested': machine-made, not reviewed) count only with $includeSuggested.
// params: positive: [string], negative: [string] (stance types by polarity), from: 'YYYY-MM-DD'|null,
//   to: 'YYYY-MM-DD'|null, topic: string|null (a topic id), includeSuggested: boolean
// returns: one row {ties: [{a, b (ids, a < b), agreed: [claim id], conflicted: [claim id]}] ordered by a, b,
//   actors: [actor node] (each actor of a tie, possibly twice)}: each actor's properties cross Bolt
//   once or twice, not once per tie (a busy actor has hundreds of ties)
CALL () {
  __RELATIONSHIPS_IN_WINDOW__
}
WITH a, r, b AS c
WHERE a:Actor AND c:Claim
  AND ($includeSuggested OR r.status IS NULL OR r.status <> 'suggested')
  AND ($topic IS NULL OR EXISTS { (c)-[:ABOUT]->(:Topic {id: $topic}) })
WITH DISTINCT a, c, CASE WHEN type(r) IN $positive THEN 1 ELSE -1 END AS polarity
WITH c, collect({actor: a, polarity: polarity}) AS positions
UNWIND positions AS x
UNWIND positions AS y
WITH c, x, y WHERE x.actor.id < y.actor.id
WITH x.actor AS a, y.actor AS b, c, x.polarity = y.polarity AS agree
WITH a, b,
  collect(DISTINCT CASE WHEN agree THEN c.id END) AS agreed,
  collect(DISTINCT CASE WHEN NOT agree THEN c.id END) AS conflicted
ORDER BY a.id, b.id
RETURN collect({a: a.id, b: b.id, agreed: agreed, conflicted: conflicted}) AS ties,
  collect(DISTINCT a) + collect(DISTINCT b) AS actors
