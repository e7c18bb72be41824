// write-change-create: records one write (who, when, what before, what after) in the same
// transaction as the write; with an Idempotency-Key, the answer is kept to give a retry. Called
// first with just {id, idempotencyKey}, to claim the key before anything else: a concurrent retry
// then waits on the key's uniqueness constraint and fails when this one commits (and replays it).
// params: change: {id, who, action, summary, before, after, undoes, idempotencyKey, fingerprint, status, response}
// returns: {at}
MERGE (c:Change {id: $change.id})
SET c += $change, c.at = datetime()
RETURN toString(c.at) AS at
