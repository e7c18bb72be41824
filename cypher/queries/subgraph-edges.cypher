// subgraph-edges: the relationships among a set of nodes that pass the filters, as the canvas
// draws them: the parallel relationships of one type from one node to another travel as one edge
// with their count and first and last date (their quotes, notes and provenance stay behind: GET
// /api/edges pages through them on demand). Relationships without a date pass any window.
// Interactive views only: exports keep every relationship.
// params: ids: [elementId], types: [string]|null, from: 'YYYY-MM-DD'|null, to: 'YYYY-MM-DD'|null
// returns: one row per (source, type, target): {source, type, target (our ids), count, first, last
//   (dates, or null when none of them has one), suggested (how many are machine-made suggestions)}
UNWIND $ids AS startId
MATCH (a) WHERE elementId(a) = startId
MATCH (a)-[r]->(b)
WHERE elementId(b) IN $ids
  AND ($types IS NULL OR type(r) IN $types)
  AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
  AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
WITH a, type(r) AS type, b, count(r) AS count, min(r.date) AS first, max(r.date) AS last,
  sum(CASE WHEN r.status = 'suggested' THEN 1 ELSE 0 END) AS suggested
RETURN a.id AS source, type, b.id AS target, count, first, last, suggested
