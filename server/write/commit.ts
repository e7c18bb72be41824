// The write path every change takes (the write routes, background extraction): one write
// transaction that decides the change, applies it (before → after), records it in the change log
// (who, when, before, after) and, with an Idempotency-Key, keeps the answer, so that a retried
// request gets it again without writing twice. The session passes the driver's bookmarks: a read
// right after a write sees it.

import { randomUUID } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { queries } from '../cypher/registry.ts';
import type { Db } from '../api/db.ts';
import { ProblemError } from '../api/problem.ts';
import { applyState, type GraphState } from './state.ts';

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

/** What a committed (or replayed) write answers. */
export interface CommitResult {
  status: number;
  body: unknown;
  /** The answer of an earlier request with the same Idempotency-Key; nothing was written now. */
  replayed: boolean;
}

/**
 * The write path every change takes (the write routes, background extraction): one write
 * transaction that decides the change (`plan`), applies it, and records it in the change log;
 * with an idempotency key, a retry gets the first answer again and writes nothing.
 */
export async function commitWrite(
  db: Db,
  options: { who: string; key?: string | undefined; fingerprint: string; timeoutMs: number },
  plan: (tx: ManagedTransaction) => Promise<WritePlan>,
): Promise<CommitResult> {
  const { driver, database } = db;
  const { who, key, fingerprint } = options;
  const run = async (): Promise<CommitResult> => {
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
          const decided = await plan(tx);
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
        { timeout: options.timeoutMs },
      );
    } finally {
      await session.close();
    }
  };
  try {
    return await run();
  } catch (error) {
    // Two retries at once: the other one wrote; answer as it did.
    if (key === undefined || !isKeyCollision(error)) throw error;
    return await run();
  }
}
