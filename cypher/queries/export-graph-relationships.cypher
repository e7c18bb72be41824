// export-graph-relationships: every relationship of an overview without a limit, streamed for an
// export: of the kept types (one branch per type, registry.windowedQuery), inside the window, between
// nodes of the kept kinds.
// params: kinds: [string], from: 'YYYY-MM-DD'|null, to: 'YYYY-MM-DD'|null
// returns: one row per relationship {relationship, source (id of start node), target (id of end node)}
CALL () {
  __RELATIONSHIPS_IN_WINDOW__
}
WITH a, r, b
WHERE any(label IN labels(a) WHERE label IN $kinds)
  AND any(label IN labels(b) WHERE label IN $kinds)
RETURN r AS relationship, a.id AS source, b.id AS target
