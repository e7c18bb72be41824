// Loads datasets into Neo4j: validate everything first, then write everything in one transaction
// with batched `UNWIND $rows … MERGE` (never a query per row), so a load is all-or-nothing and a
// second load of the same files changes nothing. --dry-run writes the same way and rolls back.

import neo4j, { type Driver, type ManagedTransaction, type Transaction } from 'neo4j-driver';
import { isActorKind, type NodeKind } from '../../model/kinds.ts';
import { relationshipType, type Family } from '../../model/vocabulary.ts';
import { queries, type QueryName } from '../cypher/registry.ts';
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

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface LoadReport {
  dryRun: boolean;
  files: string[];
  nodes: Partial<Record<NodeKind, Counts>>;
  relationships: Partial<Record<Family, Counts>>;
  derivedMentions: number;
  elapsedMs: number;
}

export interface LoadOptions {
  database?: string;
  dryRun?: boolean;
  batchSize?: number;
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
    const { records } = await driver.executeQuery(
      queries['existing-ids'],
      { ids },
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
    return found;
  };
}

interface Step {
  query: QueryName;
  rows: Record<string, unknown>[];
  /** Where its counts go in the report. */
  bucket: { nodes: NodeKind } | { relationships: Family };
}

const NODE_QUERY: Record<NodeKind, QueryName> = {
  Person: 'load-actors',
  Institution: 'load-actors',
  Country: 'load-actors',
  Claim: 'load-claims',
  Topic: 'load-topics',
  Event: 'load-events',
  Document: 'load-documents',
};

/** The writes, in order: nodes first (by kind), then relationships (by family). */
export function planSteps(dataset: ResolvedDataset): Step[] {
  const steps: Step[] = [];
  const byKind = new Map<NodeKind, ResolvedNode[]>();
  for (const node of dataset.nodes) byKind.set(node.kind, [...(byKind.get(node.kind) ?? []), node]);
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
  const byFamily = new Map<Family, ResolvedRelationship[]>();
  for (const rel of dataset.relationships) {
    const family = relationshipType(rel.type)!.family;
    byFamily.set(family, [...(byFamily.get(family) ?? []), rel]);
  }
  for (const [family, rels] of byFamily) {
    const keyed = rels[0]!.keyed;
    steps.push({
      query: keyed ? 'load-keyed-relationships' : 'load-relationships',
      bucket: { relationships: family },
      rows: rels.map((rel) => ({
        from: rel.from,
        type: rel.type,
        to: rel.to,
        ...(keyed ? { doc: rel.doc, start: neo4j.int(rel.start!) } : {}),
        props: relationshipProperties(rel),
      })),
    });
  }
  return steps;
}

async function runSteps(
  tx: ManagedTransaction | Transaction,
  steps: Step[],
  batchSize: number,
  report: LoadReport,
  onProgress: (done: number) => void,
): Promise<void> {
  let done = 0;
  for (const step of steps) {
    const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
    for (let at = 0; at < step.rows.length; at += batchSize) {
      const batch = step.rows.slice(at, at + batchSize);
      const result = await tx.run(queries[step.query], { rows: batch });
      const record = result.records[0];
      const rows = record ? (record.get('rows') as neo4j.Integer).toNumber() : 0;
      if (rows !== batch.length) {
        throw new Error(
          `Loader: ${batch.length - rows} row(s) of ${step.query} found no endpoint; nothing was written`,
        );
      }
      const changed = (record!.get('changed') as neo4j.Integer).toNumber();
      const u = result.summary.counters.updates();
      const created = 'nodes' in step.bucket ? u.nodesCreated : u.relationshipsCreated;
      counts.created += created;
      counts.updated += changed - created;
      counts.unchanged += batch.length - changed;
      done += batch.length;
      onProgress(done);
    }
    if ('nodes' in step.bucket)
      report.nodes[step.bucket.nodes] = add(report.nodes[step.bucket.nodes], counts);
    else
      report.relationships[step.bucket.relationships] = add(
        report.relationships[step.bucket.relationships],
        counts,
      );
  }
}

const add = (a: Counts | undefined, b: Counts): Counts =>
  a
    ? { created: a.created + b.created, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged }
    : b;

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
  const { database, dryRun = false, batchSize = 1000, onProgress = () => {} } = options;
  if (!dryRun) await applySchema(driver, database);
  const { issues, dataset } = await validateFiles(files, graphLookup(driver, database));
  if (!dataset) throw new DatasetValidationError(issues);

  const steps = planSteps(dataset);
  const total = steps.reduce((sum, step) => sum + step.rows.length, 0);
  const fresh = (): LoadReport => ({
    dryRun,
    files,
    nodes: {},
    relationships: {},
    derivedMentions: dataset.derivedMentions,
    elapsedMs: 0,
  });
  let report = fresh();
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  try {
    if (dryRun) {
      const tx = session.beginTransaction();
      try {
        await runSteps(tx, steps, batchSize, report, (done) => onProgress(done, total));
      } finally {
        await tx.rollback();
      }
    } else {
      await session.executeWrite(async (tx) => {
        report = fresh(); // a retried transaction starts its counts again
        await runSteps(tx, steps, batchSize, report, (done) => onProgress(done, total));
      });
    }
  } finally {
    await session.close();
  }
  report.elapsedMs = Math.round(performance.now() - started);
  return report;
}
