// write-relationship-get: one relationship by its identity, for the write API: (from, type, to),
// and (doc, start) for stances and interactions. __TYPE__, __FROM__, __TO__ come from the model.
// params: from, to, keyed: boolean, doc, start (Integer)
// returns: {props} (no row when it does not exist)
MATCH (a:__FROM__ {id: $from})-[r:__TYPE__]->(b:__TO__ {id: $to})
WHERE NOT $keyed OR (r.doc = $doc AND r.start = $start)
RETURN properties(r) AS props
LIMIT 1
