// agreement-network: the actor–actor network of discourse network analysis (DESIGN.md): two
// actors agree on a claim when they took the same polarity on it, conflict when opposite ones,
// within a time window and optionally on the claims about one topic. Computed on request, never
// stored. Each stance of the window is read once, from one branch per stance type
// (registry.windowedQuery), each an index seek on the type's dates when there is a window, and
// reduced at once to its (actor id, claim, polarity); pairs are formed per claim, each unordered
// pair once (i < j over the claim's positions), on ids rather than nodes.
// params: positive: [string], negative: [string] (stance types by polarity), from: 'YYYY-MM-DD'|null,
//   to: 'YYYY-MM-DD'|null, topic: string|null (a topic id)
// returns: one row {ties: [{a, b (ids, a < b), agreed: [claim id], conflicted: [claim id]}] ordered by a, b,
//   actors: [actor node] (each actor of a tie once)}: each actor's properties cross Bolt once,
//   not once per tie (a busy actor has hundreds of ties)
CALL () {
  __RELATIONSHIPS_IN_WINDOW__
}
WITH a, r, b AS c
WHERE a:Actor AND c:Claim
WITH DISTINCT a.id AS actor, c, CASE WHEN type(r) IN $positive THEN 1 ELSE -1 END AS polarity
WITH c, collect({actor: actor, polarity: polarity}) AS positions
WHERE size(positions) > 1 AND ($topic IS NULL OR EXISTS { (c)-[:ABOUT]->(:Topic {id: $topic}) })
WITH c.id AS claim, positions
UNWIND range(0, size(positions) - 2) AS i
UNWIND range(i + 1, size(positions) - 1) AS j
WITH claim, positions[i] AS x, positions[j] AS y
WHERE x.actor <> y.actor
WITH claim, x.polarity = y.polarity AS agree,
  CASE WHEN x.actor < y.actor THEN x.actor ELSE y.actor END AS a,
  CASE WHEN x.actor < y.actor THEN y.actor ELSE x.actor END AS b
WITH a, b,
  collect(DISTINCT CASE WHEN agree THEN claim END) AS agreed,
  collect(DISTINCT CASE WHEN NOT agree THEN claim END) AS conflicted
ORDER BY a, b
WITH collect({a: a, b: b, agreed: agreed, conflicted: conflicted}) AS ties,
  collect(DISTINCT a) + collect(DISTINCT b) AS ids
CALL (ids) {
  UNWIND ids AS id
  WITH DISTINCT id
  MATCH (n:Actor {id: id})
  RETURN collect(n) AS actors
}
RETURN ties, actors
