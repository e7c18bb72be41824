// POST /api/export: a subgraph as a file download (GEXF, GraphML, JSON, CSV in a zip, a Cypher
// script), from a read-only query, a set of ids with a depth, or the filters of /api/graph.
// Bad input fails before the first byte; the file then streams from Neo4j's records.

import { z } from 'zod';
import { queries } from '../../cypher/registry.ts';
import { attributeSchema } from '../../exports/attributes.ts';
import { EXPORTERS } from '../../exports/index.ts';
import { openSubgraph } from '../../exports/source.ts';
import { readStream, readTransaction } from '../db.ts';
import { problemFromNeo4j } from '../neo4j-errors.ts';
import { nodeId } from '../../../model/params.ts';
import { defineRoute } from '../route.ts';
import { EXPORT_FORMATS, exportSourceSchema, problemSchema } from '../../../model/api.ts';

const body = z.strictObject({
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
});

export const exportRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/export',
    operationId: 'exportSubgraph',
    tag: 'export',
    summary: 'A subgraph as a file: GEXF, GraphML, JSON, CSV (zip) or a Cypher script.',
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
      429: { description: 'Too many requests (Retry-After).', schema: problemSchema },
    },
    async handle({ body: request }, { app, res, signal }) {
      const exporter = EXPORTERS[request.format];
      const timeoutMs = app.api.exportTimeoutMs;
      const generatedAt = new Date();
      const name = request.filename ?? `stancegraph-${generatedAt.toISOString().slice(0, 10)}`;
      try {
        const options = { timeoutMs, fetchSize: 1000, signal };
        const deadline = Date.now() + timeoutMs;
        await readTransaction(app.db, options, async (tx) => {
          // Batches read by elementId run outside the transaction, within what is left of its time.
          const subgraph = await openSubgraph(tx, request.source, (query, params) =>
            readStream(app.db, query, params, { ...options, timeoutMs: Math.max(deadline - Date.now(), 1) }),
          );
          const keys = (await tx.run(queries['property-keys'])).records.map((r) => r.get('key') as string);
          res.status(200).attachment(`${name}.${exporter.extension}`);
          res.setHeader('Content-Type', exporter.contentType);
          res.setHeader('Cache-Control', 'no-store');
          await exporter.write(subgraph, res, {
            attributes: attributeSchema(keys),
            positions: new Map(Object.entries(request.positions ?? {})),
            generatedAt,
          });
        });
      } catch (error) {
        throw problemFromNeo4j(error, { userQuery: request.source.type === 'query', timeoutMs }) ?? error;
      }
      return undefined;
    },
  }),
];
