// `stancegraph load --initial`: a bulk folder into an empty embedded database at Neo4j's offline
// speed. Validates exactly as `load` does and, in the same single pass over the folder, writes each
// accepted record to the CSV files of `neo4j-admin database import full` (deleted if the folder
// turns out invalid); then stops Neo4j, imports, restarts and applies the schema.

import fs from 'node:fs';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { isActorKind, type NodeKind } from '../../model/kinds.ts';
import { relationshipType, type Family } from '../../model/vocabulary.ts';
import type { Config } from '../config.ts';
import { connect, target } from '../neo4j/connection.ts';
import * as embedded from '../neo4j/embedded.ts';
import { runImportTool } from '../neo4j/import-tool.ts';
import { applySchema } from '../neo4j/schema.ts';
import { isBulkFolder, validateBulk, type AcceptedRecord } from './bulk.ts';
import { DatasetValidationError } from './errors.ts';
import type { LoadReport } from './load.ts';
import { toNeo4jDate } from '../neo4j/values.ts';
import { endpointLabel, nodeProperties, NOT_RELATIONSHIP_PROPERTIES, relationshipRow } from './plan.ts';
import type { ResolvedNode, ResolvedRelationship } from './resolve.ts';
import { graphCounts } from './lookup.ts';
import type { Counts } from './writer.ts';

/** Why `--initial` will not run; nothing was changed. */
export class InitialLoadRefused extends Error {
  override name = 'InitialLoadRefused';
}

/** Between array elements in the CSV files: a control character no name or alias holds. */
export const ARRAY_DELIMITER = '\u001f';

export interface InitialLoadReport extends LoadReport {
  /** Of elapsedMs: writing the CSV files, the offline import (Neo4j stopped), restart and schema. */
  csvMs: number;
  importMs: number;
  schemaMs: number;
}

export interface InitialLoadOptions {
  log?: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
}

/** A CSV value as the importer reads it; undefined leaves the property unset. */
type CsvType = 'string' | 'long' | 'double' | 'boolean' | 'date';

function typeOf(value: unknown, where: string, key: string): CsvType | `${CsvType}[]` {
  if (Array.isArray(value)) {
    const types = new Set(value.map((item) => typeOf(item, where, key)));
    const [only] = types;
    if (types.size > 1 || (only !== undefined && only.endsWith('[]')))
      throw new Error(`${where}: ${key} mixes value types; the offline import cannot store it`);
    return `${(only as CsvType | undefined) ?? 'string'}[]`;
  }
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'boolean') return 'boolean';
  if (neo4j.isInt(value)) return 'long';
  if (neo4j.isDate(value)) return 'date';
  throw new Error(`${where}: ${key} has a value the offline import cannot store (${String(value)})`);
}

const quote = (text: string) => (text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A property's CSV cell straight from a resolved relationship's plain value, the same text
 * csvValue writes for what relationshipProperties makes of it (a Date from a date string, an
 * Integer from an offset): a relationship row then needs no conversion, sorting or type check.
 */
const CELL: Record<'string' | 'long' | 'double' | 'boolean' | 'date', (value: unknown) => string> = {
  string: (value) => quote(value as string),
  long: (value) => String(value),
  double: (value) => String(value),
  boolean: (value) => String(value),
  date: (value) =>
    ISO_DATE.test(value as string) ? (value as string) : String(toNeo4jDate(value as string)),
};

function csvValue(value: unknown, where: string, key: string): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    return quote(
      value
        .map((item) => {
          const text = String(item);
          if (text.includes(ARRAY_DELIMITER))
            throw new InitialLoadRefused(
              `${where}: ${key} holds U+001F, which --initial uses between array elements; load this folder without --initial`,
            );
          return text;
        })
        .join(ARRAY_DELIMITER),
    );
  }
  if (typeof value === 'string') return quote(value);
  return String(value);
}

const hasLineBreak = (row: string) => row.includes('\n') || row.includes('\r');

/** One CSV file: a header (the importer's typed columns) and rows with the same property keys. */
class CsvFile {
  private buffer: string[] = [];
  private size = 0;
  private readonly fd: number;
  multiline = false;
  rows = 0;

