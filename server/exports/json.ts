// JSON: the wire format of the API (a graphology SerializedGraph, model/wire.ts), written node by
// node so that a large export streams; documents keep their full text.

import { GRAPH_OPTIONS, wireEdgeAttributes, wireNodeAttributes } from '../graph/graph-payload.ts';
import type { ExportContext, Exporter } from './exporter.ts';
import { streamText } from './sink.ts';
import type { Subgraph } from './source.ts';

export const jsonExporter: Exporter = {
  extension: 'json',
  contentType: 'application/json; charset=utf-8',
  description: 'A graphology SerializedGraph (the API wire format; graph.import() reads it).',
  write: (subgraph, out, context) => streamText(out, jsonText(subgraph, context)),
};

async function* jsonText(subgraph: Subgraph, context: ExportContext): AsyncGenerator<string> {
  // A network's options are its graph attributes, as the API answers them.
  const attributes = {
    ...subgraph.network?.options,
    description: subgraph.description,
    generatedAt: context.generatedAt.toISOString(),
  };
  yield `{"attributes":${JSON.stringify(attributes)},"options":${JSON.stringify(GRAPH_OPTIONS)},"nodes":[`;
  let first = true;
  for await (const node of subgraph.nodes()) {
    const item = { key: node.key, attributes: wireNodeAttributes(node.key, node.labels, node.properties) };
    yield `${first ? '' : ','}\n${JSON.stringify(item)}`;
    first = false;
  }
  yield '\n],"edges":[';
  first = true;
  for await (const edge of subgraph.edges()) {
    const item = {
      key: edge.key,
      source: edge.source,
      target: edge.target,
      attributes: wireEdgeAttributes(edge.type, edge.properties),
    };
    yield `${first ? '' : ','}\n${JSON.stringify(item)}`;
    first = false;
  }
  yield '\n]}\n';
}
