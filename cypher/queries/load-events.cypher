// load-events: creates or updates events, one batch of rows; properties are replaced by the dataset's.
// params: rows: [{id, props}]
// returns: {changed: number of rows whose properties differed before this write, rows}
UNWIND $rows AS row
MERGE (n:Event {id: row.id})
WITH n, row, properties(n) <> row.props AS changed
SET n = row.props
RETURN sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed, count(*) AS rows