  constructor(
    readonly file: string,
    header: string,
  ) {
    this.fd = fs.openSync(file, 'w');
    this.write(`${header}\n`);
  }

  write(line: string): void {
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) this.flush();
  }

  row(line: string): void {
    if (!this.multiline && hasLineBreak(line)) this.multiline = true;
    this.rows++;
    this.write(`${line}\n`);
  }

  flush(): void {
    if (this.buffer.length > 0) fs.writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  private closed = false;

  close(): void {
    this.flush();
    this.closed = true;
    fs.closeSync(this.fd);
  }

  /** Closes the file without writing what is buffered (it is about to be deleted). */
  abandon(): void {
    this.buffer = [];
    if (!this.closed) fs.closeSync(this.fd);
    this.closed = true;
  }
}

/** The property columns of a row: its keys, sorted, with their CSV types (the file it goes to). */
function columnsOf(props: Record<string, unknown>, skip: string, where: string): [string, string][] {
  return Object.keys(props)
    .filter((key) => key !== skip && props[key] !== undefined && props[key] !== null)
    .sort()
    .map((key) => [key, typeOf(props[key], where, key)]);
}

/**
 * Turns the write pass's batches into importer CSV files: one per node label set and property
 * columns, one per relationship type and property columns. MERGEd rows (MENTIONS the input may
 * hold twice) keep the online loader's meaning: one relationship per pair, the last row's
 * properties.
 */
export class ImportCsvWriter {
  private readonly files = new Map<string, CsvFile>();
  /** MENTIONS the online loader would MERGE, by `from|to`, the last row winning. */
  private readonly merged = new Map<string, Record<string, unknown>>();
  /**
   * Nodes with an empty list property, by `label|key`: the importer reads an empty array as no
   * value, so these are set after the import (emptyListFixups).
   */
  readonly emptyLists = new Map<string, string[]>();
  /** Nodes by endpoint label, and by `label|key` those with a list (empty or not) for the key. */
  readonly labelNodes = new Map<string, number>();
  readonly listNodes = new Map<string, number>();
  readonly nodes: Partial<Record<NodeKind, Counts>> = {};
  readonly relationships: Partial<Record<Family, Counts>> = {};

  constructor(private readonly dir: string) {}

  private fileFor(key: string, header: () => string, prefix: string): CsvFile {
    let file = this.files.get(key);
    if (!file) {
      const name = path.join(this.dir, `${prefix}-${this.files.size + 1}.csv`);
      this.files.set(key, (file = new CsvFile(name, header())));
    }
    return file;
  }

  /** Documents whose run of relationships has ended, as the online write pass tracks them (bulk.ts). */
  private readonly closedDocs = new Set<string>();
  private currentDoc: string | undefined;

  /**
   * Writes a record the validation pass accepted (validateBulk's onAccepted). Every node and
   * relationship is new in an empty database and is created, except the MENTIONS the online
   * loader MERGEs: those the input states, and those derived again for a document seen before or
   * that the input also states (so far: one stated later replaces the derived one either way).
   */
  accept(item: AcceptedRecord): void {
    if ('node' in item) return this.addNode(item.node);
    const rel = item.relationship;
    const merge =
      rel.type === 'MENTIONS' &&
      (!item.derived || this.closedDocs.has(rel.from) || this.merged.has(`${rel.from}|${rel.to}`));
    if (merge) this.merged.set(`${rel.from}|${rel.to}`, relationshipRow(rel));
    else {
      this.addRelationship(rel);
      const counts = (this.relationships[relationshipType(rel.type)!.family] ??= {
        created: 0,
        updated: 0,
        unchanged: 0,
      });
      counts.created++;
    }
    if (!item.derived && rel.doc !== this.currentDoc) {
      if (this.currentDoc !== undefined) this.closedDocs.add(this.currentDoc);
      this.currentDoc = rel.doc;
    }
  }

