// Neo4j's errors as problems, classified by the driver's `retryable` flag and by `code` (by
// message text only for the driver's own errors, which have no code): what the driver would retry
// (unavailable, restarting, a leader switch) → 503 with Retry-After; a transaction that ended
// under its query (terminated, its session or connection gone) → 503 query-interrupted with
// Retry-After; a transaction past its timeout → 504 (the API's own queries) or 422 (a console
// query: the input was the problem); refused writes → 403; other client errors of a user's query
// → 400 with Neo4j's message. Never a 500 for any of these.

import { Neo4jError } from 'neo4j-driver';
import { isMemoryLimit } from '../neo4j/memory-limit.ts';
import { CypherPlanError, ReadOnlyQueryError } from '../neo4j/readonly.ts';
import { neo4jUnavailable, PROBLEM_TYPES, ProblemError, queryInterrupted } from './problem.ts';

/**
 * Worth trying again later: what the driver itself calls retryable (not a query that ran out of
 * memory: the same query would again), and a database that is not there (yet).
 */
export function isUnavailable(error: Neo4jError): boolean {
  return (
    (Neo4jError.isRetryable(error) && !isMemoryLimit(error)) ||
    error.code === 'Neo.ClientError.Database.DatabaseNotFound'
  );
}

export function isTimeout(error: Neo4jError): boolean {
  return error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut');
}

/**
 * Neo4j's codes for a transaction that ended under its query: terminated (TERMINATE TRANSACTION,
 * a restart), its lock client stopped, gone from the server; and a request the server's session
 * refuses because the transaction it belonged to is over (`PullMessage cannot be handled by a
 * session in the READY state`: what a PULL or DISCARD gets after a transaction was stopped).
 */
const INTERRUPTED_CODES = new Set([
  'Neo.ClientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.LockClientStopped',
  'Neo.ClientError.Transaction.TransactionNotFound',
  'Neo.ClientError.Request.Invalid',
]);

/**
 * The driver's own errors for a session or transaction that is over (closed because the client
 * went away, rolled back after an error, RESET): it gives them no code (only N/A), so their
 * message is the one thing to go by.
 */
const INTERRUPTED_DRIVER_MESSAGES = [
  'Cannot run query in a closed session',
  'Cannot begin a transaction on a closed session',
  'You cannot run more transactions on a closed session',
  'Cannot run query in this transaction, because it has been rolled back',
  'Cannot commit this transaction, because it has been rolled back',
  'Ignored either because of an error or RESET',
];

/** The transaction or session ended under the query: asking again may well work. */
export function isInterrupted(error: unknown): boolean {
  if (!(error instanceof Neo4jError)) return false;
  if (INTERRUPTED_CODES.has(error.code)) return true;
  return error.code === 'N/A' && INTERRUPTED_DRIVER_MESSAGES.some((m) => error.message.startsWith(m));
}

/**
 * A query stopped past its time limit: Neo4j's own code, or an interruption that came once the
 * limit was reached (after a timeout the driver often sees only the session's refusal of its next
 * message, never the timeout itself).
 */
export class QueryTimedOutError extends Error {
  override name = 'QueryTimedOutError';
  constructor(readonly elapsedMs: number) {
    super(`The query was stopped after ${Math.round(elapsedMs)} ms, past its time limit.`);
  }
}

/** `error`, or a QueryTimedOutError when it is an interruption that came at or past `timeoutMs`. */
export function interruptionOrTimeout(error: unknown, elapsedMs: number, timeoutMs: number): unknown {
  return isInterrupted(endedPlanning(error) ?? error) && elapsedMs >= timeoutMs
    ? new QueryTimedOutError(elapsedMs)
    : error;
}

/**
 * Neo4j's error behind a query that could not be planned because its transaction ended (a time
 * limit reached, or a termination, while Neo4j was still planning): not the query's fault.
 */
function endedPlanning(error: unknown): Neo4jError | undefined {
  const cause = error instanceof CypherPlanError ? error.cause : undefined;
  return cause instanceof Neo4jError && (isTimeout(cause) || isInterrupted(cause)) ? cause : undefined;
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
    const ended = endedPlanning(error);
    return ended
      ? problemFromNeo4j(ended, context)
      : cypherProblem(error.code, error.message, error.position);
  }
  if (error instanceof QueryTimedOutError) return queryTimedOut(context);
  if (!(error instanceof Neo4jError)) return undefined;
  if (isTimeout(error)) return queryTimedOut(context);
  if (isInterrupted(error)) {
    return queryInterrupted(
      `The query's transaction ended before its answer was complete (${error.code === 'N/A' ? 'its session was closed' : error.code}).`,
    );
  }
  if (isUnavailable(error)) return neo4jUnavailable(`Neo4j did not answer (${error.code}).`);
  if (isPoolExhausted(error)) {
    return neo4jUnavailable('Every connection to Neo4j is busy (the driver pool is exhausted).');
  }
  if (isMemoryLimit(error)) {
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
