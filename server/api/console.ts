// The read-only Cypher console: a user's query is planned and refused unless it is a read
// (server/neo4j/readonly.ts), then run in a read transaction with the console's timeout; at most
// `limit` rows are read (one more tells whether there were more), the rest is discarded. Rows
// come back JSON-safe, and every node, relationship and path in them as a graph for the canvas.

import type { Node, Record as Neo4jRecord } from 'neo4j-driver';
import { queries } from '../cypher/registry.ts';
import { planReadOnly } from '../neo4j/readonly.ts';
import { toCypherParams, toPlain } from '../neo4j/values.ts';
import { estimateJsonBytes } from '../neo4j/value-size.ts';
import { readTransaction, type Db } from './db.ts';
import { PROBLEM_TYPES, ProblemError } from './problem.ts';
import { GraphBuilder } from '../graph/graph-payload.ts';
import type { ConsoleResult } from '../../model/api.ts';

export { toCypherParams };

export interface ConsoleQuery {
  query: string;
  params: Record<string, unknown>;
  limit: number;
}

export interface ConsoleOptions {
  timeoutMs: number;
  /** Bytes of JSON the rows and their graph may take (estimated as records arrive). */
  maxBytes: number;
  signal?: AbortSignal;
}

export type { ConsoleResult };

function resultTooLarge(maxBytes: number): ProblemError {
  return new ProblemError({
    type: PROBLEM_TYPES.tooLarge,
    title: 'Result too large',
    status: 413,
    detail: `The first row alone is over the console's budget of ${maxBytes} bytes (STANCEGRAPH_CONSOLE_MAX_BYTES). Return less: fewer or shorter values, a slice such as list[0..100], or an export.`,
  });
}

export async function runConsoleQuery(
  db: Db,
  request: ConsoleQuery,
  options: ConsoleOptions,
): Promise<ConsoleResult> {
  const params = toCypherParams(request.params) as Record<string, unknown>;
  const started = performance.now();
  return readTransaction(
    db,
    { timeoutMs: options.timeoutMs, fetchSize: Math.min(request.limit + 1, 1000), signal: options.signal },
    async (tx) => {
      const plan = await planReadOnly(tx, request.query, params);
      const result = tx.run(request.query, params);
      const columns = await result.keys();
      const records: Neo4jRecord[] = [];
      let truncatedBy: 'rows' | 'bytes' | null = null;
      let bytes = 0;
      for await (const record of result) {
        if (records.length === request.limit) {
          truncatedBy = 'rows';
          break;
        }
        bytes += estimateJsonBytes([...record.values()], options.maxBytes - bytes);
        if (bytes > options.maxBytes) {
          if (records.length === 0) throw resultTooLarge(options.maxBytes);
          truncatedBy = 'bytes';
          break;
        }
        records.push(record);
      }
      const builder = new GraphBuilder();
      for (const record of records) for (const key of columns) builder.addValue(record.get(key));
      const missing = builder.missingEndpoints();
      if (missing.length > 0) {
        const endpoints = await tx.run(queries['nodes-by-element-ids'], { ids: missing });
        for (const row of endpoints.records) builder.addNode(row.get('node') as Node);
      }
      return {
        columns: columns.map(String),
        rows: records.map((record) => columns.map((key) => toPlain(record.get(key), builder.keyOf))),
        graph: builder.build({}),
        summary: {
          rows: records.length,
          truncated: truncatedBy !== null,
          truncatedBy,
          limit: request.limit,
          byteBudget: options.maxBytes,
          elapsedMs: Math.round(performance.now() - started),
          timeoutMs: options.timeoutMs,
          queryType: 'r',
          notifications: plan.notifications.map((n) => ({
            code: n.code,
            title: n.title,
            description: n.description,
            severity: n.rawSeverityLevel,
          })),
        },
      };
    },
  );
}