  private addNode(node: ResolvedNode): void {
    const label = endpointLabel(node.id);
    const props = nodeProperties(node);
    const labels = [label, ...(isActorKind(node.kind) ? [node.kind] : [])];
    const where = node.id;
    const columns = columnsOf(props, 'id', where);
    this.labelNodes.set(label, (this.labelNodes.get(label) ?? 0) + 1);
    for (const [key] of columns) {
      const value = props[key];
      if (!Array.isArray(value)) continue;
      const labelKey = `${label}|${key}`;
      this.listNodes.set(labelKey, (this.listNodes.get(labelKey) ?? 0) + 1);
      if (value.length > 0) continue;
      const list = this.emptyLists.get(labelKey) ?? [];
      this.emptyLists.set(labelKey, list);
      list.push(where);
    }
    const signature = columns.map(([key, type]) => `${key}:${type}`).join(',');
    const file = this.fileFor(
      `node|${labels.join(':')}|${signature}`,
      () => ['id:ID', ':LABEL', ...columns.map(([key, type]) => `${key}:${type}`)].join(','),
      'nodes',
    );
    file.row(
      [
        node.id,
        quote(labels.join(ARRAY_DELIMITER)),
        ...columns.map(([key]) => csvValue(props[key], where, key)),
      ].join(','),
    );
    const counts = (this.nodes[node.kind] ??= { created: 0, updated: 0, unchanged: 0 });
    counts.created++;
  }

  /**
   * Relationship rows by shape (type, property keys and their JS types, in the record's order):
   * the file and each column's cell, found once by the generic path (relationshipRow, columnsOf).
   * At 1M stances (3 million relationship rows) validation and CSV files took 54 s with the
   * generic path for every row, 38 s with this one (validation alone: 25 s).
   */
  private readonly shapes = new Map<
    string,
    { file: CsvFile; cells: [string, (value: unknown) => string][] }
  >();

  private addRelationship(rel: ResolvedRelationship): void {
    const values = rel as unknown as Record<string, unknown>;
    let shape = rel.type;
    for (const key in values) {
      const value = values[key];
      if (value === undefined || value === null || NOT_RELATIONSHIP_PROPERTIES.has(key)) continue;
      const type = typeof value;
      // Lists and anything unusual take the generic path (typeOf checks what a list holds).
      if (type === 'object') return this.writeRelationshipRow(rel.type, relationshipRow(rel));
      shape += `|${key}:${type}`;
    }
    let entry = this.shapes.get(shape);
    if (!entry) {
      const row = relationshipRow(rel);
      const where = `${rel.type} from ${rel.from} to ${rel.to}`;
      const columns = columnsOf(row.props as Record<string, unknown>, '', where);
      entry = {
        file: this.relationshipFile(rel.type, columns),
        cells: columns.map(([key, type]) => [key, CELL[type as keyof typeof CELL]]),
      };
      this.shapes.set(shape, entry);
    }
    let line = `${rel.from},${rel.to},${rel.type}`;
    for (const [key, cell] of entry.cells) line += `,${cell(values[key])}`;
    entry.file.row(line);
  }

  private relationshipFile(type: string, columns: [string, string][]): CsvFile {
    const signature = columns.map(([key, t]) => `${key}:${t}`).join(',');
    return this.fileFor(
      `rel|${type}|${signature}`,
      () => [':START_ID', ':END_ID', ':TYPE', ...columns.map(([key, t]) => `${key}:${t}`)].join(','),
      type === 'MENTIONS' ? 'mentions' : 'relationships',
    );
  }

  private writeRelationshipRow(type: string, row: Record<string, unknown>): void {
    const props = row.props as Record<string, unknown>;
    const where = `${type} from ${row.from} to ${row.to}`;
    const columns = columnsOf(props, '', where);
    this.relationshipFile(type, columns).row(
      [
        row.from as string,
        row.to as string,
        type,
        ...columns.map(([key]) => csvValue(props[key], where, key)),
      ].join(','),
    );
  }

  /** Closes every file unfinished (the caller deletes them). */
  discard(): void {
    for (const file of this.files.values()) file.abandon();
    this.files.clear();
  }

