// POST /api/cypher: the read-only Cypher console. Writes, LOAD CSV, admin commands and
// non-allow-listed procedures are refused (403) before anything runs; syntax errors are 400 with
// Neo4j's message and position; a query past the timeout is stopped by Neo4j (422).

import { z } from 'zod';
import { runConsoleQuery, type ConsoleResult } from '../console.ts';
import { problemFromNeo4j, queryTimedOut } from '../neo4j-errors.ts';
import { childAbort, DEADLINE_GRACE_MS, withDeadline } from '../query-gate.ts';
import { invalidRequest, pointer } from '../problem.ts';
import { defineRoute } from '../route.ts';
import { consoleResultSchema, cypherParams, cypherQueryText, problemSchema } from '../../../model/api.ts';

const body = z.strictObject({
  query: cypherQueryText,
  params: cypherParams,
  limit: z.number().int('expected a whole number').positive('expected a positive number').optional().meta({
    description: 'How many rows at most; default and maximum are configured (1000 and 10000 unless changed).',
  }),
});

export const cypherRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/cypher',
    operationId: 'runCypher',
    tag: 'console',
    summary: 'Runs one read-only Cypher query: rows, the graph they hold, a summary.',
    description:
      'The query is planned first (EXPLAIN) and refused unless Neo4j classifies it as a read without LOAD CSV, admin commands, CALL … IN TRANSACTIONS or procedures outside an allow-list; it then runs in a read transaction with a server-side timeout. Rows are JSON-safe: nodes as {id, kind, labels, properties}, relationships as {type, source, target, properties}, paths as {nodes, relationships}. Rate-limited.',
    body,
    before: 'rate-limited',
    responses: {
      200: { description: 'The result.', schema: consoleResultSchema },
      400: {
        description: 'Invalid request, or a Cypher syntax or semantic error (with `position`).',
        schema: problemSchema,
      },
      403: {
        description: 'Not a read (`reason`: write, schema, load-csv, procedure, admin, transactions…).',
        schema: problemSchema,
      },
      413: { description: "The first row alone is over the console's byte budget.", schema: problemSchema },
      422: { description: 'Stopped by the timeout, or out of memory.', schema: problemSchema },
      429: { description: 'Too many requests (Retry-After).', schema: problemSchema },
      503: {
        description:
          'Neo4j is unavailable, or too many console and export queries run at once (Retry-After).',
        schema: problemSchema,
      },
    },
    async handle({ body: { query, params, limit } }, { app, res, signal }) {
      if (limit !== undefined && limit > app.api.consoleMaxRows) {
        throw invalidRequest([
          {
            pointer: pointer('body', 'limit'),
            detail: `expected at most ${app.api.consoleMaxRows} rows (the configured maximum)`,
          },
        ]);
      }
      const timeoutMs = app.api.consoleTimeoutMs;
      const run = childAbort(signal);
      const request = { query, params, limit: limit ?? app.api.consoleRows };
      const options = { timeoutMs, maxBytes: app.api.consoleMaxBytes, signal: run.signal };
      const runner = app.console;
      try {
        // A worker thread, started if need be, before the clock of the time limit starts.
        const thread = await runner?.acquire();
        const answer = await withDeadline(
          app.queryGate.run<Buffer | ConsoleResult>(() =>
            runner && thread
              ? runner.run(thread, request, options)
              : runConsoleQuery(app.db, request, options),
          ),
          timeoutMs + DEADLINE_GRACE_MS,
          () => queryTimedOut({ userQuery: true, timeoutMs }),
          run.abort,
        );
        if (!Buffer.isBuffer(answer)) return answer;
        // The worker thread's JSON, sent as it came.
        res.type('application/json').send(answer);
        return undefined;
      } catch (error) {
        throw problemFromNeo4j(error, { userQuery: true, timeoutMs }) ?? error;
      }
    },
  }),
];
