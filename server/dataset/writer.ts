// Writes batches of rows with the named load queries: `UNWIND $rows … MERGE`, never a query per
// row. Up to `transactionRows` rows go in one transaction; a load that needs more commits as it
// goes and keeps an undo log, so that a failure in a later transaction is rolled back whole
// (see undo.ts). A transaction Neo4j aborts with a retryable error is written again after a
// bounded back-off. A dry run writes in one transaction and rolls it back.

import { setTimeout as delay } from 'node:timers/promises';
import neo4j, { Neo4jError, type Driver, type Transaction } from 'neo4j-driver';
import type { NodeKind } from '../../model/kinds.ts';
import type { Family } from '../../model/vocabulary.ts';
import { labelQuery, queries, relationshipQuery, type QueryName } from '../cypher/registry.ts';
import { isMemoryLimit } from '../neo4j/memory-limit.ts';
import { trimHeap } from './heap.ts';
import { toNumber } from '../neo4j/values.ts';
import { rollback, UndoLog, type RollbackReport, type UndoEntry } from './undo.ts';

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export type Bucket = { nodes: NodeKind } | { relationships: Family };

export interface Batch {
  query: QueryName;
  /** For relationship queries: the type and endpoint labels that fill __TYPE__, __FROM__, __TO__. */
  relationship?: { type: string; from: string; to: string };
  /** For create-nodes: the label that fills __LABEL__. */
  label?: string;
  bucket: Bucket;
  rows: Record<string, unknown>[];
  /** The documents' text the rows carry, in UTF-16 code units (a transaction holds at most TRANSACTION_TEXT of it). */
  text?: number;
}

export interface WriteResult {
  nodes: Partial<Record<NodeKind, Counts>>;
  relationships: Partial<Record<Family, Counts>>;
  transactions: number;
  /** Transactions written again after a retryable error (see MAX_RETRIES). */
  retries: number;
}

export interface WriteOptions {
  database?: string;
  dryRun?: boolean;
  /** Rows per transaction; a load with more rows than this commits in several (with an undo log). */
  transactionRows?: number;
  /** Total rows, known beforehand: decides whether an undo log is needed. */
  totalRows: number;
  /** Where the undo log goes when one is needed. */
  undoFile: string;
  onProgress?: (done: number) => void;
}

export class LoadFailedError extends Error {
  override name = 'LoadFailedError';
  constructor(
    message: string,
    override readonly cause: unknown,
    readonly rolledBack: RollbackReport | undefined,
  ) {
    super(message);
  }
}

/** What to do when Neo4j stops a load's transaction for lack of memory. */
function memoryAdvice(
  error: Neo4jError,
  dryRun: boolean,
  totalRows: number,
  transactionRows: number,
): string {
  const why = error.message.split('\n')[0];
  return dryRun
    ? `Neo4j ran out of transaction memory for the dry run (${why}). A dry run writes all ${totalRows.toLocaleString('en')} rows ` +
        'in one transaction and rolls it back, so it needs the memory of the whole load at once: dry-run a part of the input, ' +
        'or raise the limit Neo4j names (db.memory.transaction.total.max, db.memory.transaction.max). Nothing was written.'
    : `Neo4j ran out of transaction memory (${why}) in a transaction of up to ${transactionRows.toLocaleString('en')} rows: ` +
        'try a smaller --transaction-rows, or raise the limit Neo4j names';
}

const add = (a: Counts | undefined, b: Counts): Counts =>
  a
    ? { created: a.created + b.created, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged }
    : b;

function toAsyncIterator<T>(items: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in items) return items[Symbol.asyncIterator]();
  const sync = items[Symbol.iterator]();
  return { next: async () => sync.next() };
}

/** What one batch did: its counts, and what undoes it. */
interface Outcome {
  bucket: Bucket;
  counts: Counts;
  undo: UndoEntry;
}

/** Runs one batch in `tx`. */
async function runBatch(tx: Transaction, batch: Batch, undoing: boolean): Promise<Outcome> {
  const rel = batch.relationship;
  const text = rel
    ? relationshipQuery(batch.query, rel.type, rel.from, rel.to)
    : batch.label
      ? labelQuery(batch.query, batch.label)
      : queries[batch.query];
  // New nodes are undone by their ids, which the loader has (and deleting them takes the
  // relationships created to them along): those batches ask Neo4j for no elementIds.
  const undoneByNewIds = batch.query === 'create-nodes' || batch.query === 'create-relationships';
  const { records, summary } = await tx.run(text, { rows: batch.rows, undo: undoing && !undoneByNewIds });
  const record = records[0]!;
  const rows = toNumber(record.get('rows'));
  if (rows !== batch.rows.length) {
    throw new Error(`Loader: ${batch.rows.length - rows} row(s) of ${batch.query} found no endpoint`);
  }
  const changed = toNumber(record.get('changed'));
  const updates = summary.counters.updates();
  const isNodes = 'nodes' in batch.bucket;
  const created = isNodes ? updates.nodesCreated : updates.relationshipsCreated;
  return {
    bucket: batch.bucket,
    counts: { created, updated: changed - created, unchanged: batch.rows.length - changed },
    undo: {
      entity: isNodes ? 'node' : 'relationship',
      created: record.get('created') as string[],
      updated: record.get('updated') as { id: string; before: Record<string, unknown> }[],
      ...(batch.query === 'create-nodes'
        ? { createdIds: { label: batch.label!, ids: batch.rows.map((row) => row.id as string) } }
        : {}),
    },
  };
}