  /** Closes every file; returns them by role, with the ones that hold line breaks. */
  finish(): { nodes: string[]; relationships: string[]; multiline: string[] } {
    const done: CsvFile[] = [];
    if (this.merged.size > 0) {
      // A MERGEd MENTIONS replaces one the input CREATEd for the same pair: drop those rows.
      let replaced = 0;
      for (const [key, file] of this.files) {
        if (!key.startsWith('rel|MENTIONS|')) continue;
        file.close();
        const lines = fs.readFileSync(file.file, 'utf8').split('\n');
        const kept = lines.filter(
          (line, i) => i === 0 || !line || !this.merged.has(line.split(',', 2).join('|')),
        );
        replaced += lines.length - kept.length;
        fs.writeFileSync(file.file, kept.join('\n'));
        this.files.delete(key);
        done.push(file);
      }
      for (const row of this.merged.values()) this.writeRelationshipRow('MENTIONS', row);
      const family = relationshipType('MENTIONS')!.family;
      const counts = (this.relationships[family] ??= { created: 0, updated: 0, unchanged: 0 });
      counts.created += this.merged.size - replaced;
    }
    for (const file of this.files.values()) {
      file.close();
      done.push(file);
    }
    const byRole = (prefix: string, want: boolean) =>
      done.filter((file) => path.basename(file.file).startsWith(prefix) === want).map((file) => file.file);
    return {
      nodes: byRole('nodes-', true),
      relationships: byRole('nodes-', false),
      multiline: done.filter((file) => file.multiline).map((file) => file.file),
    };
  }
}

async function assertEmpty(driver: Driver, database: string | undefined): Promise<void> {
  const { nodes, relationships } = await graphCounts(driver, database);
  if (nodes > 0 || relationships > 0) {
    throw new InitialLoadRefused(
      `load --initial: the database is not empty (${nodes.toLocaleString('en')} nodes, ${relationships.toLocaleString('en')} relationships); ` +
        '--initial only imports into an empty database. Use `stancegraph load` to add to it, or start from an empty STANCEGRAPH_HOME.',
    );
  }
}

/** Sets the empty list properties the importer could not write (an empty CSV array is no value). */
async function setEmptyLists(
  driver: Driver,
  writer: Pick<ImportCsvWriter, 'emptyLists' | 'labelNodes' | 'listNodes'>,
  database?: string,
): Promise<void> {
  for (const [labelKey, ids] of writer.emptyLists) {
    const [label, key] = labelKey.split('|') as [string, string];
    // Label and key come from the model and the validated schema's field names, not from values.
    if (!/^\w+$/.test(label) || !/^\w+$/.test(key)) throw new Error(`Initial load: unexpected ${labelKey}`);
    if (writer.listNodes.get(labelKey) === writer.labelNodes.get(label)) {
      // Every node of the label has a list for the key, so those without a value after the import
      // are exactly these: one scan of the label, no index needed (34,000 claims at 1M stances:
      // 2.0 s, against 3.9 s by id).
      await driver.executeQuery(
        `MATCH (n:${label}) WHERE n.${key} IS NULL SET n.${key} = []`,
        {},
        { database },
      );
      continue;
    }
    for (let at = 0; at < ids.length; at += 10_000) {
      await driver.executeQuery(
        `UNWIND $ids AS id MATCH (n:${label} {id: id}) SET n.${key} = []`,
        { ids: ids.slice(at, at + 10_000) },
        { database },
      );
    }
  }
}

/** The store folders of one database in the embedded data directory. */
function storeDirs(config: Config, database: string): string[] {
  const { dataDir } = embedded.embeddedPaths(config);
  return [path.join(dataDir, 'databases', database), path.join(dataDir, 'transactions', database)];
}

const move = (from: string, to: string) => {
  if (fs.existsSync(from)) fs.renameSync(from, to);
};

/**
 * Loads the bulk folder `folder` into the empty embedded database with Neo4j's offline importer.
 * Refuses (InitialLoadRefused, nothing changed) when Neo4j is not the embedded one or the database
 * is not empty; throws DatasetValidationError (nothing changed) when the folder is invalid. If the
 * import itself fails, the (empty) database is put back as it was.
 */
