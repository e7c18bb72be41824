// Which nodes make a subgraph: a neighbourhood (breadth-first, one query per hop, so the work
// grows with the nodes found rather than with the paths to them) or an overview (the most
// connected first). Both give elementIds and nodes. Used by the graph endpoints and by exports;
// for the graph endpoints (and the API benchmark's bare side) the relationships among the nodes
// come from two more queries (subgraphEdgeRecords: the degrees per type, then each type read from
// the side with fewer).

import neo4j, { type Node, type Record as Neo4jRecord, type Transaction } from 'neo4j-driver';
import { NODE_KINDS, type NodeKind } from '../../model/kinds.ts';
import { RELATIONSHIP_TYPES } from '../../model/vocabulary.ts';
import { edgeBranchesQuery, queries, typeDegreesQuery, type EdgeSide } from '../cypher/registry.ts';
import { toNumber, toPlain } from '../neo4j/values.ts';
import type { GraphFilters } from './filters.ts';
import { aggregatedEdge, GraphBuilder, type WireEdge } from './graph-payload.ts';

export interface FoundNode {
  node: Node;
  elementId: string;
  degree: number;
}

/** Documents are sources, linked to everything they mention: overviews leave them out unless asked. */
export const OVERVIEW_KINDS: NodeKind[] = NODE_KINDS.filter((kind) => kind !== 'Document');

/**
 * How many of a frontier's new neighbours an expansion ranks by degree at most: a hub of 20,000
 * relationships has thousands; the rest still count in what the limit left out.
 */
export const RANK_CAP = 2000;

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
      rankCap: neo4j.int(limit === null ? UNLIMITED : Math.max(RANK_CAP, budget)),
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

/**
 * How many edges a neighbourhood sends at most: about EDGES_PER_NODE per node, at least
 * MIN_EDGE_BUDGET. A hundred much-connected nodes have thousands of (pair, type) edges among them
 * (1,900 and 416 KB for a document's neighbourhood at 100k stances), more than a canvas can show.
 */
export const EDGES_PER_NODE = 3;
export const MIN_EDGE_BUDGET = 300;

export const edgeBudget = (nodes: number) => Math.max(MIN_EDGE_BUDGET, EDGES_PER_NODE * nodes);

interface EdgeRow {
  source: string;
  target: string;
  count: number;
  edge: WireEdge;
}

/**
 * The edges a neighbourhood keeps when there are more than `budget`: first those of the centres
 * (what the expansion found); then, most relationships first, an edge for each node that has none
 * yet, then a second, up to EDGES_PER_NODE; then the most relationships first until the budget is
 * spent.
 * Ties broken by key, so the same graph gives the same choice.
 */
export function keepEdges(rows: EdgeRow[], centres: ReadonlySet<string>, budget: number): WireEdge[] {
  if (rows.length <= budget) return rows.map((row) => row.edge);
  const ordered = [...rows].sort(
    (x, y) => y.count - x.count || (x.edge.key < y.edge.key ? -1 : x.edge.key > y.edge.key ? 1 : 0),
  );
  const kept = new Set<EdgeRow>();
  const perNode = new Map<string, number>();
  const keep = (row: EdgeRow) => {
    kept.add(row);
    for (const end of [row.source, row.target]) perNode.set(end, (perNode.get(end) ?? 0) + 1);
  };
  // Every node its first edge before any its second, and so on up to EDGES_PER_NODE.
  const fewerThan = (k: number) => (row: EdgeRow) =>
    (perNode.get(row.source) ?? 0) < k || (perNode.get(row.target) ?? 0) < k;
  const passes: ((row: EdgeRow) => boolean)[] = [
    (row) => centres.has(row.source) || centres.has(row.target),
    ...Array.from({ length: EDGES_PER_NODE }, (_, k) => fewerThan(k + 1)),
    () => true,
  ];
  for (const pass of passes) {
    for (const row of ordered) {
      if (kept.size >= budget) break;
      if (!kept.has(row) && pass(row)) keep(row);
    }
  }
  return rows.filter((row) => kept.has(row)).map((row) => row.edge);
}

/**
 * From how many relationships Neo4j keeps a node's degree per type (its default
 * db.relationship_grouping_threshold): subgraph-type-degrees asks only such nodes.
 */
export const DENSE_DEGREE = 50;

/**
 * The rows of subgraph-edges for the nodes with these elementIds: one per (source, type, target)
 * among them that passes the filters. Each type is read from the side of the set with fewer of its
 * relationships, as the dense nodes' degrees say (subgraph-type-degrees); out of the nodes when
 * they say nothing (the nodes with fewer than DENSE_DEGREE relationships cost that little either way).
 */
export async function subgraphEdgeRecords(
  tx: Transaction,
  elementIds: string[],
  filters: GraphFilters,
): Promise<Neo4jRecord[]> {
  const types = filters.types ?? RELATIONSHIP_TYPES;
  if (elementIds.length === 0 || types.length === 0) return [];
  const degrees = new Map<string, { out: number; into: number }>();
  const { records: rows } = await tx.run(typeDegreesQuery(types), {
    ids: elementIds,
    minDegree: neo4j.int(DENSE_DEGREE),
  });
  for (const row of rows) {
    degrees.set(row.get('type') as string, { out: toNumber(row.get('out')), into: toNumber(row.get('in')) });
  }
  const sides: EdgeSide[] = types.map((type) => {
    const { out, into } = degrees.get(type) ?? { out: 0, into: 0 };
    return { type, read: out <= into ? 'out' : 'in' };
  });
  const { records } = await tx.run(edgeBranchesQuery(sides), {
    ids: elementIds,
    from: filters.from,
    to: filters.to,
  });
  return records;
}

/**
 * The graph of the selected nodes and the relationships among them that pass the filters, as the
 * canvas draws them: one edge per (source, type, target) with the count of its relationships.
 * With `edges` (neighbourhoods), at most `edges.budget` of them (keepEdges); the graph attributes
 * `edgesTotal` and `omittedEdges` then say how many there were and how many were left out.
 */
export async function buildSubgraph(
  tx: Transaction,
  nodes: FoundNode[],
  filters: GraphFilters,
  attributes: Record<string, unknown>,
  edges?: { budget: number; centres: ReadonlySet<string> },
) {
  const builder = new GraphBuilder();
  for (const found of nodes) builder.addNode(found.node);
  const records = await subgraphEdgeRecords(
    tx,
    nodes.map((n) => n.elementId),
    filters,
  );
  const date = (value: unknown) => {
    const plain = toPlain(value);
    return typeof plain === 'string' ? plain : null;
  };
  const rows: EdgeRow[] = records.map((record) => {
    const [source, target] = [record.get('source') as string, record.get('target') as string];
    const count = toNumber(record.get('count'));
    const edge = aggregatedEdge(
      source,
      record.get('type') as string,
      target,
      count,
      date(record.get('first')),
      date(record.get('last')),
      toNumber(record.get('suggested')),
    );
    return { source, target, count, edge };
  });
  if (!edges) {
    const graph = builder.build(attributes);
    for (const row of rows) graph.edges.push(row.edge);
    return graph;
  }
  const kept = keepEdges(rows, edges.centres, edges.budget);
  const graph = builder.build({
    ...attributes,
    edgesTotal: rows.length,
    omittedEdges: rows.length - kept.length,
  });
  for (const edge of kept) graph.edges.push(edge);
  return graph;
}
