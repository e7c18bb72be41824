// What an export holds, and how it is read: a read-only query's result, a set of ids with their
// neighbourhood, or the filters of GET /api/graph. Everything that can fail on bad input (unknown
// ids, a write in the query, a query that fails as it runs) fails in `openSubgraph`, before the
// first byte of the download; the nodes, then the relationships, are then streamed from Neo4j
// records, so an export of a million relationships never holds them all in memory.

import { type Node, type Record as Neo4jRecord, type Relationship, type Transaction } from 'neo4j-driver';
import type { ExportSource } from '../../model/api.ts';
import { RELATIONSHIP_TYPES } from '../../model/vocabulary.ts';
import { queries, windowedQuery, type QueryName } from '../cypher/registry.ts';
import { UnknownNodeError } from '../graph/errors.ts';
import { toFilters, type GraphFilters } from '../graph/filters.ts';
import { relationshipKey } from '../graph/graph-payload.ts';
import { edgeKey } from '../../model/wire.ts';
import { findNodes, OVERVIEW_KINDS, selectNeighborhood, selectOverview } from '../graph/subgraph.ts';
import { ElementIdSet } from '../neo4j/element-id-set.ts';
import { planReadOnly } from '../neo4j/readonly.ts';
import { forEachGraphElement, nodeKey, toCypherParams, toNumber } from '../neo4j/values.ts';
import type { DnaMatrix } from '../networks/dna.ts';
import { networkRequest, readNetwork, tieAttributes } from '../networks/read.ts';

export type { ExportSource };

/** A node as exporters see it: Neo4j's values as they are (each format maps them its own way). */
export interface ExportNode {
  key: string;
  labels: string[];
  properties: Record<string, unknown>;
  degree: number;
}

