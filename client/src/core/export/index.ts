// The exporters the menu offers, in its order.

import { pngExporter } from './png.ts';
import { serverExporter } from './server.ts';
import type { Exporter } from './types.ts';

export * from './types.ts';
export { networkSource } from './server.ts';

export const EXPORTERS: readonly Exporter[] = [
  serverExporter('gexf', 'GEXF', 'Gephi, with kinds, colours, positions and dates'),
  serverExporter('graphml', 'GraphML', 'yEd, Cytoscape, NetworkX'),
  serverExporter('json', 'JSON', 'graphology SerializedGraph'),
  serverExporter('csv', 'CSV', 'nodes and edges tables, zipped'),
  serverExporter('cypher', 'Cypher', 'a script that recreates the view in Neo4j'),
  pngExporter,
];
