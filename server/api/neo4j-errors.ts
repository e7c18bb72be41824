// Neo4j's errors as problems, classified by the driver's `retryable` flag and by `code` (never by
// message text): what the driver would retry (unavailable, restarting, a leader switch) → 503
// with Retry-After; a transaction past its timeout → 504 (the API's own queries)
// or 422 (a console query: the input was the problem); refused writes → 403; other client errors
// of a user's query → 400 with Neo4j's message.

import { Neo4jError } from 'neo4j-driver';
import { CypherPlanError, ReadOnlyQueryError } from '../neo4j/readonly.ts';
import { neo4jUnavailable, PROBLEM_TYPES, ProblemError } from './problem.ts';

const MEMORY_CODES = new Set([
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.TransientError.General.TransactionMemoryLimit',
  'Neo.TransientError.General.OutOfMemoryError',
]);

/**
 * Worth trying again later: what the driver itself calls retryable (not a query that ran out of
 * memory: the same query would again), and a database that is not there (yet).
 */
export function isUnavailable(error: Neo4jError): boolean {
  return (
    (Neo4jError.isRetryable(error) && !MEMORY_CODES.has(error.code)) ||
    error.code === 'Neo.ClientError.Database.DatabaseNotFound'
  );
}

export function isTimeout(error: Neo4jError): boolean {
  return error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut');
}

export interface Neo4jProblemContext {
  /** The query came from the user (console, export from a query): its errors are the user's. */
  userQuery?: boolean;
  timeoutMs: number;
}

/** The 422 (a user's query) or 504 (the API's own) for a query stopped at its time limit. */
export function queryTimedOut(context: Neo4jProblemContext): ProblemError {
  const seconds = context.timeoutMs / 1000;
  return new ProblemError({
    type: PROBLEM_TYPES.timeout,
    title: 'Query timed out',
    status: context.userQuery ? 422 : 504,
    detail: `The query was stopped after the ${seconds} s limit${context.userQuery ? ' of the console' : ''}. Narrow it down (a LIMIT, a label, a WHERE) or avoid cartesian products.`,
  });
}

/**
 * The driver's pool had no connection free within its acquisition timeout. The driver gives this
 * error no code of its own (only N/A), so its message is the one thing to go by.
 */
function isPoolExhausted(error: Neo4jError): boolean {
  return error.code === 'N/A' && error.message.startsWith('Connection acquisition timed out');
}

/** The problem for a Neo4j error, or undefined when it is not one the API can explain. */
export function problemFromNeo4j(error: unknown, context: Neo4jProblemContext): ProblemError | undefined {
  if (error instanceof ReadOnlyQueryError) {
    return new ProblemError({
      type: PROBLEM_TYPES.readOnly,
      title: 'The console is read-only',
      status: 403,
      detail: error.message,
      reason: error.reason,
    });
  }
  if (error instanceof CypherPlanError) {
    return cypherProblem(error.code, error.message, error.position);
  }
  if (!(error instanceof Neo4jError)) return undefined;
  if (isUnavailable(error)) return neo4jUnavailable(`Neo4j did not answer (${error.code}).`);
  if (isTimeout(error)) return queryTimedOut(context);
  if (isPoolExhausted(error)) {
    return neo4jUnavailable('Every connection to Neo4j is busy (the driver pool is exhausted).');
  }
  if (MEMORY_CODES.has(error.code)) {
    return new ProblemError({
      type: PROBLEM_TYPES.tooLarge,
      title: 'Query needs too much memory',
      status: context.userQuery ? 422 : 503,
      detail: `Neo4j stopped the query: ${firstLine(error.message)}`,
    });
  }
  if (
    error.code === 'Neo.ClientError.Statement.AccessMode' ||
    error.code.startsWith('Neo.ClientError.Security.')
  ) {
    return new ProblemError({
      type: PROBLEM_TYPES.readOnly,
      title: 'The console is read-only',
      status: 403,
      detail: `Neo4j refused the query: ${firstLine(error.message)}`,
      reason: 'write',
    });
  }
  if (context.userQuery && error.code.startsWith('Neo.ClientError.')) {
    return cypherProblem(error.code, error.message, undefined);
  }
  return undefined;
}

function cypherProblem(
  code: string,
  message: string,
  position: { line: number; column: number; offset: number } | undefined,
): ProblemError {
  if (code === 'Neo.ClientError.Statement.UnsupportedAdministrationCommand') {
    return new ProblemError({
      type: PROBLEM_TYPES.readOnly,
      title: 'The console is read-only',
      status: 403,
      detail: `The console is read-only: administration commands are not allowed (${firstLine(message)}).`,
      reason: 'admin',
    });
  }
  const syntax = code === 'Neo.ClientError.Statement.SyntaxError';
  return new ProblemError({
    type: PROBLEM_TYPES.cypher,
    title: syntax ? 'Cypher syntax error' : 'Cypher error',
    status: 400,
    detail: message,
    code,
    ...(position ? { position } : {}),
    errors: [{ pointer: '/body/query', detail: firstLine(message) }],
  });
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
