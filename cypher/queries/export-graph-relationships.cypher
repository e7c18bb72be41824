// export-graph-relationships: every relationship of an overview without a limit, streamed for an
// export: between nodes of the kept kinds, of the kept types, inside the window (undated ones pass).
// params: kinds: [string], types: [string]|null, from: 'YYYY-MM-DD'|null, to: 'YYYY-MM-DD'|null
// returns: one row per relationship {relationship, source (id of start node), target (id of end node)}
MATCH (a)-[r]->(b)
WHERE any(label IN labels(a) WHERE label IN $kinds)
  AND any(label IN labels(b) WHERE label IN $kinds)
  AND ($types IS NULL OR type(r) IN $types)
  AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
  AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
RETURN r AS relationship, a.id AS source, b.id AS target
