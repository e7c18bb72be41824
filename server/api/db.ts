// How the API reads Neo4j: one read transaction, one attempt, a server-side timeout. No driver
// retries on purpose: when Neo4j is down or restarting the API answers 503 with Retry-After at
// once (executeQuery would keep a request waiting for up to 30 s of retries), and a console query
// that timed out must not run a second time. A `neo4j://` URI still routes these reads to readers.

import neo4j, { type Driver, type Record as Neo4jRecord, type Session, type Transaction } from 'neo4j-driver';
import { queries, type QueryName } from '../cypher/registry.ts';
import { interruptionOrTimeout } from './neo4j-errors.ts';

export interface Db {
  driver: Driver;
  database: string | undefined;
}

export interface ReadOptions {
  timeoutMs: number;
  /** Records fetched per round trip (the driver's default is 1000). */
  fetchSize?: number;
  /** Aborts the transaction (a client that went away): the session is closed, Neo4j stops the query. */
  signal?: AbortSignal;
}

/** A read session that closes when `signal` aborts (Neo4j then stops its query). */
function readSession(db: Db, options: ReadOptions): { session: Session; close(): Promise<void> } {
  const session = db.driver.session({
    database: db.database,
    defaultAccessMode: neo4j.session.READ,
    // The bookmarks of the API's writes (server/write/route.ts): a read right after a write sees it.
    bookmarkManager: db.driver.executeQueryBookmarkManager,
    ...(options.fetchSize ? { fetchSize: options.fetchSize } : {}),
  });
  const abort = () => void session.close();
  options.signal?.addEventListener('abort', abort, { once: true });
  return {
    session,
    close: async () => {
      options.signal?.removeEventListener('abort', abort);
      await session.close();
    },
  };
}

export async function readTransaction<T>(
  db: Db,
  options: ReadOptions,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const { session, close } = readSession(db, options);
  const started = performance.now();
  try {
    const tx = session.beginTransaction({ timeout: options.timeoutMs });
    try {
      return await work(tx);
    } catch (error) {
      throw interruptionOrTimeout(error, performance.now() - started, options.timeoutMs);
    } finally {
      // A read has nothing to commit; rolling back also discards records a caller chose not to
      // read (the console's row cap) instead of pulling them.
      if (tx.isOpen()) await tx.rollback().catch(() => {});
    }
  } finally {
    await close();
  }
}

/**
 * Streams one named query as a read in a session of its own (an auto-commit transaction), with the
 * server-side timeout. For the many small queries of one request: neo4j-driver keeps every query a
 * session or transaction has run, parameters included, until it closes
 * (neo4j/neo4j-javascript-driver#1186), so those would pile up in a shared one. Stops the query
 * (closes the session) when the caller stops reading or `signal` aborts.
 */
export async function* readStream(
  db: Db,
  name: QueryName,
  params: Record<string, unknown>,
  options: ReadOptions,
): AsyncGenerator<Neo4jRecord> {
  const { session, close } = readSession(db, options);
  const started = performance.now();
  try {
    yield* session.run(queries[name], params, { timeout: options.timeoutMs });
  } catch (error) {
    throw interruptionOrTimeout(error, performance.now() - started, options.timeoutMs);
  } finally {
    await close();
  }
}

/** Runs one named query of cypher/queries in a read transaction and returns its records. */
export async function readQuery(
  db: Db,
  name: QueryName,
  params: Record<string, unknown>,
  options: ReadOptions,
): Promise<Neo4jRecord[]> {
  return readTransaction(db, options, async (tx) => (await tx.run(queries[name], params)).records);
}
