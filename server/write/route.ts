// A write route: the token and origin checks first, then the request's validation, then one write
// transaction that applies the change, records it (who, when, before, after) and, with an
// Idempotency-Key, keeps the answer, so that a retried request gets it again without writing twice.
// The session passes the driver's bookmarks: a read right after a write sees it.

import { createHash, randomUUID } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { queries } from '../cypher/registry.ts';
import { canonicalJson } from '../neo4j/checksum.ts';
import type { Plain } from '../neo4j/values.ts';
import { invalidRequest, pointer, ProblemError } from '../api/problem.ts';
import {
  defineRoute,
  type ApiRoute,
  type HandlerContext,
  type ResponseSpec,
  type RouteSpec,
} from '../api/route.ts';
import { problemSchema } from '../../model/api.ts';
import { authorizeWrite } from './auth.ts';
import { applyState, type GraphState } from './state.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** What a write handler decides: the change to make and the answer. */
export interface WritePlan {
  status: number;
  /** The answer's body (JSON). */
  body: unknown;
  action: string;
  summary: string;
  before: GraphState;
  after: GraphState;
  /** For an undo: the change it undoes. */
  undoes?: string;
  /** Extra writes in the same transaction (remembering a rejected suggestion, marking an undo). */
  also?: (tx: ManagedTransaction, changeId: string) => Promise<void>;
}

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

interface Replay {
  status: number;
  body: unknown;
}

async function replayOf(
  tx: ManagedTransaction,
  key: string,
  fingerprint: string,
): Promise<Replay | undefined> {
  const { records } = await tx.run(queries['write-change-by-key'], { key });
  const record = records[0];
  if (!record) return undefined;
  if (record.get('fingerprint') !== fingerprint) {
    throw new ProblemError({
      type: '/problems/idempotency-key-reused',
      title: 'Idempotency-Key reused',
      status: 422,
      detail: `The Idempotency-Key "${key}" was used for a different request; use a new key for a new write.`,
      errors: [{ pointer: '/headers/idempotency-key', detail: 'already used for a different request' }],
    });
  }
  return {
    status: Number(record.get('status')),
    body: JSON.parse(record.get('response') as string) as unknown,
  };
}

const isKeyCollision = (error: unknown) =>
  (error as { code?: string })?.code === 'Neo.ClientError.Schema.ConstraintValidationFailed' &&
  String((error as Error).message).includes('idempotencyKey');

export function defineWriteRoute<P extends Schema = undefined, B extends Schema = undefined>(
  spec: WriteRouteSpec<P, B>,
): ApiRoute {
  const { plan, ...meta } = spec;
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
      const { driver, database } = ctx.app.db;
      const run = async (): Promise<Replay & { replayed: boolean }> => {
        const session = driver.session({
          database,
          defaultAccessMode: neo4j.session.WRITE,
          bookmarkManager: driver.executeQueryBookmarkManager,
        });
        try {
          return await session.executeWrite(
            async (tx) => {
              if (key !== undefined) {
                const replay = await replayOf(tx, key, fingerprint);
                if (replay) return { ...replay, replayed: true };
              }
              const id = randomUUID();
              // Claim the key first: a concurrent retry waits here, then fails and replays this one.
              if (key !== undefined) {
                await tx.run(queries['write-change-create'], { change: { id, idempotencyKey: key } });
              }
              const decided = await plan({ params: input.params, body: input.body }, { ...ctx, tx, who });
              await applyState(tx, decided.before, decided.after);
              await decided.also?.(tx, id);
              const body =
                decided.body !== null && typeof decided.body === 'object' && !Array.isArray(decided.body)
                  ? { ...decided.body, change: id }
                  : decided.body;
              await tx.run(queries['write-change-create'], {
                change: {
                  id,
                  who,
                  action: decided.action,
                  summary: decided.summary,
                  before: JSON.stringify(decided.before),
                  after: JSON.stringify(decided.after),
                  undoes: decided.undoes ?? null,
                  idempotencyKey: key ?? null,
                  fingerprint,
                  status: decided.status,
                  response: JSON.stringify(body),
                },
              });
              return { status: decided.status, body, replayed: false };
            },
            { timeout: ctx.app.api.queryTimeoutMs },
          );
        } finally {
          await session.close();
        }
      };
      let result: Replay & { replayed: boolean };
      try {
        result = await run();
      } catch (error) {
        // Two retries at once: the other one wrote; answer as it did.
        if (key === undefined || !isKeyCollision(error)) throw error;
        result = await run();
      }
      if (result.replayed) ctx.res.setHeader('Idempotent-Replayed', 'true');
      ctx.res.status(result.status);
      return result.body;
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
