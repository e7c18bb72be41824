// V005: the write API's records (server/write): every write is a Change (who, when, before, after),
// found again by its Idempotency-Key so that a retried request never writes twice (the constraint
// makes two concurrent retries collide instead of both writing); a rejected suggestion is
// remembered by its key (doc, type, from, to, start) so that extraction does not suggest it again.
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT change_idempotency_key IF NOT EXISTS FOR (n:Change) REQUIRE n.idempotencyKey IS UNIQUE;
CREATE CONSTRAINT rejected_suggestion_key IF NOT EXISTS FOR (n:RejectedSuggestion) REQUIRE n.key IS UNIQUE;
CREATE INDEX change_at IF NOT EXISTS FOR (n:Change) ON (n.at);
CREATE INDEX rejected_suggestion_doc IF NOT EXISTS FOR (n:RejectedSuggestion) ON (n.doc);
