// Small wire graphs for the client's unit tests, shaped like what the API sends (model/wire.ts).

import type { WireEdgeAttributes, WireGraph, WireNodeAttributes } from '../../model/wire.ts';
import { relationshipType } from '../../model/vocabulary.ts';
import {
  createStanceGraph,
  merge,
  type Contributions,
  type SourceId,
  type StanceGraph,
} from '../../client/src/core/dataset/index.ts';

export function node(key: string, attributes: Partial<WireNodeAttributes> = {}): WireGraph['nodes'][number] {
  const kind =
    attributes.kind ?? (key.startsWith('claim:') ? 'Claim' : key.startsWith('event:') ? 'Event' : 'Person');
  return { key, attributes: { label: key, kind, ...attributes } };
}

export function edge(
  source: string,
  type: string,
  target: string,
  attributes: Partial<WireEdgeAttributes> = {},
): WireGraph['edges'][number] {
  const row = relationshipType(type);
  const key = `${source}|${type}|${target}${attributes.start !== undefined ? `|doc|${attributes.start}` : ''}`;
  return {
    key,
    source,
    target,
    attributes: { type, family: row?.family ?? 'structure', polarity: row?.polarity ?? null, ...attributes },
  };
}

export function wire(nodes: WireGraph['nodes'], edges: WireGraph['edges'] = []): WireGraph {
  return { attributes: {}, options: { type: 'directed', multi: true, allowSelfLoops: true }, nodes, edges };
}

/** Ryabkov demands (2022-01-11) and Smith rejects (2022-01-13) a claim that is about a topic (undated). */
export function founding(): WireGraph {
  return wire(
    [
      node('person:sergei-ryabkov', { label: 'Sergei Ryabkov' }),
      node('person:julianne-smith', { label: 'Julianne Smith' }),
      node('claim:nato-non-expansion-guarantee', { label: 'NATO should give legal guarantees' }),
      node('topic:nato-enlargement', { kind: 'Topic', label: 'NATO enlargement' }),
      node('event:russia-nato-council-2022-01-12', { label: 'Russia–NATO Council', date: '2022-01-12' }),
    ],
    [
      edge('person:sergei-ryabkov', 'DEMANDS', 'claim:nato-non-expansion-guarantee', {
        date: '2022-01-11',
        start: 10,
      }),
      edge('person:julianne-smith', 'REJECTS', 'claim:nato-non-expansion-guarantee', {
        date: '2022-01-13',
        start: 20,
      }),
      edge('claim:nato-non-expansion-guarantee', 'ABOUT', 'topic:nato-enlargement'),
    ],
  );
}

/** A client graph holding `parts` merged in order, as the controller merges the API's answers. */
export function merged(...parts: [SourceId, WireGraph, ((node: string) => { x: number; y: number })?][]): {
  graph: StanceGraph;
  contributions: Contributions;
} {
  const graph = createStanceGraph();
  let contributions: Contributions = new Map();
  for (const [source, graphPart, place] of parts)
    contributions = merge(graph, contributions, source, graphPart, place).contributions;
  return { graph, contributions };
}

/** The founding-like graph as the canvas holds it after the overview. */
export function foundingGraph(): StanceGraph {
  return merged(['overview', founding()]).graph;
}
