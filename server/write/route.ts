// A write route: the token and origin checks first, then the request's validation, then the write
// path (server/write/commit.ts): one transaction that applies the change and records it, with an
// Idempotency-Key kept so that a retried request gets its answer again without writing twice.

import { createHash } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { canonicalJson } from '../neo4j/checksum.ts';
import type { Plain } from '../neo4j/values.ts';
import { invalidRequest, pointer } from '../api/problem.ts';
import {
  defineRoute,
  type ApiRoute,
  type HandlerContext,
  type ResponseSpec,
  type RouteSpec,
} from '../api/route.ts';
import { problemSchema } from '../../model/api.ts';
import { authorizeWrite } from './auth.ts';
import { commitWrite, type CommitResult, type WritePlan } from './commit.ts';

export type { WritePlan } from './commit.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export interface WriteContext extends HandlerContext {
  tx: ManagedTransaction;
  who: string;
}

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface WriteRouteSpec<P extends Schema, B extends Schema> extends Omit<
  RouteSpec<P, undefined, B>,
  'handle' | 'query' | 'method'
> {
  method: 'post' | 'patch' | 'delete';
  plan(input: { params: Out<P>; body: Out<B> }, ctx: WriteContext): Promise<WritePlan>;
  /**
   * Before the transaction: slow work the plan needs (fetching a page), kept out of the write
   * transaction; the plan finds what it left in `ctx.res.locals`.
   */
  prepare?(input: { params: Out<P>; body: Out<B> }, ctx: HandlerContext): Promise<void>;
  /**
   * After the commit (or a replay): what to do once the write is durable (queue an extraction),
   * and the answer's body.
   */
  after?(
    result: CommitResult,
    input: { params: Out<P>; body: Out<B> },
    ctx: HandlerContext,
  ): Promise<unknown>;
}

const WRITE_RESPONSES: Record<number, ResponseSpec> = {
  401: { description: 'No token: send `Authorization: Bearer <token>` or sign in.', schema: problemSchema },
  403: { description: 'From another origin or host, or writes are off.', schema: problemSchema },
  422: { description: 'The Idempotency-Key was used for a different request.', schema: problemSchema },
};

const keySchema = z
  .string()
  .min(1)
  .max(200, 'expected at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'expected visible ASCII characters');

export function defineWriteRoute<P extends Schema = undefined, B extends Schema = undefined>(
  spec: WriteRouteSpec<P, B>,
): ApiRoute {
  const { plan, prepare, after, ...meta } = spec;
  const inner = defineRoute<P, undefined, B>({
    ...meta,
    responses: { ...meta.responses, ...WRITE_RESPONSES },
    description: `${meta.description ?? ''}${meta.description ? ' ' : ''}Needs the write token; send an \`Idempotency-Key\` header to make retries safe.`,
    async handle(input, ctx) {
      const who = authorizeWrite(ctx.req, ctx.app.writer);
      const rawKey = ctx.req.get(IDEMPOTENCY_HEADER);
      let key: string | undefined;
      if (rawKey !== undefined) {
        const parsed = keySchema.safeParse(rawKey);
        if (!parsed.success)
          throw invalidRequest([
            { pointer: pointer('headers', 'idempotency-key'), detail: parsed.error.issues[0]!.message },
          ]);
        key = parsed.data;
      }
      const fingerprint = createHash('sha256')
        .update(`${ctx.req.method} ${ctx.req.path}\n${canonicalJson((ctx.req.body ?? null) as Plain)}`)
        .digest('hex');
      await prepare?.(input, ctx);
      const result = await commitWrite(
        ctx.app.db,
        { who, key, fingerprint, timeoutMs: ctx.app.api.queryTimeoutMs },
        (tx) => plan({ params: input.params, body: input.body }, { ...ctx, tx, who }),
      );
      const body = after ? await after(result, input, ctx) : result.body;
      if (result.replayed) ctx.res.setHeader('Idempotent-Replayed', 'true');
      ctx.res.status(result.status);
      return body;
    },
  });
  // The token and origin are checked before the request's content: a stranger learns nothing.
  return {
    spec: inner.spec,
    async run(ctx) {
      authorizeWrite(ctx.req, ctx.app.writer);
      await inner.run(ctx);
    },
  };
}
