// rejected-suggestions: the keys of the suggestions rejected for some documents, for extraction
// to leave out.
// params: docs: [string]
// returns: {key}
MATCH (x:RejectedSuggestion) WHERE x.doc IN $docs
RETURN x.key AS key
