// write-changes-list: the latest writes, newest first (GET /api/changes).
// params: limit (Integer), id (a change id, or null for all)
// returns: {change: {id, at, who, action, summary, before, after, undoneBy, undoes}}
MATCH (c:Change)
WHERE $id IS NULL OR c.id = $id
RETURN c {.id, at: toString(c.at), .who, .action, .summary, .before, .after, .undoneBy, .undoes} AS change
ORDER BY c.at DESC
LIMIT $limit
