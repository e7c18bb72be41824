// POST /api/export: a subgraph as a file download (GEXF, GraphML, JSON, CSV in a zip, a Cypher
// script), from a read-only query, a set of ids with a depth, the filters of /api/graph, or the
// agreement network of /api/networks/agreement (its weights and options in the file).
// Bad input fails before the first byte; the file then streams from Neo4j's records.

import { z } from 'zod';
import { queries } from '../../cypher/registry.ts';
import { attributeSchema, NETWORK_EDGE_ATTRIBUTES } from '../../exports/attributes.ts';
import { EXPORTERS } from '../../exports/index.ts';
import { openSubgraph, type BatchReader } from '../../exports/source.ts';
import { readStream, readTransaction } from '../db.ts';
import { problemFromNeo4j, queryTimedOut } from '../neo4j-errors.ts';
import { childAbort, DEADLINE_GRACE_MS, withDeadline } from '../query-gate.ts';
import { nodeId } from '../../../model/params.ts';
import { defineRoute } from '../route.ts';
import { EXPORT_FORMATS, exportSourceSchema, problemSchema } from '../../../model/api.ts';

const body = z
  .strictObject({
    format: z.enum(EXPORT_FORMATS).meta({ description: 'gexf, graphml, json, csv (a zip) or cypher.' }),
    source: exportSourceSchema,
    positions: z
      .record(nodeId, z.object({ x: z.number(), y: z.number() }))
      .optional()
      .meta({
        description:
          'Where the client drew nodes, for the files that carry positions (GEXF, GraphML); others go on a spiral.',
      }),
    filename: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
        'expected a file name of letters, digits, ".", "_" and "-" (no extension needed)',
      )
      .optional()
      .meta({ description: 'The download name without extension (default stancegraph-YYYY-MM-DD).' }),
  })
  .superRefine((value, ctx) => {
    // A network is computed, not stored: a script that would write its ties into the graph is refused.
    if (value.source.type === 'network' && value.format === 'cypher')
      ctx.addIssue({
        code: 'custom',
        path: ['format'],
        message: 'a network is computed, not stored; expected gexf, graphml, json or csv',
      });
  });

export const exportRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/export',
    operationId: 'exportSubgraph',
    tag: 'export',
    summary:
      'A subgraph or the agreement network as a file: GEXF, GraphML, JSON, CSV (zip) or a Cypher script.',
    description: `Formats: ${EXPORT_FORMATS.map((f) => `${f} (${EXPORTERS[f].contentType}): ${EXPORTERS[f].description}`).join(' ')} Every exported stance carries its provenance (doc, quote, start, end, date, method, confidence, modality). Rate-limited.`,
    body,
    before: 'rate-limited',
    responses: {
      200: {
        description: 'The file (Content-Disposition: attachment).',
        contentTypes: EXPORT_FORMATS.map((f) => EXPORTERS[f].contentType.split(';')[0]!),
      },
      400: { description: 'Invalid request, or a Cypher error in a query source.', schema: problemSchema },
      403: { description: 'A query source that is not a read.', schema: problemSchema },
      404: { description: 'An id in an ids source does not exist.', schema: problemSchema },
      422: { description: "A query source stopped by the console's timeout.", schema: problemSchema },
      429: { description: 'Too many requests (Retry-After).', schema: problemSchema },
      503: {
        description:
          'Neo4j is unavailable, or too many console and export queries run at once (Retry-After).',
        schema: problemSchema,
      },
    },
    async handle({ body: request }, { app, res, signal }) {
      const exporter = EXPORTERS[request.format];
      const fromQuery = request.source.type === 'query';
      const timeoutMs = app.api.exportTimeoutMs;
      // A user's query gets the console's time limit; the read-back of what it named, the export's.
      const queryTimeoutMs = fromQuery ? app.api.consoleTimeoutMs : timeoutMs;
      const generatedAt = new Date();
      const name = request.filename ?? `stancegraph-${generatedAt.toISOString().slice(0, 10)}`;
      const run = childAbort(signal);
      try {
        const options = { timeoutMs, fetchSize: 1000, signal: run.signal };
        const deadline = Date.now() + timeoutMs;
        // Batches read by elementId run outside the transaction, within what is left of its time.
        const read: BatchReader = (query, params) =>
          readStream(app.db, query, params, { ...options, timeoutMs: Math.max(deadline - Date.now(), 1) });
        const exportIt = () =>
          readTransaction(app.db, options, async (tx) => {
            const subgraph = fromQuery
              ? // Its own transaction, under the console's limits (the deadline covers planning too).
                await withDeadline(
                  readTransaction(app.db, { ...options, timeoutMs: queryTimeoutMs }, (queryTx) =>
                    openSubgraph(queryTx, request.source, read),
                  ),
                  queryTimeoutMs + DEADLINE_GRACE_MS,
                  () => queryTimedOut({ userQuery: true, timeoutMs: queryTimeoutMs }),
                  run.abort,
                )
              : await openSubgraph(tx, request.source, read);
            const keys = (await tx.run(queries['property-keys'])).records.map((r) => r.get('key') as string);
            res.status(200).attachment(`${name}.${exporter.extension}`);
            res.setHeader('Content-Type', exporter.contentType);
            res.setHeader('Cache-Control', 'no-store');
            await exporter.write(subgraph, res, {
              attributes: attributeSchema(keys, subgraph.network ? NETWORK_EDGE_ATTRIBUTES : []),
              positions: new Map(Object.entries(request.positions ?? {})),
              generatedAt,
            });
          });
        await app.queryGate.run(exportIt);
      } catch (error) {
        throw (
          problemFromNeo4j(error, {
            userQuery: fromQuery,
            timeoutMs: fromQuery ? queryTimeoutMs : timeoutMs,
          }) ?? error
        );
      }
      return undefined;
    },
  }),
];
