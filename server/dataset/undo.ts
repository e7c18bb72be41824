// The undo log of a load larger than one transaction: what each committed transaction created
// (elementIds, or the ids of nodes that were new, which take their relationships with them) and
// changed (properties before the change), appended to a JSON Lines file before
// the next transaction starts. When a later transaction fails, the log is played back (created
// relationships and nodes deleted, changed ones restored) so the load as a whole leaves nothing.
// A crash mid-load leaves the file; `stancegraph rollback <file>` plays it back then.

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import neo4j, { type Driver } from 'neo4j-driver';
import { labelQuery, queries } from '../cypher/registry.ts';
import { ensurePrivateDir } from '../neo4j/credentials.ts';
import { toNeo4jDate, toNumber } from '../neo4j/values.ts';

export type Entity = 'node' | 'relationship';

export interface UndoEntry {
  entity: Entity;
  /** elementIds of what the transaction created. */
  created?: string[];
  /** Nodes created new (create-nodes), by label and id: deleted with their relationships. */
  createdIds?: { label: string; ids: string[] };
  updated?: { id: string; before: Record<string, unknown> }[];
}

/** JSON with Neo4j's Date and Integer kept as tagged values, so before-images restore exactly. */
function encode(value: unknown): unknown {
  if (neo4j.isInt(value)) return { $int: (value as neo4j.Integer).toString() };
  if (neo4j.isDate(value)) return { $date: String(value) };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encode(item)]));
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const tagged = value as { $int?: string; $date?: string };
    if (tagged.$int !== undefined) return neo4j.int(tagged.$int);
    if (tagged.$date !== undefined) return toNeo4jDate(tagged.$date);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decode(item)]));
  }
  return value;
}

export class UndoLog {
  private fd: number | undefined;
  entries = 0;

  constructor(readonly file: string) {
    // Owner-only: an undo log holds the graph's earlier values.
    ensurePrivateDir(path.dirname(file));
    this.fd = fs.openSync(file, 'w', 0o600);
  }

  append(entry: UndoEntry): void {
    if (!entry.created?.length && !entry.updated?.length && !entry.createdIds?.ids.length) return;
    fs.writeSync(this.fd!, `${JSON.stringify(encode(entry))}\n`);
    this.entries++;
  }

  /** Makes what was appended durable; called before each commit. */
  sync(): void {
    fs.fsyncSync(this.fd!);
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  discard(): void {
    this.close();
    fs.rmSync(this.file, { force: true });
  }
}

async function* readEntries(file: string): AsyncGenerator<UndoEntry> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield decode(JSON.parse(line)) as UndoEntry;
}

export interface RollbackReport {
  deletedRelationships: number;
  restoredRelationships: number;
  restoredNodes: number;
  deletedNodes: number;
}

/**
 * Plays an undo log back: relationships first (restore, then delete what was created), then
 * nodes. Each batch is its own transaction; playing a log twice is harmless.
 */
export async function rollback(
  driver: Driver,
  file: string,
  database?: string,
  batchSize = 10_000,
): Promise<RollbackReport> {
  const report: RollbackReport = {
    deletedRelationships: 0,
    restoredRelationships: 0,
    restoredNodes: 0,
    deletedNodes: 0,
  };
  /** Runs a rollback query; its answer's counts, by field. */
  const counts = async (query: string, params: Record<string, unknown>) => {
    const { records } = await driver.executeQuery(query, params, { database });
    return (field: string) => toNumber(records[0]?.get(field));
  };
  const run = async (query: string, params: Record<string, unknown>, field: string) =>
    (await counts(query, params))(field);
  /** Deletes created nodes with their relationships (created by the same load: the nodes were new). */
  const deleteNodes = async (query: string, ids: string[]) => {
    const count = await counts(query, { ids });
    report.deletedNodes += count('deleted');
    report.deletedRelationships += count('relationships');
  };
  for (const entity of ['relationship', 'node'] as const) {
    for await (const entry of readEntries(file)) {
      if (entry.entity !== entity) continue;
      const updated = entry.updated ?? [];
      for (let at = 0; at < updated.length; at += batchSize) {
        const rows = updated.slice(at, at + batchSize);
        if (entity === 'node')
          report.restoredNodes += await run(queries['undo-restore-nodes'], { rows }, 'restored');
        else
          report.restoredRelationships += await run(
            queries['undo-restore-relationships'],
            { rows },
            'restored',
          );
      }
      const fresh = entry.createdIds;
      for (let at = 0; fresh && at < fresh.ids.length; at += batchSize) {
        const ids = fresh.ids.slice(at, at + batchSize);
        await deleteNodes(labelQuery('undo-delete-nodes-by-id', fresh.label), ids);
      }
      const created = entry.created ?? [];
      for (let at = 0; at < created.length; at += batchSize) {
        const ids = created.slice(at, at + batchSize);
        if (entity === 'node') await deleteNodes(queries['undo-delete-nodes'], ids);
        else
          report.deletedRelationships += await run(queries['undo-delete-relationships'], { ids }, 'deleted');
      }
    }
  }
  return report;
}