export interface ExportEdge {
  key: string;
  source: string;
  target: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface Subgraph {
  /** One line on what was exported, for the file's metadata. */
  description: string;
  nodes(): AsyncIterable<ExportNode>;
  edges(): AsyncIterable<ExportEdge>;
  /** A `network` source's: the options it was computed with, DNA's matrix, whether undirected. */
  network?: ExportNetwork;
}

export interface ExportNetwork {
  /** The options used, as the API's graph attributes (null: not given). */
  options: Record<string, unknown>;
  /** DNA's matrix (with DNA's options), labelled by names as format=matrix. */
  matrix: DnaMatrix | undefined;
  undirected: boolean;
}

const BATCH = 1000;

/**
 * Runs a named query outside the export's transaction and streams its records. Elements read back
 * by elementId take thousands of small queries, and neo4j-driver keeps every query a transaction
 * or session has run, parameters included, until it ends (neo4j/neo4j-javascript-driver#1186):
 * 80 MB for the ids of a million relationships. A session per batch keeps that flat.
 */
export type BatchReader = (name: QueryName, params: Record<string, unknown>) => AsyncIterable<Neo4jRecord>;

async function* streamRecords(tx: Transaction, name: QueryName, params: Record<string, unknown>) {
  yield* streamText(tx, queries[name], params);
}

async function* streamText(tx: Transaction, text: string, params: Record<string, unknown>) {
  for await (const record of tx.run(text, params)) yield record;
}

async function* nodesOf(records: AsyncIterable<{ get(key: string): unknown }>): AsyncIterable<ExportNode> {
  for await (const record of records) {
    const node = record.get('node') as Node;
    yield {
      key: nodeKey(node),
      labels: [...node.labels],
      properties: node.properties,
      degree: toNumber(record.get('degree')),
    };
  }
}

async function* edgesOf(records: AsyncIterable<{ get(key: string): unknown }>): AsyncIterable<ExportEdge> {
  for await (const record of records) {
    const rel = record.get('relationship') as Relationship;
    const source = nodeKey({ elementId: rel.startNodeElementId, properties: { id: record.get('source') } });
    const target = nodeKey({ elementId: rel.endNodeElementId, properties: { id: record.get('target') } });
    yield {
      key: relationshipKey(source, rel.type, target, rel.properties),
      source,
      target,
      type: rel.type,
      properties: rel.properties,
    };
  }
}

async function* inBatches<T>(
  ids: Iterable<string>,
  each: (batch: string[]) => AsyncIterable<T>,
): AsyncIterable<T> {
  let batch: string[] = [];
  for (const id of ids) {
    batch.push(id);
    if (batch.length === BATCH) {
      yield* each(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield* each(batch);
}

/** Nodes by elementId, then the relationships among them that pass the filters. */
function fromNodeSet(
  tx: Transaction,
  read: BatchReader,
  elementIds: string[],
  filters: GraphFilters,
  description: string,
): Subgraph {
  return {
    description,
    nodes: () => nodesOf(inBatches(elementIds, (ids) => read('nodes-by-element-ids', { ids }))),
    edges: () =>
      edgesOf(
        streamRecords(tx, 'subgraph-relationships', {
          ids: elementIds,
          types: filters.types,
          from: filters.from,
          to: filters.to,
        }),
      ),
  };
}

function describeFilters(filters: GraphFilters): string {
  const parts = [
    filters.kinds ? `kinds ${filters.kinds.join(', ')}` : '',
    filters.types ? `types ${filters.types.join(', ')}` : '',
    filters.from ? `from ${filters.from}` : '',
    filters.to ? `to ${filters.to}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/** Checks the source and prepares the streams; throws an UnknownNodeError for an id that names no node. */
export async function openSubgraph(
  tx: Transaction,
  source: ExportSource,
  read: BatchReader,
): Promise<Subgraph> {
  if (source.type === 'ids') {
    const filters = toFilters(source);
    const found = await findNodes(tx, source.ids);
    const missing = source.ids.findIndex((id) => !found.has(id));
    if (missing >= 0) throw new UnknownNodeError(source.ids[missing]!, ['source', 'ids', missing]);
    const centres = source.ids.map((id) => found.get(id)!);
    const selection = await selectNeighborhood(tx, centres, source.depth, filters, null);
    return fromNodeSet(
      tx,
      read,
      selection.nodes.map((n) => n.elementId),
      filters,
      `The neighbourhood of ${source.ids.join(', ')} to depth ${source.depth}${describeFilters(filters)}.`,
    );
  }
  if (source.type === 'graph') {
    const filters = { ...toFilters(source), kinds: source.kinds ?? OVERVIEW_KINDS };
    const description = `The graph${describeFilters(filters)}`;
    if (source.limit !== undefined) {
      const selection = await selectOverview(tx, filters, source.limit);
      return fromNodeSet(
        tx,
        read,
        selection.nodes.map((n) => n.elementId),
        filters,
        `${description}, its ${source.limit} most connected nodes.`,
      );
    }
    const relationshipFilter = filters.types !== null || filters.from !== null || filters.to !== null;
    const types = filters.types ?? RELATIONSHIP_TYPES;
    const params = { kinds: filters.kinds, from: filters.from, to: filters.to };
    return {
      description: `${description}.`,
      nodes: () =>
        nodesOf(
          relationshipFilter
            ? streamText(tx, windowedQuery('export-graph-linked-nodes', types, filters), params)
            : streamRecords(tx, 'export-graph-nodes', params),
        ),
      edges: () =>
        edgesOf(streamText(tx, windowedQuery('export-graph-relationships', types, filters), params)),
    };
  }
  if (source.type === 'network') return openNetwork(tx, source);
  return openQueryResult(tx, read, source);
}

/**
 * The agreement network of GET /api/networks/agreement, read by the same reader: its nodes, and
 * its ties as edges carrying their weight (DNA: the matrix cell) and the options used. The
 * network is computed whole (as the API computes it), then written.
 */
async function openNetwork(
  tx: Transaction,
  source: Extract<ExportSource, { type: 'network' }>,
): Promise<Subgraph> {
  if (source.topic && !(await findNodes(tx, [source.topic])).has(source.topic))
    throw new UnknownNodeError(source.topic, ['source', 'topic']);
  const network = await readNetwork(tx, networkRequest(source));
  const degree = new Map<string, number>();
  for (const tie of network.ties)
    for (const end of [tie.source, tie.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
  const options = Object.entries(network.attributes)
    .filter(([name, value]) => name !== 'undirected' && value !== null)
    .map(([name, value]) => `${name} ${String(value)}`);
  return {
    description: `${network.matrix ? "DNA's network" : 'The agreement network'} (${options.join('; ')}).`,
    nodes: async function* () {
      for (const node of network.nodes) {
        const key = nodeKey(node);
        yield { key, labels: [...node.labels], properties: node.properties, degree: degree.get(key) ?? 0 };
      }
    },
    edges: async function* () {
      for (const tie of network.ties) {
        const { type, ...properties } = tieAttributes(tie);
        yield {
          key: edgeKey(tie.source, type, tie.target),
          source: tie.source,
          target: tie.target,
          type,
          properties,
        };
      }
    },
    network: { options: network.attributes, matrix: network.matrix, undirected: network.undirected },
  };
}

/**
 * A query's result: it is checked like a console query, then run once, before the first byte of the
 * download, to name the nodes and relationships it returns (and the relationships' endpoints), each
 * once, in ElementIdSets of about a bit per id; the records themselves are dropped as they arrive.
 * The nodes, then the relationships, are then read back by elementId in batches (`read`, each
 * outside the transaction) and streamed. So the server's memory does not grow with the result, and
 * an error the query meets as it runs is still answered before the download starts.
 */
async function openQueryResult(
  tx: Transaction,
  read: BatchReader,
  source: Extract<ExportSource, { type: 'query' }>,
): Promise<Subgraph> {
  const params = toCypherParams(source.params) as Record<string, unknown>;
  await planReadOnly(tx, source.query, params);
  const nodeIds = new ElementIdSet();
  const relationshipIds = new ElementIdSet();
  const addNode = (node: Node) => nodeIds.add(node.elementId);
  const addRelationship = (rel: Relationship) => {
    relationshipIds.add(rel.elementId);
    nodeIds.add(rel.startNodeElementId);
    nodeIds.add(rel.endNodeElementId);
  };
  for await (const record of tx.run(source.query, params)) {
    for (const key of record.keys) forEachGraphElement(record.get(key), addNode, addRelationship);
  }
  return {
    description: 'The nodes and relationships a read-only query returned.',
    nodes: () => nodesOf(inBatches(nodeIds, (ids) => read('nodes-by-element-ids', { ids }))),
    edges: () => edgesOf(inBatches(relationshipIds, (ids) => read('relationships-by-element-ids', { ids }))),
  };
}
