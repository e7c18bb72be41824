// GET /api/networks/agreement: the actor–actor agreement and conflict network of DESIGN.md
// (discourse network analysis): an AGREEMENT edge of weight w when two actors took the same
// polarity on w claims, a CONFLICT edge when they took opposite ones; computed on request.

import type { Node } from 'neo4j-driver';
import { z } from 'zod';
import { kindOfId } from '../../../model/kinds.ts';
import { edgeKey } from '../../../model/wire.ts';
import { readTransaction } from '../db.ts';
import { GraphBuilder, type WireEdge } from '../../graph/graph-payload.ts';
import { checkWindow, includeSuggestedParam, nodeId, windowShape } from '../../../model/params.ts';
import { notFound, pointer } from '../problem.ts';
import { toFilters } from '../../graph/filters.ts';
import { defineRoute } from '../route.ts';
import { NETWORK_KINDS, problemSchema, wireGraphSchema } from '../../../model/api.ts';
import { agreementQuery, NEGATIVE_TYPES, POSITIVE_TYPES } from '../stances.ts';
import { findNodes } from '../../graph/subgraph.ts';

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
    includeSuggested: includeSuggestedParam,
  })
  .superRefine(checkWindow);

/** A row of the agreement-network query's `ties`. */
interface AgreementTie {
  a: string;
  b: string;
  agreed: string[];
  conflicted: string[];
}

/** Ties are symmetric; the edge goes from the smaller id to the larger. */
function tie(type: 'AGREEMENT' | 'CONFLICT', a: string, b: string, claims: string[]): WireEdge {
  return {
    key: edgeKey(a, type, b),
    source: a,
    target: b,
    attributes: {
      type,
      family: 'stance',
      polarity: type === 'AGREEMENT' ? 1 : -1,
      weight: claims.length,
      claims,
    },
  };
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
        description: 'The network (graph attributes: kind, from, to, topic, undirected).',
        schema: wireGraphSchema,
      },
      400: { description: 'Bad parameters.', schema: problemSchema },
      404: { description: 'No topic has this id.', schema: problemSchema },
    },
    async handle({ query: q }, { app }) {
      const { from, to } = toFilters(q);
      const topic = q.topic ?? null;
      return readTransaction(app.db, { timeoutMs: app.api.queryTimeoutMs }, async (tx) => {
        if (topic && !(await findNodes(tx, [topic])).has(topic))
          throw notFound('topic', topic, pointer('query', 'topic'));
        const { records } = await tx.run(agreementQuery({ from, to }), {
          positive: POSITIVE_TYPES,
          negative: NEGATIVE_TYPES,
          from,
          to,
          topic,
          includeSuggested: q.includeSuggested,
        });
        const record = records[0]!;
        const actors = new Map(
          (record.get('actors') as Node[]).map((node) => [node.properties.id as string, node]),
        );
        const builder = new GraphBuilder();
        const edges: WireEdge[] = [];
        for (const { a, b, agreed, conflicted } of record.get('ties') as AgreementTie[]) {
          const ties = [
            ...(q.kind !== 'conflict' && agreed.length > 0 ? [tie('AGREEMENT', a, b, agreed)] : []),
            ...(q.kind !== 'agreement' && conflicted.length > 0 ? [tie('CONFLICT', a, b, conflicted)] : []),
          ];
          if (ties.length === 0) continue;
          builder.addNode(actors.get(a)!);
          builder.addNode(actors.get(b)!);
          edges.push(...ties);
        }
        const graph = builder.build({
          kind: q.kind,
          from,
          to,
          topic,
          includeSuggested: q.includeSuggested,
          undirected: true,
        });
        graph.edges.push(...edges);
        return graph;
      });
    },
  }),
];
