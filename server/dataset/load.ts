// Loads datasets into Neo4j: validate everything first, then write everything in one transaction
// with batched `UNWIND $rows … MERGE` (never a query per row), so a load is all-or-nothing and a
// second load of the same files changes nothing. --dry-run writes the same way and rolls back.

import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { isActorKind, kindOfId, type NodeKind } from '../../model/kinds.ts';
import { needsProvenance, relationshipType } from '../../model/vocabulary.ts';
import { queries, type QueryName } from '../cypher/registry.ts';
import { bulkBatches, isBulkFolder, validateBulk } from './bulk.ts';
import { writeBatches, type Batch, type Bucket, type WriteResult } from './writer.ts';
import { applySchema } from '../neo4j/schema.ts';
import { DatasetValidationError } from './errors.ts';
import {
  validateFiles,
  type ExistingNode,
  type LookupExisting,
  type ResolvedDataset,
  type ResolvedNode,
  type ResolvedRelationship,
} from './validate.ts';
import { kindOfLabels } from '../../model/kinds.ts';

export interface LoadReport extends WriteResult {
  dryRun: boolean;
  files: string[];
  derivedMentions: number;
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
}

const DATE_FIELDS = new Set(['published', 'date']);
const EVENT_DATE_FIELDS = new Set(['date', 'start', 'end']);
const INTEGER_FIELDS = new Set(['start', 'end']);

function toDate(value: string): neo4j.Date<number> {
  const [year, month, day] = value.split('-').map(Number);
  return new neo4j.types.Date(year!, month!, day!);
}

/** Properties as Neo4j stores them: dates as Date, offsets as Integer, no undefined values. */
export function nodeProperties(node: ResolvedNode): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node.record)) {
    if (value === undefined) continue;
    const isDate = node.kind === 'Event' ? EVENT_DATE_FIELDS.has(key) : DATE_FIELDS.has(key);
    props[key] = isDate ? toDate(value as string) : value;
  }
  return props;
}

export function relationshipProperties(rel: ResolvedRelationship): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rel)) {
    if (value === undefined || ['type', 'from', 'to', 'keyed'].includes(key)) continue;
    props[key] = DATE_FIELDS.has(key)
      ? toDate(value as string)
      : INTEGER_FIELDS.has(key)
        ? neo4j.int(value as number)
        : value;
  }
  return props;
}

/** Looks up ids in the graph, for references to entities loaded earlier. */
export function graphLookup(driver: Driver, database?: string): LookupExisting {
  return async (ids) => {
    const found = new Map<string, ExistingNode>();
    for (let at = 0; at < ids.length; at += 10_000) {
      const { records } = await driver.executeQuery(
        queries['existing-ids'],
        { ids: ids.slice(at, at + 10_000), withText: true },
        { database, routing: neo4j.routing.READ },
      );
      for (const record of records) {
        const kind = kindOfLabels(record.get('labels') as string[]);
        if (!kind) continue;
        found.set(record.get('id') as string, {
          kind,
          text: (record.get('text') as string | null) ?? undefined,
          published: (record.get('published') as string | null) ?? undefined,
        });
      }
    }
    return found;
  };
}

/** Which of `ids` (the ids an input defines) the graph does not hold yet (batched look-ups). */
export async function newIds(driver: Driver, ids: Iterable<string>, database?: string): Promise<Set<string>> {
  const all = [...ids];
  const found = new Set<string>();
  for (let at = 0; at < all.length; at += 10_000) {
    const { records } = await driver.executeQuery(
      queries['existing-ids'],
      { ids: all.slice(at, at + 10_000), withText: false },
      { database, routing: neo4j.routing.READ },
    );
    for (const record of records) found.add(record.get('id') as string);
  }
  return new Set(all.filter((id) => !found.has(id)));
}

interface Step {
  query: QueryName;
  relationship?: Batch['relationship'];
  rows: Record<string, unknown>[];
  /** Where its counts go in the report. */
  bucket: Bucket;
}

export const NODE_QUERY: Record<NodeKind, QueryName> = {
  Person: 'load-actors',
  Institution: 'load-actors',
  Country: 'load-actors',
  Claim: 'load-claims',
  Topic: 'load-topics',
  Event: 'load-events',
  Document: 'load-documents',
};

/** The label a relationship's endpoint is found by: Actor for every actor kind, else its kind. */
export function endpointLabel(id: string): string {
  const kind = kindOfId(id)!;
  return isActorKind(kind) ? 'Actor' : kind;
}

/**
 * Relationships that one load query can write together: same type, same endpoint labels, and
 * `fresh` (an endpoint is new in this load, so the relationship cannot exist yet and is created
 * without MERGE's search) or not.
 */
export function relationshipGroup(
  rel: Pick<ResolvedRelationship, 'type' | 'from' | 'to' | 'record'>,
  fresh: boolean,
): string {
  const byRecord = rel.record !== undefined ? '|record' : '';
  return `${rel.type}|${endpointLabel(rel.from)}|${endpointLabel(rel.to)}|${fresh}${byRecord}`;
}

