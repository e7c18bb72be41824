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
import {
  agreementTies,
  strongestTies,
  tieClaims,
  type AgreementTies,
  type ClaimPositions,
} from './agreement.ts';
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

/** The query's rows as agreementTies (./agreement.ts) takes them (polarities from Neo4j Integers). */
export function agreementRows(records: { get(key: string): unknown }[]): ClaimPositions[] {
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
  /** At most this many edges of the agreement network, the strongest (null: every edge, as exports). */
  limit: number | null;
}

/** The request from parsed parameters (the API's query, the export's source). */
export function networkRequest(
  params: Parameters<typeof dnaOptionsOf>[0] & {
    from?: string | undefined;
    to?: string | undefined;
    topic?: string | undefined;
    kind: NetworkKind;
    includeSuggested: boolean;
    limit?: number | undefined;
  },
  forceDna = false,
): NetworkRequest {
  return {
    limit: params.limit ?? null,
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

/** The two kinds of tie: edge type, polarity, and where the packed ties keep their claims. */
const TIE_KINDS = [
  { type: 'AGREEMENT', polarity: 1, start: 'agreedStart', claims: 'agreedClaims', list: 'agreed' },
  {
    type: 'CONFLICT',
    polarity: -1,
    start: 'conflictedStart',
    claims: 'conflictedClaims',
    list: 'conflicted',
  },
] as const;
type TieKind = (typeof TIE_KINDS)[number];

/** The agreement network with its ties packed (./agreement.ts): what the API streams as JSON. */
export interface PackedAgreementNetwork {
  attributes: Record<string, unknown>;
  /** The actors with a tie of the kinds asked for, in the order of their first tie. */
  nodes: Node[];
  ties: AgreementTies;
  kinds: TieKind[];
}

/** Reads the agreement network (no DNA options) with its ties packed. */
export async function readAgreementNetwork(
  tx: Transaction,
  request: NetworkRequest,
): Promise<PackedAgreementNetwork> {
  const { from, to, topic } = request;
  const { records } = await tx.run(agreementQuery({ from, to }), {
    positive: POSITIVE_TYPES,
    negative: NEGATIVE_TYPES,
    from,
    to,
    topic,
    includeSuggested: request.includeSuggested,
  });
  const kinds = TIE_KINDS.filter(
    ({ type }) => request.kind === 'both' || request.kind === type.toLowerCase(),
  );
  const rows = agreementRows(records);
  // A view gets the strongest edges (what a canvas can draw); an export every one.
  const limited =
    request.limit === null
      ? undefined
      : strongestTies(
          rows,
          kinds.map((kind) => kind.list),
          request.limit,
        );
  const ties = limited?.ties ?? agreementTies(rows);
  const order: number[] = [];
  const seen = new Uint8Array(ties.actors.length);
  for (let t = 0; t < ties.size; t++) {
    if (!kinds.some(({ start }) => ties[start][t + 1]! > ties[start][t]!)) continue;
    for (const actor of [ties.a[t]!, ties.b[t]!]) {
      if (seen[actor]) continue;
      seen[actor] = 1;
      order.push(actor);
    }
  }
  // Each actor's properties cross Bolt once, not once per tie (a busy actor has hundreds).
  const ids = order.map((i) => ties.actors[i]!);
  const actors = await findNodes(tx, ids);
  return {
    attributes: {
      kind: request.kind,
      from,
      to,
      topic,
      includeSuggested: request.includeSuggested,
      undirected: true,
      ...(limited && {
        edgesTotal: limited.total,
        omittedEdges: Math.max(0, limited.total - request.limit!),
      }),
    },
    nodes: ids.map((id) => actors.get(id)!.node),
    ties,
    kinds,
  };
}

/** Reads the network from the graph in `tx`. The caller checks that the topic exists. */
export async function readNetwork(tx: Transaction, request: NetworkRequest): Promise<AgreementNetwork> {
  const { from, to, topic } = request;
  if (request.dna) return readDnaNetwork(tx, request.dna, { from, to, topic });
  const { attributes, nodes, ties, kinds } = await readAgreementNetwork(tx, request);
  const out: NetworkTie[] = [];
  for (let t = 0; t < ties.size; t++) {
    for (const kind of kinds) {
      const claims = tieClaims(ties, t, kind.list);
      if (claims.length === 0) continue;
      const [source, target] = [ties.actors[ties.a[t]!]!, ties.actors[ties.b[t]!]!];
      out.push({ source, target, type: kind.type, weight: claims.length, claims });
    }
  }
  return { attributes, nodes, ties: out, matrix: undefined, undirected: true };
}

/**
 * The agreement network as the JSON text of a WireGraph, written tie by tie (tens of thousands of
 * ties: no object per edge, no single huge string): an edge per tie and kind with claims, from the
 * smaller actor id to the larger, with `type`, `weight` (the number of claims) and `claims`.
 * Synchronous: the ties are in memory, and a promise per edge (an async generator's) costs more
 * than writing it.
 */
export function* agreementJson(network: PackedAgreementNetwork): Generator<string> {
  const builder = new GraphBuilder();
  for (const node of network.nodes) builder.addNode(node);
  const { edges: _, ...head } = builder.build(network.attributes);
  yield `${JSON.stringify(head).slice(0, -1)},"edges":[`;
  const { ties, kinds } = network;
  const actors = ties.actors.map((id) => JSON.stringify(id));
  const claims = ties.claims.map((id) => JSON.stringify(id));
  let separator = '';
  for (let t = 0; t < ties.size; t++) {
    const [a, b] = [actors[ties.a[t]!]!, actors[ties.b[t]!]!];
    for (const kind of kinds) {
      const [start, end] = [ties[kind.start][t]!, ties[kind.start][t + 1]!];
      if (end === start) continue;
      const list = ties[kind.claims];
      let ids = claims[list[start]!]!;
      for (let i = start + 1; i < end; i++) ids += `,${claims[list[i]!]!}`;
      // The key is edgeKey(a, type, b), its ids already JSON-escaped.
      yield `${separator}{"key":"${a.slice(1, -1)}|${kind.type}|${b.slice(1, -1)}","source":${a},"target":${b},"attributes":{"type":"${kind.type}","family":"stance","polarity":${kind.polarity},"weight":${end - start},"claims":[${ids}]}}`;
      separator = ',';
    }
  }
  yield ']}';
}

/**
 * The agreement network packed (format=ties, model/api.ts `packedAgreementSchema`): the nodes and
 * every claim id of the window once, and per kind of tie index arrays (source and target into
 * `nodes`, each tie's claims into `claims`). The same network as agreementJson's in about a ninth
 * of the bytes; the client unpacks it (model/wire.ts `packedAgreementGraph`).
 */
export function* agreementTiesJson(network: PackedAgreementNetwork): Generator<string> {
  const builder = new GraphBuilder();
  for (const node of network.nodes) builder.addNode(node);
  const { nodes } = builder.build();
  const { ties, kinds } = network;
  // The packed ties number actors by id; the answer numbers them by their place in `nodes`.
  const position = new Map(nodes.map((node, i) => [node.key, i]));
  const index = Int32Array.from(ties.actors, (id) => position.get(id) ?? -1);
  yield `{"format":"ties","attributes":${JSON.stringify(network.attributes)},"nodes":${JSON.stringify(nodes)},"claims":${JSON.stringify(ties.claims)},"ties":{`;
  let separator = '';
  for (const kind of kinds) {
    const [starts, list] = [ties[kind.start], ties[kind.claims]];
    const source: number[] = [];
    const target: number[] = [];
    const claimStart: number[] = [0];
    const claims: number[] = [];
    for (let t = 0; t < ties.size; t++) {
      const [start, end] = [starts[t]!, starts[t + 1]!];
      if (end === start) continue;
      source.push(index[ties.a[t]!]!);
      target.push(index[ties.b[t]!]!);
      for (let i = start; i < end; i++) claims.push(list[i]!);
      claimStart.push(claims.length);
    }
    // JSON.stringify of a plain array of small integers is V8's fast path (3× Array.join's speed).
    const json = JSON.stringify;
    yield `${separator}"${kind.type}":{"source":${json(source)},"target":${json(target)},"claimStart":${json(claimStart)},"claims":${json(claims)}}`;
    separator = ',';
  }
  yield '}}';
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
