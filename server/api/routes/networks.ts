// GET /api/networks/agreement: the actor–actor agreement and conflict network of DESIGN.md
// (discourse network analysis): an AGREEMENT edge of weight w when two actors took the same
// polarity on w claims, a CONFLICT edge when they took opposite ones; computed on request.

import type { Node, Transaction } from 'neo4j-driver';
import { z } from 'zod';
import { kindOfId } from '../../../model/kinds.ts';
import { edgeKey, type WireGraph } from '../../../model/wire.ts';
import { readTransaction } from '../db.ts';
import { GraphBuilder, type WireEdge } from '../../graph/graph-payload.ts';
import { checkWindow, includeSuggestedParam, nodeId, windowShape } from '../../../model/params.ts';
import { notFound, pointer } from '../problem.ts';
import { toFilters } from '../../graph/filters.ts';
import { defineRoute } from '../route.ts';
import { dnaMatrixSchema, NETWORK_KINDS, problemSchema, wireGraphSchema } from '../../../model/api.ts';
import { agreementQuery, agreementRows, NEGATIVE_TYPES, POSITIVE_TYPES } from '../stances.ts';
import { agreementTies, type AgreementTies } from '../../networks/agreement.ts';
import { streamText } from '../../exports/sink.ts';
import { findNodes } from '../../graph/subgraph.ts';
import { queries } from '../../cypher/registry.ts';
import {
  AGGREGATIONS,
  DNA_DEFAULTS,
  DUPLICATES,
  dnaNetwork,
  invalidCombination,
  NETWORK_TYPES,
  NORMALIZATIONS,
  VARIABLES1,
  type DnaOptions,
  type DnaStatement,
} from '../../networks/dna.ts';

const query = z
  .strictObject({
    ...windowShape,
    topic: nodeId
      .refine((id) => kindOfId(id) === 'Topic', 'expected a topic id (topic:…)')
      .optional()
      .meta({ description: 'Only claims about this topic.', example: 'topic:nato-enlargement' }),
    kind: z
      .enum(NETWORK_KINDS)
      .default('both')
      .meta({ description: 'Which ties: agreement, conflict or both.' }),
    // DNA's options, by rDNA's names (dna_network); giving any of them computes DNA's network.
    networkType: z.enum(NETWORK_TYPES).optional().meta({
      description: "DNA: onemode (actor × actor) or twomode (actor × claim); rDNA's default twomode.",
    }),
    variable1: z.enum(VARIABLES1).optional().meta({
      description:
        'DNA: who the rows are: person (the speaker, a Person), organization (whom they spoke for, or an institution or country speaking), actor (the speaker); default organization.',
    }),
    qualifierAggregation: z.enum(AGGREGATIONS).optional().meta({
      description:
        'DNA: how agreement (a positive stance) and disagreement combine: ignore (default), congruence, conflict, subtract (one-mode); ignore, subtract, combine (two-mode).',
    }),
    normalization: z.enum(NORMALIZATIONS).optional().meta({
      description:
        'DNA: no (default), average, jaccard, cosine (one-mode); no, activity, prominence (two-mode).',
    }),
    duplicates: z.enum(DUPLICATES).optional().meta({
      description:
        'DNA: include (default), or count one identical statement per document, week, month, year, or across the range.',
    }),
    format: z.enum(['graph', 'matrix']).default('graph').meta({
      description:
        'graph (a SerializedGraph, weights on the edges) or matrix ({rows, columns, matrix}, labelled by names).',
    }),
    includeSuggested: includeSuggestedParam,
  })
  .superRefine(checkWindow)
  .superRefine((q, ctx) => {
    if (!isDna(q)) return;
    const invalid = invalidCombination(dnaOptions(q));
    if (invalid) ctx.addIssue({ code: 'custom', path: [invalid.field], message: invalid.message });
  });

type Query = z.output<typeof query>;

/** Any of DNA's options (or the matrix format) asks for DNA's network; otherwise the agreement network. */
function isDna(q: Partial<Query>): boolean {
  return (
    (['networkType', 'variable1', 'qualifierAggregation', 'normalization', 'duplicates'] as const).some(
      (key) => q[key] !== undefined,
    ) || q.format === 'matrix'
  );
}

