// write-change-by-key: the change an Idempotency-Key was first used for, to answer a retry.
// params: key
// returns: {fingerprint, status, response}
MATCH (c:Change {idempotencyKey: $key})
RETURN c.fingerprint AS fingerprint, c.status AS status, c.response AS response
