// Loads datasets into Neo4j: validate everything first (validate.ts, or bulk.ts for a JSON Lines
// folder), then write the planned rows (plan.ts) in batches of `UNWIND $rows … MERGE` (writer.ts):
// one transaction up to `transactionRows` rows, beyond that several, with an undo log so that a
// failed load is rolled back whole. A second load of the same files changes nothing; --dry-run
// writes in one transaction and rolls it back.

import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { bulkBatches, isBulkFolder, validateBulk, type BulkIndex } from './bulk.ts';
import { DatasetValidationError } from './errors.ts';
import { graphCounts, graphLookup, mergedIds, newIds } from './lookup.ts';
import { withoutMerged } from './merged.ts';
import { batchesOf, planSteps } from './plan.ts';
import { validateFiles } from './validate.ts';
import { writeBatches, type Batch, type WriteResult } from './writer.ts';
import { applySchema } from '../neo4j/schema.ts';

export interface LoadReport extends WriteResult {
  dryRun: boolean;
  files: string[];
  derivedMentions: number;
  /**
   * Nodes the input defines under ids that were merged into another node (POST /api/merges): not
   * written again; their relationships and references to them go to the node each became.
   */
  mergedSkipped: { id: string; into: string }[];
  elapsedMs: number;
  /** Of elapsedMs: the time before the first write (validation; the schema and id look-ups alongside). */
  validationMs: number;
}

/**
 * Rows per `UNWIND` batch by default: at 100k stances a load took 27.3 s in batches of 10,000
 * against 29.8 s in batches of 5,000 (fewer round trips and query executions); a batch of 10,000
 * rows is a few MB on the wire.
 */
export const DEFAULT_BATCH_SIZE = 10_000;

export interface LoadOptions {
  database?: string;
  dryRun?: boolean;
  /** Rows per `UNWIND` batch. */
  batchSize?: number;
  /** Rows per transaction; larger loads commit in several, with an undo log (writer.ts). */
  transactionRows?: number;
  /** Where undo logs go: $STANCEGRAPH_HOME/loads. */
  undoDir?: string;
  onProgress?: (done: number, total: number) => void;
  /** The largest document text (STANCEGRAPH_MAX_TEXT_BYTES). */
  maxTextBytes?: number;
}

export function undoFile(undoDir: string): string {
  return path.join(
    undoDir,
    `load-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.undo.jsonl`,
  );
}

/**
 * Validates `files` as a whole and loads them (all-or-nothing: see writer.ts). Throws DatasetValidationError
 * (listing every issue, with nothing written) when the input is invalid.
 */
export async function loadFiles(
  driver: Driver,
  files: string[],
  options: LoadOptions = {},
): Promise<LoadReport> {
  const started = performance.now();
  const { database, dryRun = false, batchSize = DEFAULT_BATCH_SIZE, onProgress = () => {} } = options;
  const folders = files.filter(isBulkFolder);
  if (folders.length > 0 && files.length > 1) {
    throw new Error('Loader: give one bulk folder (JSON Lines), or dataset files (YAML/JSON), not both');
  }
  const lookup = graphLookup(driver, database);
  // Neo4j would sit idle while Node validates: the schema goes in meanwhile, and so does the
  // look-up of the ids the input defines, as soon as they are known (both only read or are
  // idempotent, and the schema was applied before validation anyway).
  const pending: Promise<unknown>[] = [];
  const meanwhile = <T>(work: Promise<T>): Promise<T> => {
    work.catch(() => {}); // awaited below
    pending.push(work);
    return work;
  };
  const schema = dryRun ? undefined : meanwhile(applySchema(driver, database));

  let batches: Iterable<Batch> | AsyncIterable<Batch>;
  let totalRows: number;
  let derivedMentions: number;
  let mergedSkipped: { id: string; into: string }[] = [];
  /** The bulk validation's index (its spooled texts), released once written. */
  let bulkIndex: BulkIndex | undefined;
  try {
    if (folders[0] !== undefined) {
      // Into an empty graph (the first load of a big folder) nothing needs looking up: every
      // reference must be in the folder and every id is new, which saves a pass over the
      // relationships to collect references.
      const emptyGraph = (await graphCounts(driver, database)).nodes === 0;
      let fresh: Promise<Set<string>> | undefined;
      let merged: Promise<Map<string, string>> = Promise.resolve(new Map());
      const { issues, index } = await validateBulk(folders[0], lookup, {
        onNodeIds: (ids) => {
          if (!emptyGraph) merged = meanwhile(mergedIds(driver, ids, database));
          fresh = meanwhile(emptyGraph ? Promise.resolve(new Set(ids)) : newIds(driver, ids, database));
        },
        maxTextBytes: options.maxTextBytes,
        emptyGraph,
      });
      if (!index) throw new DatasetValidationError(issues);
      bulkIndex = index;
      const mergedMap = await merged;
      mergedSkipped = [...mergedMap].map(([id, into]) => ({ id, into }));
      batches = bulkBatches(index, batchSize, await fresh!, mergedMap);
      ({ totalRows, derivedMentions } = index);
    } else {
      const { issues, dataset: validated } = await validateFiles(files, lookup, {
        maxTextBytes: options.maxTextBytes,
      });
      if (!validated) throw new DatasetValidationError(issues);
      const defined = validated.nodes.map((node) => node.id);
      const [fresh, merged] = await Promise.all([
        newIds(driver, defined, database),
        mergedIds(driver, defined, database),
      ]);
      const { dataset, skipped } = withoutMerged(validated, merged);
      mergedSkipped = skipped.map((id) => ({ id, into: merged.get(id)! }));
      const steps = planSteps(dataset, fresh);
      batches = batchesOf(steps, batchSize);
      totalRows = steps.reduce((sum, step) => sum + step.rows.length, 0);
      derivedMentions = dataset.derivedMentions;
    }
    await schema;
  } catch (error) {
    bulkIndex?.close();
    await Promise.allSettled(pending);
    throw error;
  }
  const validationMs = Math.round(performance.now() - started);
  let written: WriteResult;
  try {
    written = await writeBatches(driver, batches, {
      database,
      dryRun,
      totalRows,
      transactionRows: options.transactionRows,
      undoFile: undoFile(options.undoDir ?? path.join(os.tmpdir(), 'stancegraph-loads')),
      onProgress: (done) => onProgress(done, totalRows),
    });
  } finally {
    bulkIndex?.close();
  }
  return {
    ...written,
    dryRun,
    files,
    derivedMentions,
    mergedSkipped,
    elapsedMs: Math.round(performance.now() - started),
    validationMs,
  };
}
