// Writes batches of rows with the named load queries: `UNWIND $rows … MERGE`, never a query per
// row. Up to `transactionRows` rows go in one transaction; a load that needs more commits as it
// goes and keeps an undo log, so that a failure in a later transaction is rolled back whole
// (see undo.ts). A dry run writes in one transaction and rolls it back.

import neo4j, { type Driver, type Transaction } from 'neo4j-driver';
import type { NodeKind } from '../../model/kinds.ts';
import type { Family } from '../../model/vocabulary.ts';
import { labelQuery, queries, relationshipQuery, type QueryName } from '../cypher/registry.ts';
import { toNumber } from '../neo4j/values.ts';
import { rollback, UndoLog, type RollbackReport } from './undo.ts';

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
}

export interface WriteResult {
  nodes: Partial<Record<NodeKind, Counts>>;
  relationships: Partial<Record<Family, Counts>>;
  transactions: number;
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

const add = (a: Counts | undefined, b: Counts): Counts =>
  a
    ? { created: a.created + b.created, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged }
    : b;

function toAsyncIterator<T>(items: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in items) return items[Symbol.asyncIterator]();
  const sync = items[Symbol.iterator]();
  return { next: async () => sync.next() };
}

export async function writeBatches(
  driver: Driver,
  batches: Iterable<Batch> | AsyncIterable<Batch>,
  options: WriteOptions,
): Promise<WriteResult> {
  const { database, dryRun = false, transactionRows = 100_000, totalRows, onProgress = () => {} } = options;
  const multi = !dryRun && totalRows > transactionRows;
  const undo = multi ? new UndoLog(options.undoFile) : undefined;
  const result: WriteResult = { nodes: {}, relationships: {}, transactions: 1 };
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  let tx: Transaction = session.beginTransaction();
  let inTransaction = 0;
  let done = 0;
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
      if (multi && inTransaction > 0 && inTransaction + batch.rows.length > transactionRows) {
        undo!.sync();
        await tx.commit();
        tx = session.beginTransaction();
        result.transactions++;
        inTransaction = 0;
      }
      const rel = batch.relationship;
      const text = rel
        ? relationshipQuery(batch.query, rel.type, rel.from, rel.to)
        : batch.label
          ? labelQuery(batch.query, batch.label)
          : queries[batch.query];
      // New nodes are undone by their ids, which the loader has (and deleting them takes the
      // relationships created to them along): those batches ask Neo4j for no elementIds.
      const undoneByNewIds = batch.query === 'create-nodes' || batch.query === 'create-relationships';
      const { records, summary } = await tx.run(text, { rows: batch.rows, undo: multi && !undoneByNewIds });
      const record = records[0]!;
      const rows = toNumber(record.get('rows'));
      if (rows !== batch.rows.length) {
        throw new Error(`Loader: ${batch.rows.length - rows} row(s) of ${batch.query} found no endpoint`);
      }
      const changed = toNumber(record.get('changed'));
      const updates = summary.counters.updates();
      const isNodes = 'nodes' in batch.bucket;
      const created = isNodes ? updates.nodesCreated : updates.relationshipsCreated;
      const counts = { created, updated: changed - created, unchanged: batch.rows.length - changed };
      if ('nodes' in batch.bucket)
        result.nodes[batch.bucket.nodes] = add(result.nodes[batch.bucket.nodes], counts);
      else
        result.relationships[batch.bucket.relationships] = add(
          result.relationships[batch.bucket.relationships],
          counts,
        );
      undo?.append({
        entity: isNodes ? 'node' : 'relationship',
        created: record.get('created') as string[],
        updated: record.get('updated') as { id: string; before: Record<string, unknown> }[],
        ...(batch.query === 'create-nodes'
          ? { createdIds: { label: batch.label!, ids: batch.rows.map((row) => row.id as string) } }
          : {}),
      });
      inTransaction += batch.rows.length;
      done += batch.rows.length;
      onProgress(done);
    }
    if (dryRun) await tx.rollback();
    else await tx.commit();
    undo?.discard();
    return result;
  } catch (error) {
    if (tx.isOpen()) await tx.rollback().catch(() => {});
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
