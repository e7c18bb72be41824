// GET /api/health: the server and its Neo4j. 200 with Neo4j's version when it answers; 503 with
// Retry-After when it does not (or refuses us), which is what load balancers and the client poll.

import neo4j from 'neo4j-driver';
import { readQuery } from '../db.ts';
import { neo4jUnavailable } from '../problem.ts';
import { defineRoute } from '../route.ts';
import { healthSchema, problemSchema } from '../../../model/api.ts';

const startedAt = Date.now();
/** Health answers quickly or not at all. */
const HEALTH_TIMEOUT_MS = 5000;

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    tag: 'server',
    summary: 'Is the server up, and does Neo4j answer?',
    responses: {
      200: { description: 'Neo4j answers.', schema: healthSchema },
      503: {
        description: 'Neo4j does not answer (Retry-After says when to ask again).',
        schema: problemSchema,
      },
    },
    async handle(_input, { app }) {
      try {
        const [record] = await readQuery(app.db, 'api-health', {}, { timeoutMs: HEALTH_TIMEOUT_MS });
        return {
          status: 'ok',
          neo4j: {
            reachable: true,
            version: String(record?.get('version') ?? 'unknown'),
            edition: String(record?.get('edition') ?? 'unknown'),
            database: app.db.database ?? null,
          },
          server: { version: app.version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) },
        };
      } catch (error) {
        // The driver's message names Neo4j's address: it goes to the log, the answer gets the code.
        process.stderr.write(
          `${JSON.stringify({ level: 'warn', msg: 'health: Neo4j does not answer', error: String((error as Error)?.message ?? error).split('\n')[0] })}\n`,
        );
        const reason = error instanceof neo4j.Neo4jError ? error.code : 'no answer';
        const problem = neo4jUnavailable(`Neo4j does not answer (${reason}).`);
        problem.problem.neo4j = { reachable: false };
        throw problem;
      }
    },
  }),
];
