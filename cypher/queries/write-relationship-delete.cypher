// write-relationship-delete: deletes one relationship by its identity (see write-relationship-get).
// params: from, to, keyed: boolean, doc, start (Integer)
// returns: {deleted}
MATCH (a:__FROM__ {id: $from})-[r:__TYPE__]->(b:__TO__ {id: $to})
WHERE NOT $keyed OR (r.doc = $doc AND r.start = $start)
DELETE r
RETURN count(*) AS deleted
