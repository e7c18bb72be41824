// RFC 9457 problem details: every error the API answers with is a ProblemError, turned into an
// `application/problem+json` body by the one error middleware (server/api/errors.ts). A problem
// names its type, says what went wrong and, for bad input, points at the parameter.

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

import type { Problem } from '../../model/api.ts';

export type { Problem };

/** One thing wrong with the request: a JSON pointer into {params, query, body} and what was expected. */
export type ProblemIssue = NonNullable<Problem['errors']>[number];

export class ProblemError extends Error {
  override name = 'ProblemError';
  readonly problem: Problem;
  /** Headers to send with the problem (Retry-After…). */
  readonly headers: Record<string, string>;

  constructor(problem: Problem, headers: Record<string, string> = {}) {
    super(problem.detail);
    this.problem = problem;
    this.headers = headers;
  }

  get status(): number {
    return this.problem.status;
  }
}

const TYPES = {
  invalid: '/problems/invalid-request',
  notFound: '/problems/not-found',
  unavailable: '/problems/neo4j-unavailable',
  readOnly: '/problems/read-only',
  cypher: '/problems/cypher-error',
  timeout: '/problems/query-timeout',
  tooLarge: '/problems/too-large',
  tooMany: '/problems/too-many-requests',
  misdirected: '/problems/misdirected-request',
  busy: '/problems/busy',
  interrupted: '/problems/query-interrupted',
  internal: '/problems/internal-error',
} as const;

export const PROBLEM_TYPES = TYPES;

/** Seconds a client should wait before trying again when Neo4j is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

export function invalidRequest(errors: ProblemIssue[]): ProblemError {
  const detail = errors.map((issue) => `${issue.pointer || '/'}: ${issue.detail}`).join('; ');
  return new ProblemError({ type: TYPES.invalid, title: 'Invalid request', status: 400, detail, errors });
}

/** A JSON pointer (RFC 6901) from path segments. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

export function notFound(what: string, id: string, at: string): ProblemError {
  return new ProblemError({
    type: TYPES.notFound,
    title: 'Not found',
    status: 404,
    detail: `No ${what} with id "${id}".`,
    errors: [{ pointer: at, detail: `no ${what} has this id` }],
  });
}

export function neo4jUnavailable(detail: string): ProblemError {
  return new ProblemError(
    {
      type: TYPES.unavailable,
      title: 'Neo4j is unavailable',
      status: 503,
      detail: `${detail} The API answers again as soon as Neo4j is back; try again in ${RETRY_AFTER_SECONDS} s.`,
    },
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );
}

/**
 * The query's transaction or session ended under it (an administrator terminated it, Neo4j
 * restarted, its connection went): nothing is wrong with the request, so it may be sent again.
 */
export function queryInterrupted(detail: string): ProblemError {
  return new ProblemError(
    {
      type: TYPES.interrupted,
      title: 'Query interrupted',
      status: 503,
      detail: `${detail} Try again in ${RETRY_AFTER_SECONDS} s.`,
    },
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );
}
