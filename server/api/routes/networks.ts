// GET /api/networks/agreement: the actor–actor agreement and conflict network of DESIGN.md
// (discourse network analysis): an AGREEMENT edge of weight w when two actors took the same
// polarity on w claims, a CONFLICT edge when they took opposite ones; computed on request.

import { z } from 'zod';
import { readTransaction } from '../db.ts';
import { dnaOptionsOf } from '../../../model/networks.ts';
import { includeSuggestedParam } from '../../../model/params.ts';
import { notFound, pointer } from '../problem.ts';
import { defineRoute } from '../route.ts';
import {
  checkNetworkOptions,
  dnaMatrixSchema,
  networkOptionsShape,
  packedAgreementSchema,
  problemSchema,
  wireGraphSchema,
} from '../../../model/api.ts';
import { findNodes } from '../../graph/subgraph.ts';
import { streamText } from '../../exports/sink.ts';
import {
  agreementJson,
  agreementTiesJson,
  networkGraph,
  networkRequest,
  readAgreementNetwork,
  readNetwork,
} from '../../networks/read.ts';

/**
 * The agreement network's edges a view gets by default: a year of a million stances ties 3,333
 * actors by 2.8 million edges, which no canvas draws; these are the strongest.
 */
export const AGREEMENT_EDGE_LIMIT = 20_000;

const query = z
  .strictObject({
    ...networkOptionsShape,
    format: z.enum(['graph', 'ties', 'matrix']).default('graph').meta({
      description:
        "graph (a SerializedGraph, weights on the edges); ties (the agreement network packed: nodes and claim ids once, ties as index arrays, about a ninth of graph's bytes; not with DNA's options); or matrix ({rows, columns, matrix}, labelled by names).",
    }),
    includeSuggested: includeSuggestedParam,
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(AGREEMENT_EDGE_LIMIT)
      .meta({
        description: `The agreement network: at most this many edges, those with the most claims (default ${AGREEMENT_EDGE_LIMIT}); the graph attributes edgesTotal and omittedEdges say how many there were. POST /api/export gives them all.`,
      }),
  })
  .superRefine((value, ctx) => {
    checkNetworkOptions(value, ctx);
    if (value.format === 'ties' && dnaOptionsOf(value))
      ctx.addIssue({
        code: 'custom',
        path: ['format'],
        message: "format=ties packs the agreement network; DNA's networks come as graph or matrix",
      });
  });

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
        schema: z.union([wireGraphSchema, packedAgreementSchema, dnaMatrixSchema]),
      },
      400: { description: 'Bad parameters.', schema: problemSchema },
      404: { description: 'No topic has this id.', schema: problemSchema },
    },
    async handle({ query: q }, { app, res }) {
      const topic = q.topic ?? null;
      // Any of DNA's options, or the matrix format, asks for DNA's network.
      const request = networkRequest(q, q.format === 'matrix');
      const read = await readTransaction(app.db, { timeoutMs: app.api.queryTimeoutMs }, async (tx) => {
        if (topic && !(await findNodes(tx, [topic])).has(topic))
          throw notFound('topic', topic, pointer('query', 'topic'));
        if (!request.dna) return { packed: await readAgreementNetwork(tx, request) };
        const network = await readNetwork(tx, request);
        return { json: q.format === 'matrix' ? network.matrix! : networkGraph(network) };
      });
      if ('json' in read) return read.json;
      // Tens of thousands of ties: written as JSON text tie by tie, without an object per edge.
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      await streamText(res, (q.format === 'ties' ? agreementTiesJson : agreementJson)(read.packed));
      return undefined;
    },
  }),
];
