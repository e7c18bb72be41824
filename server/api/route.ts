// A route is data: its method, path, zod schemas for params, query and body, its responses, and a
// handler. The same objects mount the Express routes (validation included) and generate the
// OpenAPI document (server/api/openapi.ts), so the contract cannot drift from the code.

import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { ApiConfig } from '../config.ts';
import type { ExtractionQueue } from '../jobs/extraction.ts';
import type { WriterAuth } from '../write/auth.ts';
import type { Db } from './db.ts';
import type { QueryGate } from './query-gate.ts';
import { invalidRequest, pointer, type ProblemIssue } from './problem.ts';

/** What every handler may use: the database, the API's settings, the version. */
export interface ApiContext {
  db: Db;
  api: ApiConfig;
  version: string;
  /** Who may write (server/write/auth.ts); undefined: writes are off. */
  writer?: WriterAuth;
  /** Caps users' queries (console, exports) at once. */
  queryGate: QueryGate;
  /** Background extraction of added documents; undefined: off (POST … extract answers 503). */
  extraction?: ExtractionQueue;
}

export interface HandlerContext {
  app: ApiContext;
  req: Request;
  res: Response;
  /** Aborted when the client goes away before the answer is complete. */
  signal: AbortSignal;
}

export interface ResponseSpec {
  description: string;
  /** JSON body schema (for application/json); omitted for downloads. */
  schema?: z.ZodType;
  /** Content types other than JSON (downloads). */
  contentTypes?: string[];
}

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Express syntax: `/api/nodes/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, ResponseSpec>;
  /** Middleware that runs before validation (rate limits). */
  before?: 'rate-limited';
  /** Returns the JSON body of a 200, or undefined when it wrote the response itself (downloads). */
  handle(input: { params: Out<P>; query: Out<Q>; body: Out<B> }, ctx: HandlerContext): Promise<unknown>;
}

/** A route with its types erased, for lists of routes. */
export interface ApiRoute {
  spec: Omit<RouteSpec<Schema, Schema, Schema>, 'handle'>;
  run(ctx: HandlerContext): Promise<void>;
}

export function defineRoute<
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
>(spec: RouteSpec<P, Q, B>): ApiRoute {
  const { handle, ...meta } = spec;
  return {
    spec: meta,
    async run(ctx) {
      const input = {
        params: parsePart('params', spec.params, ctx.req.params) as Out<P>,
        query: parsePart('query', spec.query, ctx.req.query) as Out<Q>,
        body: parsePart('body', spec.body, ctx.req.body) as Out<B>,
      };
      const body = await handle(input, ctx);
      if (body !== undefined && !ctx.res.headersSent) ctx.res.json(body);
    },
  };
}

/** Validates one part of the request; every issue becomes a pointer into {params, query, body}. */
function parsePart(location: 'params' | 'query' | 'body', schema: Schema, value: unknown): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? (location === 'body' ? undefined : {}));
  if (parsed.success) return parsed.data;
  throw invalidRequest(parsed.error.issues.flatMap((issue) => issueToProblems(location, issue)));
}

function issueToProblems(location: string, issue: z.core.$ZodIssue): ProblemIssue[] {
  const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      pointer: pointer(location, ...path, key),
      detail: `unknown ${location === 'query' ? 'parameter' : 'field'} "${key}"`,
    }));
  }
  if (location === 'body' && issue.code === 'invalid_type' && path.length === 0) {
    return [
      { pointer: pointer(location), detail: 'expected a JSON object body (Content-Type: application/json)' },
    ];
  }
  return [{ pointer: pointer(location, ...path), detail: issue.message }];
}

/** Mounts routes on a router; handlers' rejections reach the error middleware (Express 5). */
export function mountRoutes(
  router: Router,
  routes: ApiRoute[],
  app: ApiContext,
  rateLimited: (req: Request, res: Response, next: (error?: unknown) => void) => void,
): void {
  for (const route of routes) {
    const handlers = [
      ...(route.spec.before === 'rate-limited' ? [rateLimited] : []),
      async (req: Request, res: Response) => {
        const controller = new AbortController();
        res.on('close', () => {
          if (!res.writableFinished) controller.abort();
        });
        await route.run({ app, req, res, signal: controller.signal });
      },
    ];
    router[route.spec.method](route.spec.path, ...handlers);
  }
}