function dnaOptions(q: Partial<Query>): DnaOptions {
  return {
    networkType: q.networkType ?? DNA_DEFAULTS.networkType,
    variable1: q.variable1 ?? DNA_DEFAULTS.variable1,
    qualifierAggregation: q.qualifierAggregation ?? DNA_DEFAULTS.qualifierAggregation,
    normalization: q.normalization ?? DNA_DEFAULTS.normalization,
    duplicates: q.duplicates ?? DNA_DEFAULTS.duplicates,
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

export const networkRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/networks/agreement',
    operationId: 'getAgreementNetwork',
    tag: 'views',
    summary: 'The actor–actor agreement/conflict network for a time window (and a topic).',
    description:
      'Nodes are actors with at least one tie. Edges (undirected in meaning, from the smaller id to the larger) have type AGREEMENT or CONFLICT, `weight` = the number of claims, `claims` = their ids.',
    query,
    responses: {
      200: {
        description:
          "The network (graph attributes: kind, from, to, topic, undirected); with DNA options, DNA's network (edge `weight` = the matrix cell), or its matrix with format=matrix.",
        schema: z.union([wireGraphSchema, dnaMatrixSchema]),
      },
      400: { description: 'Bad parameters.', schema: problemSchema },
      404: { description: 'No topic has this id.', schema: problemSchema },
    },
    async handle({ query: q }, { app, res }) {
      const { from, to } = toFilters(q);
      const topic = q.topic ?? null;
      const network = await readTransaction(app.db, { timeoutMs: app.api.queryTimeoutMs }, async (tx) => {
        if (topic && !(await findNodes(tx, [topic])).has(topic))
          throw notFound('topic', topic, pointer('query', 'topic'));
        if (isDna(q)) {
          const options = dnaOptions(q);
          const { statements, nodes } = await readStatements(tx, { from, to, topic });
          const network = dnaNetwork(statements, options);
          if (q.format === 'matrix') return { json: network };
          return { json: dnaGraph(network, nodes, options, { from, to, topic }) };
        }
        const { records } = await tx.run(agreementQuery({ from, to }), {
          positive: POSITIVE_TYPES,
          negative: NEGATIVE_TYPES,
          from,
          to,
          topic,
          includeSuggested: q.includeSuggested,
        });
        const ties = agreementTies(agreementRows(records));
        const kinds = TIE_KINDS.filter(({ type }) => q.kind === 'both' || q.kind === type.toLowerCase());
        const tied = new Uint8Array(ties.actors.length);
        for (let t = 0; t < ties.size; t++) {
          if (kinds.some(({ start }) => ties[start][t + 1]! > ties[start][t]!))
            tied[ties.a[t]!] = tied[ties.b[t]!] = 1;
        }
        // Each actor's properties cross Bolt once, not once per tie (a busy actor has hundreds).
        const actors = await findNodes(
          tx,
          ties.actors.filter((_, i) => tied[i] === 1),
        );
        const builder = new GraphBuilder();
        for (const found of actors.values()) builder.addNode(found.node);
        const graph = builder.build({
          kind: q.kind,
          from,
          to,
          topic,
          includeSuggested: q.includeSuggested,
          undirected: true,
        });
        return { graph, ties, kinds };
      });
      if ('json' in network) return network.json;
      // Tens of thousands of ties: written as text tie by tie, without an object per edge.
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      await streamText(res, agreementJson(network.graph, network.ties, network.kinds));
      return undefined;
    },
  }),
];

/** The two kinds of tie: their edge type and polarity, and where the packed ties keep their claims. */
const TIE_KINDS = [
  { type: 'AGREEMENT', polarity: 1, start: 'agreedStart', claims: 'agreedClaims' },
  { type: 'CONFLICT', polarity: -1, start: 'conflictedStart', claims: 'conflictedClaims' },
] as const;

/**
 * The agreement network as the JSON text of a WireGraph (the nodes from `graph`, no edges in it):
 * an edge per tie and kind with claims, from the smaller actor id to the larger, of `type`,
 * `weight` (the number of claims) and `claims` (their ids). Ids are quoted once each.
 */
async function* agreementJson(
  graph: WireGraph,
  ties: AgreementTies,
  kinds: (typeof TIE_KINDS)[number][],
): AsyncGenerator<string> {
  const { edges: _, ...head } = graph;
  const text = JSON.stringify(head);
  yield `${text.slice(0, -1)},"edges":[`;
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
      yield `${separator}{"key":"${a.slice(1, -1)}|${kind.type}|${b.slice(1, -1)}","source":${a},"target":${b},"attributes":{"type":"${kind.type}","family":"stance","polarity":${kind.polarity},"weight":${end - start},"claims":[${ids}]}}`;
      separator = ',';
    }
  }
  yield ']}';
}

/** DNA's matrix as a graph: its nodes the actors (and claims), an edge per non-zero cell (one per pair in one-mode). */
function dnaGraph(
  network: ReturnType<typeof dnaNetwork>,
  nodes: Map<string, Node>,
  options: DnaOptions,
  window: { from: string | null; to: string | null; topic: string | null },
) {
  const builder = new GraphBuilder();
  const key = (label: string) => builder.addNode(nodes.get(label)!);
  const rows = network.rows.map(key);
  const columns = options.networkType === 'onemode' ? rows : network.columns.map(key);
  const edges: WireEdge[] = [];
  network.matrix.forEach((cells, i) =>
    cells.forEach((weight, j) => {
      if (weight === 0 || (options.networkType === 'onemode' && j <= i)) return;
      const negative =
        options.qualifierAggregation === 'conflict' ||
        weight < 0 ||
        (options.qualifierAggregation === 'combine' && weight === 2);
      const type = negative ? 'CONFLICT' : 'AGREEMENT';
      edges.push({
        key: edgeKey(rows[i]!, type, columns[j]!),
        source: rows[i]!,
        target: columns[j]!,
        attributes: { type, family: 'stance', polarity: negative ? -1 : 1, weight },
      });
    }),
  );
  const graph = builder.build({ ...options, ...window, undirected: options.networkType === 'onemode' });
  graph.edges.push(...edges);
  return graph;
}
