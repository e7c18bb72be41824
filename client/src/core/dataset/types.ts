// The graph the client holds: the wire attributes plus a position (nodes) and the parallel-edge
// index that @sigma/edge-curve computes (edges). Visual state never lives here (see ../reducers).

import type { MultiDirectedGraph } from 'graphology';
import type { WireEdgeAttributes, WireNodeAttributes } from '../../../../model/wire.ts';

export type NodeAttributes = WireNodeAttributes & { x: number; y: number };

export type EdgeAttributes = WireEdgeAttributes & {
  parallelIndex?: number | null;
  parallelMinIndex?: number | null;
  parallelMaxIndex?: number | null;
};

export type StanceGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** Where a part of the canvas came from: the overview, one expansion, the console. */
export type SourceId = 'overview' | 'query' | `expand:${string}`;

/** The nodes and edges one source brought to the canvas. */
export interface Contribution {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export type Contributions = ReadonlyMap<SourceId, Contribution>;