export async function initialLoad(
  config: Config,
  folder: string,
  options: InitialLoadOptions = {},
): Promise<InitialLoadReport> {
  const started = performance.now();
  const { log = () => {}, onProgress = () => {} } = options;
  if (!isBulkFolder(folder)) {
    throw new InitialLoadRefused(
      `load --initial: ${folder} is not a bulk folder (JSON Lines files such as relationships.jsonl); --initial imports one bulk folder`,
    );
  }
  const t = target(config);
  if (!t.embedded) {
    throw new InitialLoadRefused(
      `load --initial: Neo4j is ${t.uri} (NEO4J_URI), not the embedded one; the offline importer only writes ` +
        "into the embedded database's files. Use `stancegraph load` for another server.",
    );
  }
  const database = t.database ?? 'neo4j';
  const work = path.join(
    config.embedded.home,
    'loads',
    `initial-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`,
  );

  let connection = await connect(config, { log });
  let validationMs: number;
  let csvMs: number;
  let files: ReturnType<ImportCsvWriter['finish']>;
  let writer: ImportCsvWriter;
  let derivedMentions: number;
  try {
    await assertEmpty(connection.driver, t.database);
    // One pass: the CSV files are written as records are accepted (they are not the database; an
    // invalid folder deletes them and leaves the database as it was).
    fs.mkdirSync(work, { recursive: true });
    writer = new ImportCsvWriter(work);
    log("Validating the folder and writing the importer's CSV files…");
    try {
      const { issues, index } = await validateBulk(folder, async () => new Map(), {
        emptyGraph: true,
        onAccepted: (item) => writer.accept(item),
      });
      if (!index) throw new DatasetValidationError(issues);
      index.close();
      derivedMentions = index.derivedMentions;
      validationMs = Math.round(performance.now() - started);
      files = writer.finish();
      onProgress(index.totalRows, index.totalRows);
      csvMs = Math.round(performance.now() - started) - validationMs;
      // Still empty? Someone may have written meanwhile; after this, nobody can.
      await assertEmpty(connection.driver, t.database);
    } catch (error) {
      writer.discard();
      fs.rmSync(work, { recursive: true, force: true });
      throw error;
    }
  } finally {
    await connection.close();
  }

  const importStarted = performance.now();
  log('Stopping the embedded Neo4j for the offline import…');
  await embedded.stop(config);
  const aside = storeDirs(config, database).map((dir) => ({
    dir,
    aside: `${dir}.before-initial-${process.pid}`,
  }));
  for (const { dir, aside: to } of aside) move(dir, to);
  try {
    await runImportTool(
      config,
      { ...files, arrayDelimiter: ARRAY_DELIMITER, reportFile: path.join(work, 'import.report'), database },
      log,
    );
  } catch (error) {
    // Put the empty database back as it was, and Neo4j with it.
    for (const { dir, aside: from } of aside) {
      fs.rmSync(dir, { recursive: true, force: true });
      move(from, dir);
    }
    await embedded.start(config, log);
    throw error;
  } finally {
    if (
      fs.existsSync(path.join(work, 'import.report')) &&
      fs.statSync(path.join(work, 'import.report')).size > 0
    ) {
      log(`The importer's report: ${path.join(work, 'import.report')}`);
    } else fs.rmSync(work, { recursive: true, force: true });
  }
  for (const { aside: from } of aside) fs.rmSync(from, { recursive: true, force: true });
  const importMs = Math.round(performance.now() - importStarted);

  const schemaStarted = performance.now();
  connection = await connect(config, { log });
  try {
    log('Applying the schema (constraints, full-text and range indexes)…');
    await applySchema(connection.driver, t.database);
    await setEmptyLists(connection.driver, writer, t.database);
  } finally {
    await connection.close();
  }
  const schemaMs = Math.round(performance.now() - schemaStarted);
  return {
    nodes: writer.nodes,
    relationships: writer.relationships,
    transactions: 0,
    retries: 0,
    dryRun: false,
    files: [folder],
    derivedMentions,
    mergedSkipped: [], // an empty database holds no merged ids
    elapsedMs: Math.round(performance.now() - started),
    validationMs,
    csvMs,
    importMs,
    schemaMs,
  };
}
