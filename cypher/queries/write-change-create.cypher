// write-change-create: records one write (who, when, what before, what after) in the same
// transaction as the write; with an Idempotency-Key, the answer is kept to give a retry.
// params: change: {id, who, action, summary, before, after, idempotencyKey, fingerprint, status, response}
// returns: {at}
CREATE (c:Change)
SET c = $change, c.at = datetime()
RETURN toString(c.at) AS at
