// write-rejection-set: remembers (or forgets, for an undo) a rejected suggestion by its key, so
// that extracting the same document again does not suggest it again.
// params: key, remember: boolean, props: {doc, type, from, to, start, quote}
// returns: {remembered}
MERGE (x:RejectedSuggestion {key: $key})
SET x += $props
WITH x
FOREACH (_ IN CASE WHEN $remember THEN [] ELSE [1] END | DELETE x)
RETURN $remember AS remembered
