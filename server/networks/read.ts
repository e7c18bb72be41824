// The agreement network read from the graph, once for both its readers: GET /api/networks/agreement
// and POST /api/export (source `network`). Without DNA's options it is DESIGN.md's agreement
// network (an AGREEMENT tie of weight w when two actors took the same polarity on w claims, a
// CONFLICT tie for opposite ones); with them, DNA's network exactly (./dna.ts): its matrix, and a
// tie per non-zero cell carrying the cell as its weight.

import type { Node, Transaction } from 'neo4j-driver';
import type { NetworkKind } from '../../model/api.ts';
import { dnaOptionsOf } from '../../model/networks.ts';
import { VOCABULARY } from '../../model/vocabulary.ts';
import { edgeKey, type WireGraph } from '../../model/wire.ts';
import { queries, windowedQuery, type DateWindow } from '../cypher/registry.ts';
import { GraphBuilder, type WireEdge } from '../graph/graph-payload.ts';
import { findNodes } from '../graph/subgraph.ts';
import { nodeKey } from '../neo4j/values.ts';
import { dnaNetwork, type DnaMatrix, type DnaOptions, type DnaStatement } from './dna.ts';

export const POSITIVE_TYPES = VOCABULARY.filter((row) => row.family === 'stance' && row.polarity === 1).map(
  (row) => row.type,
) as string[];
export const NEGATIVE_TYPES = VOCABULARY.filter((row) => row.family === 'stance' && row.polarity === -1).map(
  (row) => row.type,
) as string[];

/** The agreement network's query for a window: one branch per stance type (registry.windowedQuery). */
export const agreementQuery = (window: DateWindow) =>
  windowedQuery('agreement-network', [...POSITIVE_TYPES, ...NEGATIVE_TYPES], window);

/** Two actors' ties: the claims they took the same polarity on, and opposite ones (a < b). */
export interface AgreementTie {
  a: string;
  b: string;
  agreed: string[];
  conflicted: string[];
}

/**
 * The ties of the agreement network from the query's rows (per claim, its [actor, polarity]
 * positions): each unordered pair of a claim's positions once, ordered by a, then b.
 */
export function agreementTies(
  claims: Iterable<{ claim: string; positions: [string, number][] }>,
): AgreementTie[] {
  const ties = new Map<string, { a: string; b: string; agreed: Set<string>; conflicted: Set<string> }>();
  for (const { claim, positions } of claims) {
    for (let i = 0; i < positions.length - 1; i++) {
      const [x, px] = positions[i]!;
      for (let j = i + 1; j < positions.length; j++) {
        const [y, py] = positions[j]!;
        if (x === y) continue;
        const [a, b] = x < y ? [x, y] : [y, x];
        const key = `${a}\u0000${b}`;
        let tie = ties.get(key);
        if (!tie) ties.set(key, (tie = { a, b, agreed: new Set(), conflicted: new Set() }));
        (px === py ? tie.agreed : tie.conflicted).add(claim);
      }
    }
  }
  return [...ties.values()]
    .sort((s, t) => (s.a < t.a ? -1 : s.a > t.a ? 1 : s.b < t.b ? -1 : s.b > t.b ? 1 : 0))
    .map(({ a, b, agreed, conflicted }) => ({ a, b, agreed: [...agreed], conflicted: [...conflicted] }));
}

/** The query's rows as agreementTies takes them (polarities from Neo4j Integers). */
export function agreementRows(records: { get(key: string): unknown }[]) {
  return records.map((record) => ({
    claim: record.get('claim') as string,
    positions: (record.get('positions') as [string, unknown][]).map(
      ([actor, polarity]) => [actor, Number(polarity)] as [string, number],
    ),
  }));
}

/** What to compute: the parameters of GET /api/networks/agreement, as read. */
export interface NetworkRequest {
  from: string | null;
  to: string | null;
  topic: string | null;
  kind: NetworkKind;
  includeSuggested: boolean;
  /** DNA's network with these options; undefined: the agreement network. */
  dna: DnaOptions | undefined;
}

/** The request from parsed parameters (the API's query, the export's source). */
export function networkRequest(
  params: Parameters<typeof dnaOptionsOf>[0] & {
    from?: string | undefined;
    to?: string | undefined;
    topic?: string | undefined;
    kind: NetworkKind;
    includeSuggested: boolean;
  },
  forceDna = false,
): NetworkRequest {
  return {
    from: params.from ?? null,
    to: params.to ?? null,
    topic: params.topic ?? null,
    kind: params.kind,
    includeSuggested: params.includeSuggested,
    dna: dnaOptionsOf(params, forceDna),
  };
}

/** One edge of the network: AGREEMENT or CONFLICT, with its weight (DNA: the matrix cell). */
export interface NetworkTie {
  source: string;
  target: string;
  type: 'AGREEMENT' | 'CONFLICT';
  weight: number;
  /** The claims two actors agreed (or conflicted) on: the agreement network only. */
  claims?: string[];
}

export interface AgreementNetwork {
  /** The options it was computed with: the answer's (and the files') graph attributes. */
  attributes: Record<string, unknown>;
  /** The nodes: actors with a tie, or DNA's rows (and, two-mode, columns), in that order. */
  nodes: Node[];
  ties: NetworkTie[];
  /** DNA's matrix, rows and columns labelled by names (with DNA's options only). */
  matrix: DnaMatrix | undefined;
  /** One-mode and agreement networks are undirected (each tie once, from the smaller id). */
  undirected: boolean;
}

