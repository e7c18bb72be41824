// GET /api/search: full-text search over actor names and aliases, claim texts and aliases, topic
// and event names; every word must match first, any word as the fallback; best first.

import neo4j, { type Node } from 'neo4j-driver';
import { z } from 'zod';
import type { NodeKind } from '../../../model/kinds.ts';
import { readTransaction } from '../db.ts';
import { nodeSummary } from '../../graph/graph-payload.ts';
import { luceneQuery, searchWords } from '../lucene.ts';
import { kindsParam, limitParam } from '../../../model/params.ts';
import { invalidRequest, pointer } from '../problem.ts';
import { defineRoute } from '../route.ts';
import { problemSchema, searchResultSchema } from '../../../model/api.ts';
import { queries } from '../../cypher/registry.ts';

/** The kinds the full-text indexes cover (documents are not indexed). */
export const SEARCHABLE_KINDS = [
  'Person',
  'Institution',
  'Country',
  'Claim',
  'Topic',
  'Event',
] as const satisfies NodeKind[];

const query = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, 'expected something to search for')
    .max(200, 'expected at most 200 characters')
    .meta({
      description:
        'Words to look for: a name, an alias, part of a claim; prefixes and misspellings are fine.',
      example: 'Juliana Smith',
    }),
  kinds: kindsParam.optional(),
  limit: limitParam(20, 100, 'How many results at most (1 to 100).'),
});

export const searchRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/search',
    operationId: 'search',
    tag: 'explore',
    summary: 'Full-text search over actors (names, aliases), claims, topics and events.',
    query,
    responses: {
      200: {
        description: 'Matches, best first (an empty list when nothing matches).',
        schema: searchResultSchema,
      },
      400: { description: 'Bad parameters.', schema: problemSchema },
    },
    async handle({ query: { q, kinds, limit } }, { app }) {
      const searchable = (kinds ?? SEARCHABLE_KINDS).filter((k) =>
        (SEARCHABLE_KINDS as readonly string[]).includes(k),
      );
      if (kinds && searchable.length === 0) {
        throw invalidRequest([
          {
            pointer: pointer('query', 'kinds'),
            detail: `expected at least one searchable kind: ${SEARCHABLE_KINDS.join(', ')}`,
          },
        ]);
      }
      const words = searchWords(q);
      if (words.length === 0) return { query: q, words, results: [] };
      const records = await readTransaction(app.db, { timeoutMs: app.api.queryTimeoutMs }, async (tx) => {
        const run = (mode: 'all' | 'any') =>
          tx.run(queries['search-fulltext'], {
            lucene: luceneQuery(words, mode),
            kinds: searchable,
            limit: neo4j.int(limit),
          });
        const strict = await run('all');
        return strict.records.length > 0 || words.length === 1 ? strict.records : (await run('any')).records;
      });
      return {
        query: q,
        words,
        results: records.map((record) => {
          const node = record.get('node') as Node;
          const title = node.properties.title;
          return {
            ...nodeSummary(node.properties, node.labels),
            score: Math.round(Number(record.get('score')) * 1000) / 1000,
            ...(typeof title === 'string' ? { title } : {}),
          };
        }),
      };
    },
  }),
];
