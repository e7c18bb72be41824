// JSON: the wire format of the API (a graphology SerializedGraph, model/wire.ts), written node by
// node so that a large export streams; documents keep their full text.

import { GRAPH_OPTIONS, wireEdgeAttributes, wireNodeAttributes } from '../graph/graph-payload.ts';
import type { Exporter } from './exporter.ts';
import { TextSink } from './sink.ts';

export const jsonExporter: Exporter = {
  extension: 'json',
  contentType: 'application/json; charset=utf-8',
  description: 'A graphology SerializedGraph (the API wire format; graph.import() reads it).',
  async write(subgraph, out, context) {
    const sink = new TextSink(out);
    const attributes = { description: subgraph.description, generatedAt: context.generatedAt.toISOString() };
    await sink.write(
      `{"attributes":${JSON.stringify(attributes)},"options":${JSON.stringify(GRAPH_OPTIONS)},"nodes":[`,
    );
    let first = true;
    for await (const node of subgraph.nodes()) {
      const item = { key: node.key, attributes: wireNodeAttributes(node.key, node.labels, node.properties) };
      await sink.write(`${first ? '' : ','}\n${JSON.stringify(item)}`);
      first = false;
    }
    await sink.write('\n],"edges":[');
    first = true;
    for await (const edge of subgraph.edges()) {
      const item = {
        key: edge.key,
        source: edge.source,
        target: edge.target,
        attributes: wireEdgeAttributes(edge.type, edge.properties),
      };
      await sink.write(`${first ? '' : ','}\n${JSON.stringify(item)}`);
      first = false;
    }
    await sink.write('\n]}\n');
    await sink.end();
  },
};
