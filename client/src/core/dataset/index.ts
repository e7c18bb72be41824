// The canvas's graph as a union of contributions (the overview, each expansion, console results).
// Merging adds what a source brought; collapsing a source removes what no other source holds, so
// collapsing an expansion takes back exactly what it added and nothing another part still needs.

import { MultiDirectedGraph } from 'graphology';
import type { WireGraph } from '../../../../model/wire.ts';
import type {
  Contribution,
  Contributions,
  EdgeAttributes,
  NodeAttributes,
  SourceId,
  StanceGraph,
} from './types.ts';

export * from './types.ts';
export { indexParallelEdges } from './parallel.ts';

export function createStanceGraph(): StanceGraph {
  return new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: true });
}

export function expansionSource(id: string): SourceId {
  return `expand:${id}`;
}

export interface MergeResult {
  contributions: Contributions;
  /** Nodes and edges that were not on the canvas before. */
  addedNodes: string[];
  addedEdges: string[];
}

/**
 * Adds `wire` to the graph as (part of) the contribution `source`. Nodes already there keep their
 * position and take the newer attributes; `place` positions the new ones.
 */
export function merge(
  graph: StanceGraph,
  contributions: Contributions,
  source: SourceId,
  wire: WireGraph,
  place: (node: string) => { x: number; y: number } = () => ({ x: 0, y: 0 }),
): MergeResult {
  const addedNodes: string[] = [];
  const addedEdges: string[] = [];
  const previous = contributions.get(source);
  const nodes = new Set(previous?.nodes);
  const edges = new Set(previous?.edges);
  for (const { key, attributes } of wire.nodes) {
    if (graph.hasNode(key)) {
      graph.mergeNodeAttributes(key, attributes);
    } else {
      graph.addNode(key, { ...attributes, ...place(key) });
      addedNodes.push(key);
    }
    nodes.add(key);
  }
  for (const { key, source: from, target: to, attributes } of wire.edges) {
    if (!graph.hasNode(from) || !graph.hasNode(to)) continue;
    if (!graph.hasEdge(key)) {
      graph.addDirectedEdgeWithKey(key, from, to, { ...attributes });
      addedEdges.push(key);
    }
    edges.add(key);
  }
  const next = new Map(contributions);
  next.set(source, { nodes, edges });
  return { contributions: next, addedNodes, addedEdges };
}

export interface CollapseResult {
  contributions: Contributions;
  removedNodes: string[];
  removedEdges: string[];
}

/** Takes back what `source` brought, except what another contribution still holds. */
export function collapse(graph: StanceGraph, contributions: Contributions, source: SourceId): CollapseResult {
  const next = new Map(contributions);
  if (!next.delete(source)) return { contributions, removedNodes: [], removedEdges: [] };
  const held = union(next.values());
  const removedNodes = new Set(graph.filterNodes((node) => !held.nodes.has(node)));
  const removedEdges = graph.filterEdges(
    (edge, _attributes, from, to) => !held.edges.has(edge) || removedNodes.has(from) || removedNodes.has(to),
  );
  for (const edge of removedEdges) graph.dropEdge(edge);
  for (const node of removedNodes) graph.dropNode(node);
  return { contributions: next, removedNodes: [...removedNodes], removedEdges };
}

/** Empties the canvas, for a console result that replaces it. */
export function clear(graph: StanceGraph): Contributions {
  graph.clear();
  return new Map();
}

function union(parts: Iterable<Contribution>): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const part of parts) {
    for (const node of part.nodes) nodes.add(node);
    for (const edge of part.edges) edges.add(edge);
  }
  return { nodes, edges };
}
