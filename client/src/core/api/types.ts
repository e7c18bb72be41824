// What the API answers, typed from the API contract in model/api.ts (type-only imports: zod does
// not reach the bundle), so that a change of the contract fails the client's typecheck. Below
// them, the shapes the client works with after ./mapping.ts.

import type {
  ConsoleResult,
  EdgePage,
  ExportFormat,
  ExportSourceInput,
  NetworkKind,
  NodeDetails,
  PositionsAnswer,
  SearchAnswer,
  StancesAnswer,
} from '../../../../model/api.ts';
import type { NodeKind } from '../../../../model/kinds.ts';
import type { WireEdgeAttributes, WireGraph } from '../../../../model/wire.ts';

export type { EdgePage, ExportFormat, NodeDetails, PositionsAnswer, SearchAnswer, StancesAnswer };
export type CypherResult = ConsoleResult & { graph: WireGraph };
export type AgreementKind = NetworkKind;
/**
 * What the client exports: the nodes on the canvas, by id, with the filters it shows them under;
 * or, in the agreement view, the network it shows (its weights and options go into the file).
 */
export type ExportSource = Extract<ExportSourceInput, { type: 'ids' | 'network' }>;
export type NetworkExportSource = Extract<ExportSourceInput, { type: 'network' }>;

export type SearchHit = SearchAnswer['results'][number];

/** A neighbourhood: the subgraph plus how many neighbours the limit left out, and how many edges among them. */
export interface Neighborhood {
  graph: WireGraph;
  leftOut: number;
  edgesLeftOut: number;
}

export interface NodeRef {
  id: string;
  kind: NodeKind | string;
  label: string;
}

/** One relationship of a node as the panels list it: positions from the API, or edges from the canvas. */
export interface PositionEntry {
  type: string;
  polarity: 1 | -1 | 0 | null;
  /** The other end: the actor on a claim's positions, the claim on an actor's stances. */
  other: NodeRef;
  quote?: string | null | undefined;
  doc?: string | null | undefined;
  docTitle?: string | null | undefined;
  date?: string | null | undefined;
  modality?: string | null | undefined;
  /** The edge key on the canvas (model/wire.ts edgeKey), to select it there. */
  edge?: string | undefined;
  /** The key of the graph-view edge that stands for it and its parallel relationships (source|type|target). */
  group?: string | undefined;
  /** Whether the relationship leaves the node the panel shows (out) or reaches it (in). */
  direction?: 'out' | 'in';
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
  contentType: string;
}

export type { WireEdgeAttributes };
