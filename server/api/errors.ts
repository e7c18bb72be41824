// The one error middleware: whatever a handler throws becomes an RFC 9457 problem+json answer.
// Bad input is a 4xx that says where (never a 500); Neo4j being away is a 503 with Retry-After;
// only a bug is a 500, and then the stack goes to stderr, not to the client.

import type { NextFunction, Request, Response } from 'express';
import type { ApiContext } from './route.ts';
import { UnknownNodeError } from '../graph/errors.ts';
import { problemFromNeo4j } from './neo4j-errors.ts';
import {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  ProblemError,
  invalidRequest,
  notFound,
  pointer,
} from './problem.ts';

/** Errors of Express's body parser carry a `type` and a 4xx `status`. */
interface HttpError extends Error {
  status?: number;
  statusCode?: number;
  type?: string;
}

export function toProblem(error: unknown, app: ApiContext): ProblemError {
  if (error instanceof ProblemError) return error;
  // Domain errors: the lower layers (graph, exports) say what is wrong, here it becomes a problem.
  if (error instanceof UnknownNodeError) return notFound('node', error.id, pointer('body', ...error.at));
  const neo4jProblem = problemFromNeo4j(error, { timeoutMs: app.api.queryTimeoutMs });
  if (neo4jProblem) return neo4jProblem;
  const http = error as HttpError;
  const status = http?.status ?? http?.statusCode;
  if (http?.type === 'entity.parse.failed') {
    return invalidRequest([
      { pointer: pointer('body'), detail: `the body is not valid JSON (${http.message})` },
    ]);
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ProblemError({
      type: status === 413 ? PROBLEM_TYPES.tooLarge : PROBLEM_TYPES.invalid,
      title: status === 413 ? 'Request too large' : 'Invalid request',
      status,
      detail: http.message,
    });
  }
  return new ProblemError({
    type: PROBLEM_TYPES.internal,
    title: 'Internal error',
    status: 500,
    detail: 'The server failed to answer; the error is in its log.',
  });
}

export function sendProblem(res: Response, problem: ProblemError): void {
  const requestId = res.locals.requestId as string | undefined;
  res.removeHeader('Content-Disposition'); // set by a download that failed before its first byte
  res
    .status(problem.status)
    .set(problem.headers)
    .type(PROBLEM_CONTENT_TYPE)
    .send(
      JSON.stringify({ ...problem.problem, ...(requestId ? { instance: `urn:uuid:${requestId}` } : {}) }),
    );
}

/**
 * The client closed its connection before the answer was complete: whatever failed after that
 * (the query stopped because of it, a write to a closed socket) is nobody's to hear about.
 */
export function clientGone(req: Request, res: Response): boolean {
  return (req.socket?.destroyed ?? false) && !res.writableFinished;
}

export function errorMiddleware(app: ApiContext) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (clientGone(req, res)) {
      res.destroy();
      return;
    }
    const problem = toProblem(error, app);
    if (problem.status >= 500 && problem.status !== 503) {
      process.stderr.write(
        `${JSON.stringify({ level: 'error', requestId: res.locals.requestId, error: String((error as Error)?.stack ?? error) })}\n`,
      );
    }
    if (res.headersSent) {
      // A download that failed half-way: the client must see a broken transfer, not a complete file.
      res.destroy(error instanceof Error ? error : undefined);
      return;
    }
    sendProblem(res, problem);
  };
}

export function notFoundRoute(req: Request, _res: Response, next: NextFunction): void {
  next(
    new ProblemError({
      type: PROBLEM_TYPES.notFound,
      title: 'Not found',
      status: 404,
      detail: `No endpoint ${req.method} ${req.originalUrl.split('?')[0]}. GET /api/openapi.json lists them.`,
    }),
  );
}
