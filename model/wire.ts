// The wire format between the API and the client (and the JSON export): graphs are graphology
// `SerializedGraph`s keyed by our ids, with these node and edge attributes. Their zod schemas in
// model/api.ts are the definition; the types here are derived from them (type-only: no zod in the
// client's bundle). The API builds them in one place (server/graph/graph-payload.ts).

import type { z } from 'zod';
import type { packedAgreementSchema, wireGraphSchema } from './api.ts';

export type WireGraph = z.infer<typeof wireGraphSchema>;
export type WireNodeAttributes = WireGraph['nodes'][number]['attributes'];
export type WireEdgeAttributes = WireGraph['edges'][number]['attributes'];
export type PackedAgreement = z.infer<typeof packedAgreementSchema>;

export const GRAPH_OPTIONS: WireGraph['options'] = { type: 'directed', multi: true, allowSelfLoops: true };

/** A stable edge key: provenance relationships are one per (source, type, target, doc, start). */
export function edgeKey(source: string, type: string, target: string, doc?: string, start?: number): string {
  return doc !== undefined && start !== undefined
    ? `${source}|${type}|${target}|${doc}|${start}`
    : `${source}|${type}|${target}`;
}

/** The two kinds of agreement tie, as edges: type and polarity. */
export const TIE_TYPES = [
  { type: 'AGREEMENT', polarity: 1 },
  { type: 'CONFLICT', polarity: -1 },
] as const;

/**
 * The agreement network of GET /api/networks/agreement?format=ties as the SerializedGraph that
 * format=graph answers (the same nodes and edges; the edges grouped by type): an edge per tie, from
 * the smaller actor id to the larger, `weight` its number of claims and `claims` their ids.
 */
export function packedAgreementGraph(packed: PackedAgreement): WireGraph {
  const edges: WireGraph['edges'] = [];
  for (const { type, polarity } of TIE_TYPES) {
    const ties = packed.ties[type];
    if (!ties) continue;
    for (let i = 0; i < ties.source.length; i++) {
      const source = packed.nodes[ties.source[i]!]!.key;
      const target = packed.nodes[ties.target[i]!]!.key;
      const claims = ties.claims
        .slice(ties.claimStart[i], ties.claimStart[i + 1])
        .map((c) => packed.claims[c]!);
      edges.push({
        key: edgeKey(source, type, target),
        source,
        target,
        attributes: { type, family: 'stance', polarity, weight: claims.length, claims },
      });
    }
  }
  return { attributes: packed.attributes, options: GRAPH_OPTIONS, nodes: packed.nodes, edges };
}
