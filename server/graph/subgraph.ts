// Which nodes make a subgraph: a neighbourhood (breadth-first, one query per hop, so the work
// grows with the nodes found rather than with the paths to them) or an overview (the most
// connected first). Both give elementIds and nodes; the relationships among them come from one
// more query. Used by the graph endpoints and by exports.

import neo4j, { type Node, type Transaction } from 'neo4j-driver';
import { NODE_KINDS, type NodeKind } from '../../model/kinds.ts';
import { queries } from '../cypher/registry.ts';
import { toNumber } from '../neo4j/values.ts';
import type { GraphFilters } from './filters.ts';
import { GraphBuilder } from './graph-payload.ts';

export interface FoundNode {
  node: Node;
  elementId: string;
  degree: number;
}

/** Documents are sources, linked to everything they mention: overviews leave them out unless asked. */
export const OVERVIEW_KINDS: NodeKind[] = NODE_KINDS.filter((kind) => kind !== 'Document');

/** "No limit" for queries that take one (exports of a whole neighbourhood). */
const UNLIMITED = 2 ** 31 - 1;

export { toNumber };

/** The nodes with these ids, keyed by id (ids not found are absent). */
export async function findNodes(tx: Transaction, ids: string[]): Promise<Map<string, FoundNode>> {
  const { records } = await tx.run(queries['nodes-by-ids'], { ids });
  const found = new Map<string, FoundNode>();
  for (const record of records) {
    const node = record.get('node') as Node;
    found.set(String(node.properties.id), {
      node,
      elementId: record.get('elementId') as string,
      degree: toNumber(record.get('degree')),
    });
  }
  return found;
}

export interface NeighborhoodSelection {
  /** Centres first, then each hop's nodes, most connected first. */
  nodes: FoundNode[];
  /** Neighbours found but not added because of the limit. */
  omitted: number;
}

/**
 * The nodes within `depth` hops of the centres through relationships that pass the filters (the
 * neighbourhood in the filtered graph). `limit` caps how many nodes the expansion adds; what it
 * leaves out is counted.
 */
export async function selectNeighborhood(
  tx: Transaction,
  centres: FoundNode[],
  depth: number,
  filters: GraphFilters,
  limit: number | null,
): Promise<NeighborhoodSelection> {
  const nodes = [...centres];
  const visited = centres.map((c) => c.elementId);
  let frontier = visited;
  let budget = limit ?? UNLIMITED;
  let omitted = 0;
  for (let hop = 1; hop <= depth && frontier.length > 0; hop++) {
    const { records } = await tx.run(queries['neighborhood-expand'], {
      frontier,
      visited,
      ...filters,
      limit: neo4j.int(budget),
    });
    const total = toNumber(records[0]?.get('total') ?? 0);
    const kept = (
      (records[0]?.get('kept') as { node: Node; elementId: string; degree: unknown }[]) ?? []
    ).map((row) => ({ node: row.node, elementId: row.elementId, degree: toNumber(row.degree) }));
    omitted += total - kept.length;
    budget -= kept.length;
    nodes.push(...kept);
    frontier = kept.map((k) => k.elementId);
    visited.push(...frontier);
  }
  return { nodes, omitted };
}

export interface OverviewSelection {
  nodes: FoundNode[];
  /** Every node that qualified before the limit cut. */
  total: number;
}

export async function selectOverview(
  tx: Transaction,
  filters: GraphFilters & { kinds: NodeKind[] },
  limit: number,
): Promise<OverviewSelection> {
  const { records } = await tx.run(queries['graph-overview'], {
    ...filters,
    relationshipFilter: filters.types !== null || filters.from !== null || filters.to !== null,
    limit: neo4j.int(limit),
  });
  return {
    nodes: records.map((record) => ({
      node: record.get('node') as Node,
      elementId: record.get('elementId') as string,
      degree: toNumber(record.get('degree')),
    })),
    total: toNumber(records[0]?.get('total') ?? 0),
  };
}

/** The graph of the selected nodes and the relationships among them that pass the filters. */
export async function buildSubgraph(
  tx: Transaction,
  nodes: FoundNode[],
  filters: GraphFilters,
  attributes: Record<string, unknown>,
) {
  const builder = new GraphBuilder();
  for (const found of nodes) builder.addNode(found.node);
  const { records } = await tx.run(queries['subgraph-relationships'], {
    ids: nodes.map((n) => n.elementId),
    types: filters.types,
    from: filters.from,
    to: filters.to,
  });
  for (const record of records) builder.addRelationship(record.get('relationship'));
  return builder.build(attributes);
}