/** Reads the network from the graph in `tx`. The caller checks that the topic exists. */
export async function readNetwork(tx: Transaction, request: NetworkRequest): Promise<AgreementNetwork> {
  const { from, to, topic } = request;
  if (request.dna) return readDnaNetwork(tx, request.dna, { from, to, topic });
  const { records } = await tx.run(agreementQuery({ from, to }), {
    positive: POSITIVE_TYPES,
    negative: NEGATIVE_TYPES,
    from,
    to,
    topic,
    includeSuggested: request.includeSuggested,
  });
  const ties = agreementTies(agreementRows(records));
  const actorIds = new Set<string>();
  for (const { a, b } of ties) actorIds.add(a).add(b);
  // Each actor's properties cross Bolt once, not once per tie (a busy actor has hundreds).
  const actors = await findNodes(tx, [...actorIds]);
  const nodes = new Map<string, Node>();
  const out: NetworkTie[] = [];
  const tie = (type: NetworkTie['type'], a: string, b: string, claims: string[]): NetworkTie => ({
    source: a,
    target: b,
    type,
    weight: claims.length,
    claims,
  });
  for (const { a, b, agreed, conflicted } of ties) {
    const kept = [
      ...(request.kind !== 'conflict' && agreed.length > 0 ? [tie('AGREEMENT', a, b, agreed)] : []),
      ...(request.kind !== 'agreement' && conflicted.length > 0 ? [tie('CONFLICT', a, b, conflicted)] : []),
    ];
    if (kept.length === 0) continue;
    for (const id of [a, b]) if (!nodes.has(id)) nodes.set(id, actors.get(id)!.node);
    out.push(...kept);
  }
  return {
    attributes: {
      kind: request.kind,
      from,
      to,
      topic,
      includeSuggested: request.includeSuggested,
      undirected: true,
    },
    nodes: [...nodes.values()],
    ties: out,
    matrix: undefined,
    undirected: true,
  };
}

/** Reads the stances as DNA statements, and the nodes their labels name. */
async function readStatements(
  tx: Transaction,
  params: { from: string | null; to: string | null; topic: string | null },
): Promise<{ statements: DnaStatement[]; nodes: Map<string, Node> }> {
  const { records } = await tx.run(queries['dna-statements'], {
    positive: POSITIVE_TYPES,
    negative: NEGATIVE_TYPES,
    ...params,
  });
  const nodes = new Map<string, Node>();
  const name = (node: Node | null) => {
    if (!node) return '';
    const label = String(node.properties.name ?? node.properties.text ?? node.properties.id);
    if (!nodes.has(label)) nodes.set(label, node);
    return label;
  };
  const statements = records.map((record) => {
    const speaker = record.get('speaker') as Node;
    const onBehalfOf = record.get('onBehalfOf') as Node | null;
    const isPerson = speaker.labels.includes('Person');
    return {
      actor: name(speaker),
      person: isPerson ? name(speaker) : '',
      organization: onBehalfOf ? name(onBehalfOf) : isPerson ? '' : name(speaker),
      concept: name(record.get('claim') as Node),
      agreement: Number(record.get('agreement')) === 1 ? 1 : 0,
      document: record.get('document') as string,
      date: (record.get('date') as string | null) ?? '',
    } satisfies DnaStatement;
  });
  return { statements, nodes };
}

/** DNA's matrix, and as ties its non-zero cells (one per pair in one-mode). */
async function readDnaNetwork(
  tx: Transaction,
  options: DnaOptions,
  window: { from: string | null; to: string | null; topic: string | null },
): Promise<AgreementNetwork> {
  const { statements, nodes: byLabel } = await readStatements(tx, window);
  const matrix = dnaNetwork(statements, options);
  const onemode = options.networkType === 'onemode';
  const rows = matrix.rows.map((label) => byLabel.get(label)!);
  const columns = onemode ? rows : matrix.columns.map((label) => byLabel.get(label)!);
  const ties: NetworkTie[] = [];
  matrix.matrix.forEach((cells, i) =>
    cells.forEach((weight, j) => {
      if (weight === 0 || (onemode && j <= i)) return;
      const negative =
        options.qualifierAggregation === 'conflict' ||
        weight < 0 ||
        (options.qualifierAggregation === 'combine' && weight === 2);
      ties.push({
        source: nodeKey(rows[i]!),
        target: nodeKey(columns[j]!),
        type: negative ? 'CONFLICT' : 'AGREEMENT',
        weight,
      });
    }),
  );
  return {
    attributes: { ...options, ...window, undirected: onemode },
    nodes: onemode ? rows : [...rows, ...columns],
    ties,
    matrix,
    undirected: onemode,
  };
}

/** A tie as the wire format's edge attributes: a stance-family edge with its weight. */
export function tieAttributes(tie: NetworkTie) {
  return {
    type: tie.type,
    family: 'stance' as const,
    polarity: tie.type === 'AGREEMENT' ? (1 as const) : (-1 as const),
    weight: tie.weight,
    ...(tie.claims ? { claims: tie.claims } : {}),
  };
}

/** The network as the API answers it: a SerializedGraph, the options as its attributes. */
export function networkGraph(network: AgreementNetwork): WireGraph {
  const builder = new GraphBuilder();
  for (const node of network.nodes) builder.addNode(node);
  const graph = builder.build(network.attributes);
  const edges: WireEdge[] = network.ties.map((tie) => ({
    key: edgeKey(tie.source, tie.type, tie.target),
    source: tie.source,
    target: tie.target,
    attributes: tieAttributes(tie),
  }));
  graph.edges.push(...edges);
  return graph;
}
