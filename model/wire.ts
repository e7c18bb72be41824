// The wire format between the API and the client (and the JSON export): graphs are graphology
// `SerializedGraph`s keyed by our ids, with these node and edge attributes. Their zod schemas in
// model/api.ts are the definition; the types here are derived from them (type-only: no zod in the
// client's bundle). The API builds them in one place (server/graph/graph-payload.ts).

import type { z } from 'zod';
import type { wireGraphSchema } from './api.ts';

export type WireGraph = z.infer<typeof wireGraphSchema>;
export type WireNodeAttributes = WireGraph['nodes'][number]['attributes'];
export type WireEdgeAttributes = WireGraph['edges'][number]['attributes'];

/** A stable edge key: provenance relationships are one per (source, type, target, doc, start). */
export function edgeKey(source: string, type: string, target: string, doc?: string, start?: number): string {
  return doc !== undefined && start !== undefined
    ? `${source}|${type}|${target}|${doc}|${start}`
    : `${source}|${type}|${target}`;
}
