// The wire format between the API and the client (and the JSON export): graphs are graphology
// `SerializedGraph`s keyed by our ids, with these node and edge attributes. Both sides import
// these types; the API builds them in one place (server/api/graph-payload.ts).

import type { NodeKind } from './kinds.ts';
import type { Family, Polarity } from './vocabulary.ts';

export interface WireNodeAttributes {
  /** What to draw: an actor's name, a claim's text, a document's title. */
  label: string;
  kind: NodeKind;
  /** The node's properties, JSON-safe (dates as YYYY-MM-DD). Document `text` is left out of graphs. */
  [property: string]: unknown;
}

export interface WireEdgeAttributes {
  type: string;
  family: Family;
  polarity: Polarity;
  /** Provenance (stances and interactions always; others when coded). */
  doc?: string;
  quote?: string;
  start?: number;
  end?: number;
  date?: string;
  method?: 'manual' | 'rule' | 'llm';
  confidence?: number;
  modality?: 'asserted' | 'conditional' | 'future' | 'hypothetical';
  /** `suggested`: machine-made, not yet reviewed (the client draws it dashed); absent means accepted. */
  status?: 'accepted' | 'suggested';
  note?: string;
  [property: string]: unknown;
}

export interface WireGraph {
  attributes: Record<string, unknown>;
  options: { type: 'directed'; multi: true; allowSelfLoops: true };
  nodes: { key: string; attributes: WireNodeAttributes }[];
  edges: { key: string; source: string; target: string; attributes: WireEdgeAttributes }[];
}

/** A stable edge key: provenance relationships are one per (source, type, target, doc, start). */
export function edgeKey(source: string, type: string, target: string, doc?: string, start?: number): string {
  return doc !== undefined && start !== undefined
    ? `${source}|${type}|${target}|${doc}|${start}`
    : `${source}|${type}|${target}`;
}