/**
 * Rows per transaction by default. The driver keeps every query's parameters of an open
 * transaction (and the writer keeps its batches to write them again after a retryable error), so
 * this bounds what a large load holds: at 1M stances the loader's peak RSS was 605 and 632 MB with
 * 100,000 rows a transaction, 505 and 597 MB with 20,000 (two runs each; the rest is V8's slack
 * over a live heap of 80–160 MB). Smaller transactions do not slow Neo4j down (the load
 * benchmark's ceiling commits every 10,000 rows).
 */
export const DEFAULT_TRANSACTION_ROWS = 20_000;

/**
 * Document text per transaction, at most (UTF-16 code units; with `transactionRows`, whichever
 * comes first): the open transaction's rows are kept until it commits, and 20,000 documents of a
 * few kilobytes each would be 80 MB of it.
 */
export const TRANSACTION_TEXT = 8_000_000;

/** How often a transaction is tried again after an error the driver calls retryable. */
export const MAX_RETRIES = 4;

/** Bounded exponential back-off with jitter: about 0.2 s, 0.4 s, 0.8 s, 1.6 s, never above 2 s. */
export function backOffMs(attempt: number): number {
  return Math.min(200 * 2 ** (attempt - 1), 2000) * (0.75 + Math.random() / 4);
}

export async function writeBatches(
  driver: Driver,
  batches: Iterable<Batch> | AsyncIterable<Batch>,
  options: WriteOptions,
): Promise<WriteResult> {
  const {
    database,
    dryRun = false,
    transactionRows = DEFAULT_TRANSACTION_ROWS,
    totalRows,
    onProgress = () => {},
  } = options;
  const multi = !dryRun && totalRows > transactionRows;
  const undo = multi ? new UndoLog(options.undoFile) : undefined;
  const result: WriteResult = { nodes: {}, relationships: {}, transactions: 1, retries: 0 };
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  let tx: Transaction = session.beginTransaction();
  let inTransaction = 0;
  let textInTransaction = 0;
  let done = 0;
  // The open transaction's batches, kept until it commits: when Neo4j aborts it with an error the
  // driver calls retryable (a deadlock, a leader switch, Neo4j briefly away), they are written
  // again in a new transaction after a back-off, instead of the whole load being rolled back.
  // (At most `transactionRows` rows are kept.) A failed commit is never retried: it may have
  // committed.
  let txBatches: Batch[] = [];
  let outcomes: Outcome[] = [];
  let retries = 0;
  const advance = async (): Promise<void> => {
    for (;;) {
      try {
        while (outcomes.length < txBatches.length)
          outcomes.push(await runBatch(tx, txBatches[outcomes.length]!, multi));
        return;
      } catch (error) {
        if (!Neo4jError.isRetryable(error) || isMemoryLimit(error) || retries >= MAX_RETRIES) throw error;
        retries++;
        result.retries++;
        if (tx.isOpen()) await tx.rollback().catch(() => {});
        await delay(backOffMs(retries));
        tx = session.beginTransaction();
        outcomes = [];
      }
    }
  };
  /** Counts and undo entries of the open transaction, once it is to commit. */
  const settle = () => {
    for (const { bucket, counts, undo: entry } of outcomes) {
      if ('nodes' in bucket) result.nodes[bucket.nodes] = add(result.nodes[bucket.nodes], counts);
      else
        result.relationships[bucket.relationships] = add(result.relationships[bucket.relationships], counts);
      undo?.append(entry);
    }
    txBatches = [];
    outcomes = [];
    retries = 0;
  };
  try {
    // The next batch is prepared (files read, records parsed and converted) while Neo4j writes
    // the current one: Node and Neo4j work at the same time.
    const iterator = toAsyncIterator(batches);
    let next = iterator.next();
    next.catch(() => {}); // handled when awaited
    for (;;) {
      const step = await next;
      if (step.done) break;
      const batch = step.value;
      next = iterator.next();
      next.catch(() => {});
      const text = batch.text ?? 0;
      const full =
        inTransaction + batch.rows.length > transactionRows || textInTransaction + text > TRANSACTION_TEXT;
      if (multi && inTransaction > 0 && full) {
        settle();
        undo!.sync();
        const committed = tx.commit();
        trimHeap(); // while Neo4j commits: the committed rows go at once (heap.ts)
        await committed;
        tx = session.beginTransaction();
        result.transactions++;
        inTransaction = 0;
        textInTransaction = 0;
      }
      txBatches.push(batch);
      await advance();
      inTransaction += batch.rows.length;
      textInTransaction += text;
      done += batch.rows.length;
      onProgress(done);
    }
    settle();
    if (dryRun) await tx.rollback();
    else {
      undo?.sync();
      await tx.commit();
    }
    undo?.discard();
    return result;
  } catch (caught) {
    if (tx.isOpen()) await tx.rollback().catch(() => {});
    const error = isMemoryLimit(caught)
      ? new LoadFailedError(
          memoryAdvice(caught as Neo4jError, dryRun, totalRows, transactionRows),
          caught,
          undefined,
        )
      : caught;
    if (!undo) throw error;
    undo.close();
    let rolledBack: RollbackReport;
    try {
      rolledBack = await rollback(driver, undo.file, database);
    } catch (rollbackError) {
      throw new LoadFailedError(
        `Loader: ${(error as Error).message}. Rolling back the transactions already committed failed too ` +
          `(${(rollbackError as Error).message}); when Neo4j is back, run \`stancegraph rollback ${undo.file}\`.`,
        error,
        undefined,
      );
    }
    undo.discard();
    throw new LoadFailedError(
      `Loader: ${(error as Error).message}. The load had committed ${result.transactions - 1} of its transactions; ` +
        `they were rolled back (${rolledBack.deletedNodes} nodes and ${rolledBack.deletedRelationships} relationships deleted, ` +
        `${rolledBack.restoredNodes + rolledBack.restoredRelationships} restored): the graph is as it was.`,
      error,
      rolledBack,
    );
  } finally {
    await session.close();
  }
}
