// property-keys: every property key the database knows, so that exports can declare their
// attributes (GEXF, GraphML, CSV columns) before they stream the first node.
// params: none
// returns: one row per key {key}
CALL db.propertyKeys() YIELD propertyKey
RETURN propertyKey AS key
ORDER BY key