/** The load query, its filling and the report bucket for a relationship's group. */
export function relationshipQueryOf(
  rel: Pick<ResolvedRelationship, 'type' | 'from' | 'to' | 'record'>,
  fresh: boolean,
): Pick<Batch, 'query' | 'relationship' | 'bucket'> {
  const family = relationshipType(rel.type)!.family;
  return {
    query: fresh
      ? 'create-relationships'
      : rel.record !== undefined
        ? 'load-record-relationships'
        : needsProvenance(family)
          ? 'load-keyed-relationships'
          : 'load-relationships',
    relationship: { type: rel.type, from: endpointLabel(rel.from), to: endpointLabel(rel.to) },
    bucket: { relationships: family },
  };
}

/** A relationship as a row of the load queries; provenance relationships are keyed by (doc, start). */
export function relationshipRow(rel: ResolvedRelationship): Record<string, unknown> {
  const props = relationshipProperties(rel);
  if (rel.record !== undefined)
    return { from: rel.from, to: rel.to, source: rel.source, record: rel.record, props };
  return { from: rel.from, to: rel.to, ...(rel.keyed ? { doc: rel.doc, start: props.start } : {}), props };
}

/** The writes, in order: nodes first (by kind), then relationships (by family). */
export function planSteps(dataset: ResolvedDataset, fresh: Set<string>): Step[] {
  const steps: Step[] = [];
  const byKind = new Map<NodeKind, ResolvedNode[]>();
  for (const node of dataset.nodes) {
    const list = byKind.get(node.kind) ?? [];
    byKind.set(node.kind, list);
    list.push(node);
  }
  for (const [kind, nodes] of byKind) {
    steps.push({
      query: NODE_QUERY[kind],
      bucket: { nodes: kind },
      rows: nodes.map((node) => ({
        id: node.id,
        ...(isActorKind(node.kind) ? { kind: node.kind } : {}),
        props: nodeProperties(node),
      })),
    });
  }
  // The input holds each relationship once (validation merged identical ones), so one with a
  // new endpoint can be created outright.
  const byGroup = new Map<string, { fresh: boolean; rels: ResolvedRelationship[] }>();
  for (const rel of dataset.relationships) {
    const isFresh = fresh.has(rel.from) || fresh.has(rel.to);
    const group = relationshipGroup(rel, isFresh);
    const entry = byGroup.get(group) ?? { fresh: isFresh, rels: [] };
    byGroup.set(group, entry);
    entry.rels.push(rel);
  }
  for (const { fresh: isFresh, rels } of byGroup.values()) {
    steps.push({ ...relationshipQueryOf(rels[0]!, isFresh), rows: rels.map(relationshipRow) });
  }
  return steps;
}

function* batchesOf(steps: Step[], batchSize: number): Generator<Batch> {
  for (const step of steps) {
    for (let at = 0; at < step.rows.length; at += batchSize) {
      yield {
        query: step.query,
        relationship: step.relationship,
        bucket: step.bucket,
        rows: step.rows.slice(at, at + batchSize),
      };
    }
  }
}

export function undoFile(undoDir: string): string {
  return path.join(
    undoDir,
    `load-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.undo.jsonl`,
  );
}

/**
 * Validates `files` as a whole and loads them in one transaction. Throws DatasetValidationError
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
  try {
    if (folders[0] !== undefined) {
      let fresh: Promise<Set<string>> | undefined;
      const { issues, index } = await validateBulk(folders[0], lookup, {
        onNodeIds: (ids) => (fresh = meanwhile(newIds(driver, ids, database))),
      });
      if (!index) throw new DatasetValidationError(issues);
      batches = bulkBatches(index, batchSize, await fresh!);
      ({ totalRows, derivedMentions } = index);
    } else {
      const { issues, dataset } = await validateFiles(files, lookup);
      if (!dataset) throw new DatasetValidationError(issues);
      const steps = planSteps(
        dataset,
        await newIds(
          driver,
          dataset.nodes.map((node) => node.id),
          database,
        ),
      );
      batches = batchesOf(steps, batchSize);
      totalRows = steps.reduce((sum, step) => sum + step.rows.length, 0);
      derivedMentions = dataset.derivedMentions;
    }
    await schema;
  } catch (error) {
    await Promise.allSettled(pending);
    throw error;
  }
  const validationMs = Math.round(performance.now() - started);
  const written = await writeBatches(driver, batches, {
    database,
    dryRun,
    totalRows,
    transactionRows: options.transactionRows,
    undoFile: undoFile(options.undoDir ?? path.join(os.tmpdir(), 'stancegraph-loads')),
    onProgress: (done) => onProgress(done, totalRows),
  });
  return {
    ...written,
    dryRun,
    files,
    derivedMentions,
    elapsedMs: Math.round(performance.now() - started),
    validationMs,
  };
}
