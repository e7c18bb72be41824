// load-actors: creates or updates actors, one batch of rows. An actor's properties are replaced
// by the dataset's (the latest load defines an entity); `kind` adds Person, Institution or Country.
// params: rows: [{id, kind, props}]
// returns: {changed: number of rows whose properties differed before this write, rows}
UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
WITH n, row, properties(n) <> row.props AS changed
SET n = row.props, n:$(row.kind)
RETURN sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed, count(*) AS rows
