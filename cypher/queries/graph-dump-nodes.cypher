// graph-dump-nodes: every node with its labels and properties, for the graph checksum that tests
// use to show a graph unchanged (a refused write, a failed load) or identical (a load run twice).
// params: none
// returns: {key, labels, properties} per node; key is our `id`, or the elementId for nodes without one
MATCH (n)
RETURN coalesce(n.id, elementId(n)) AS key, labels(n) AS labels, properties(n) AS properties
