// Neo4j's codes for a query stopped for lack of memory (a transaction past
// db.memory.transaction.max or the database's total, or the heap itself). The driver calls them
// retryable (transient), but the same work would fail the same way: callers do not retry them.

import { Neo4jError } from 'neo4j-driver';

const MEMORY_CODES = new Set([
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.TransientError.General.TransactionMemoryLimit',
  'Neo.TransientError.General.OutOfMemoryError',
  'Neo.ClientError.General.TransactionOutOfMemoryError',
]);

export function isMemoryLimit(error: unknown): boolean {
  return error instanceof Neo4jError && MEMORY_CODES.has(error.code);
}
