// GET /api/edges: the relationships behind one edge of a graph view (one type from one node to
// another), a page at a time, each with its quote, offsets, note and source document. Graph
// payloads carry one edge per (source, type, target) with a count; the edge panel pages here.

import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { relationshipType } from '../../../model/vocabulary.ts';
import { queries } from '../../cypher/registry.ts';
import { toPlain } from '../../neo4j/values.ts';
import { readTransaction } from '../db.ts';
import { checkWindow, limitParam, nodeId, relationshipTypeName, windowShape } from '../../../model/params.ts';
import { edgePageSchema, problemSchema } from '../../../model/api.ts';
import { toFilters } from '../../graph/filters.ts';
import { toNumber } from '../../neo4j/values.ts';
import { defineRoute } from '../route.ts';

const query = z
  .strictObject({
    source: nodeId.meta({
      description: 'The id of the edge’s start node.',
      example: 'person:sergei-ryabkov',
    }),
    type: relationshipTypeName.meta({ description: 'The relationship type.', example: 'DEMANDS' }),
    target: nodeId.meta({
      description: 'The id of the edge’s end node.',
      example: 'claim:nato-no-enlargement',
    }),
    ...windowShape,
    offset: z.coerce
      .number()
      .int('expected a whole number')
      .min(0)
      .default(0)
      .meta({ description: 'How many relationships to skip (earliest first).' }),
    limit: limitParam(20, 200, 'How many relationships to return (1 to 200).'),
  })
  .superRefine(checkWindow);

const text = (value: unknown) => {
  const plain = toPlain(value);
  return typeof plain === 'string' ? plain : null;
};

export const edgeRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/edges',
    operationId: 'getEdgeRelationships',
    tag: 'explore',
    summary: 'The relationships behind one edge of a graph view, with their quotes, a page at a time.',
    description:
      'Graph views send the parallel relationships of one type between two nodes as one edge with `count`, `first` and `last`; this pages through them (earliest first), each with its properties (quote, offsets, date, method, confidence, modality, note) and its source document (without its text: GET /api/nodes/:id has it).',
    query,
    responses: {
      200: { description: 'A page of relationships (empty when there are none).', schema: edgePageSchema },
      400: { description: 'Bad parameters.', schema: problemSchema },
    },
    async handle({ query: q }, { app }) {
      const { from, to } = toFilters(q);
      return readTransaction(app.db, { timeoutMs: app.api.queryTimeoutMs }, async (tx) => {
        const { records } = await tx.run(queries['edge-relationships'], {
          source: q.source,
          target: q.target,
          type: q.type,
          from,
          to,
          skip: neo4j.int(q.offset),
          limit: neo4j.int(q.limit),
        });
        const record = records[0];
        const page = (record?.get('page') ?? []) as {
          type: string;
          properties: Record<string, unknown>;
          source: Record<string, unknown> | null;
        }[];
        return {
          source: q.source,
          type: q.type,
          target: q.target,
          total: record ? toNumber(record.get('total')) : 0,
          offset: q.offset,
          limit: q.limit,
          relationships: page.map((row) => ({
            type: row.type,
            polarity: relationshipType(row.type)?.polarity ?? null,
            properties: toPlain(row.properties) as Record<string, unknown>,
            source: row.source
              ? {
                  id: String(row.source.id),
                  title: text(row.source.title),
                  published: text(row.source.published),
                  publisher: text(row.source.publisher),
                  url: text(row.source.url),
                }
              : null,
          })),
        };
      });
    },
  }),
];
