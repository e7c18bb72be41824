// merged-ids: which of the given ids were merged into another actor or claim (POST /api/merges keeps
// a merged node's id in `mergedIds` of the node that stays), so that references to them still resolve.
// One pass over the nodes that hold merged ids (few), whatever the number of ids asked.
// params: ids: [string]
// returns: {id (the merged id), into (the id of the node it was merged into), labels}
MATCH (n)
WHERE (n:Actor OR n:Claim) AND n.mergedIds IS NOT NULL
UNWIND n.mergedIds AS merged
WITH n, merged
WHERE merged IN $ids
RETURN merged AS id, n.id AS into, labels(n) AS labels
