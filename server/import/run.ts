// `stancegraph import`'s one code path, whatever the format: the importer turns its input into
// the loader's records, written as a bulk JSON Lines folder (server/dataset/bulk.ts) in a
// temporary directory; the loader then validates that folder with its own schemas and rules and
// writes it all-or-nothing, streaming. Nodes the graph holds already are referenced, never
// redefined (an import adds to the founding dataset's Russia, it does not overwrite it); rows that
// cannot be mapped are counted and listed with their line; the loader's errors are traced back to
// the importer's input (file:line), not to the temporary folder.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { BULK_SECTIONS } from '../dataset/bulk.ts';
import { DatasetValidationError, type DatasetIssue } from '../dataset/errors.ts';
import { loadFiles, type LoadOptions, type LoadReport } from '../dataset/load.ts';
import { newIds } from '../dataset/lookup.ts';
import { countriesInGraph } from './countries.ts';
import { ImportInputError, type Importer, type NodeSection, type Origin } from './types.ts';

export interface ImportOptions extends Omit<LoadOptions, 'onProgress'> {
  /** Progress: `read` while the input is mapped (units: the importer's size), then `load` (rows). */
  onProgress?: (phase: 'read' | 'load', done: number, total: number) => void;
  /** How many unmappable rows the report lists (all are counted). */
  listSkipped?: number;
  /** Keep the loader's records (a bulk JSON Lines folder) in this new folder instead of a temporary one. */
  keepRecords?: string;
}

export interface SkippedRow extends Origin {
  reason: string;
}

export interface ImportReport {
  format: string;
  files: string[];
  /** Input rows (records, statements) the importer read. */
  read: number;
  /** Records sent to the loader, by section. */
  records: Record<string, number>;
  /** Nodes the input names that the graph already held: referenced, not redefined. */
  existingNodes: number;
  /** The same record twice in the input (overlapping files): kept once. */
  duplicates: number;
  skipped: number;
  /** The first `listSkipped` unmappable rows, with where they are and why. */
  skippedRows: SkippedRow[];
  /** Unmappable rows by reason. */
  skippedByReason: Record<string, number>;
  load: LoadReport;
  /** The whole import: reading, mapping and loading. */
  elapsedMs: number;
}

/** The importer's files: each file given, and in each folder given the files the importer reads. */
export function inputFiles(importer: Importer, inputs: string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = fs.statSync(input, { throwIfNoEntry: false });
    if (!stat) throw new ImportInputError(input, undefined, undefined, 'no such file or folder');
    if (stat.isDirectory()) {
      const found = fs
        .readdirSync(input)
        .sort()
        .map((name) => path.join(input, name))
        .filter((file) => fs.statSync(file).isFile() && importer.accepts(file));
      if (found.length === 0)
        throw new ImportInputError(input, undefined, undefined, `no ${importer.format} files in this folder`);
      files.push(...found);
    } else files.push(input);
  }
  return files;
}

/**
 * The dataset records an import has met, to spot the same record twice (overlapping files): per
 * source, numeric record ids (GDELT's GLOBALEVENTID, ICEWS's Event ID) as numbers, others as
 * themselves when short, else as a hash. A million GDELT events take about 20 MB here.
 */
class SeenRecords {
  private readonly bySource = new Map<string, Set<number | string>>();
  /** Whether the record was met before; notes it if not. */
  check(source: string, record: string): boolean {
    let seen = this.bySource.get(source);
    if (!seen) this.bySource.set(source, (seen = new Set()));
    const key =
      record.length <= 15 && /^[1-9]\d*$/.test(record)
        ? Number(record)
        : record.length <= 32
          ? record
          : createHash('sha1').update(record).digest('base64').slice(0, 16);
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  }
  clear(): void {
    this.bySource.clear();
  }
}

/** A JSON Lines file written through a 1 MB buffer: one stream write per megabyte, not per record. */
class JsonLines {
  private readonly stream: fs.WriteStream;
  private buffer = '';
  count = 0;
  constructor(readonly file: string) {
    this.stream = fs.createWriteStream(file);
  }
  /** Adds a record; a promise only when the buffer went to the file and the file asks to wait. */
  write(record: unknown): Promise<void> | undefined {
    this.count++;
    this.buffer += `${JSON.stringify(record)}\n`;
    return this.buffer.length >= 1 << 20 ? this.flush() : undefined;
  }
  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk && !this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** Origins of the lines of a temporary file, compactly: an index into `files` and a line. */
class Origins {
  readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  private readonly entries: number[] = [];
  private readonly records = new Map<number, string>();
  add(origin: Origin): void {
    let index = this.fileIndex.get(origin.file);
    if (index === undefined) {
      index = this.files.length;
      this.files.push(origin.file);
      this.fileIndex.set(origin.file, index);
    }
    if (origin.record !== undefined) this.records.set(this.entries.length / 2, origin.record);
    this.entries.push(index, origin.line ?? 0);
  }
  at(line: number): string | undefined {
    const i = line - 1;
    const file = this.files[this.entries[2 * i] ?? -1];
    if (file === undefined) return undefined;
    const record = this.records.get(i);
    const at = this.entries[2 * i + 1]!;
    return `${file}${at > 0 ? `:${at}` : ''}${record !== undefined ? ` (${record})` : ''}`;
  }
}

const NODE_FLUSH = 5_000;

/**
 * Imports `inputs` with `importer`: maps them, then loads the records through the bulk loader.
 * Throws ImportInputError for unreadable input and DatasetValidationError (issues pointing at the
 * input) for records the loader refuses; either way nothing is written.
 */
export async function importFiles(
  driver: Driver,
  importer: Importer,
  inputs: string[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = performance.now();
  const { onProgress = () => {}, listSkipped = 1000, keepRecords, ...loadOptions } = options;
  const files = inputFiles(importer, inputs);
  if (keepRecords !== undefined && fs.existsSync(keepRecords))
    throw new Error(`--keep-records: ${keepRecords} exists; expected a new folder`);
  const dir = keepRecords ?? fs.mkdtempSync(path.join(os.tmpdir(), `stancegraph-import-${importer.format}-`));
  fs.mkdirSync(dir, { recursive: true });
  try {
    const sinks = Object.fromEntries(
      BULK_SECTIONS.map((section) => [section, new JsonLines(path.join(dir, `${section}.jsonl`))]),
    ) as Record<(typeof BULK_SECTIONS)[number], JsonLines>;
    const origins = Object.fromEntries(BULK_SECTIONS.map((section) => [section, new Origins()])) as Record<
      (typeof BULK_SECTIONS)[number],
      Origins
    >;
    const context = { countryIdByIso3: await countriesInGraph(driver, loadOptions.database) };

    const seenNodes = new Set<string>();
    const seenRecords = new SeenRecords();
    let pending: { section: NodeSection; record: { id: string }; origin: Origin }[] = [];
    let existingNodes = 0;
    const flushNodes = async () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      const fresh = await newIds(
        driver,
        batch.map((item) => item.record.id),
        loadOptions.database,
      );
      for (const item of batch) {
        if (!fresh.has(item.record.id)) {
          existingNodes++;
          continue;
        }
        const wait = sinks[item.section].write(item.record);
        if (wait) await wait;
        origins[item.section].add(item.origin);
      }
    };

    const skippedRows: SkippedRow[] = [];
    const skippedByReason: Record<string, number> = {};
    let skipped = 0;
    let duplicates = 0;
    let read = 0;
    const total = await importer.size(files);
    let lastProgress = 0;
    const step = Math.max(1, Math.floor(total / 500));
    for await (const items of importer.read(files, context))
      for (const item of Array.isArray(items) ? items : [items]) {
        if ('read' in item) {
          read++;
          if (item.read - lastProgress >= step || item.read === total) {
            lastProgress = item.read;
            onProgress('read', item.read, total);
          }
        } else if ('skipped' in item) {
          skipped++;
          const kind = item.skipped.reason.replace(/ \(.*\)$/, '').replace(/"[^"]*"/g, '…');
          skippedByReason[kind] = (skippedByReason[kind] ?? 0) + 1;
          if (skippedRows.length < listSkipped) skippedRows.push(item.skipped);
        } else if (item.section === 'relationships') {
          const { source, record } = item.record;
          if (record !== undefined) {
            if (seenRecords.check(source ?? '', record)) {
              duplicates++;
              continue;
            }
          }
          const wait = sinks.relationships.write(item.record);
          if (wait) await wait;
          origins.relationships.add(item.origin);
        } else {
          const id = (item.record as { id: string }).id;
          if (seenNodes.has(id)) continue;
          seenNodes.add(id);
          pending.push({ section: item.section, record: item.record as { id: string }, origin: item.origin });
          if (pending.length >= NODE_FLUSH) await flushNodes();
        }
      }
    await flushNodes();
    for (const sink of Object.values(sinks)) await sink.close();
    seenNodes.clear();
    seenRecords.clear();

    let load: LoadReport;
    try {
      load = await loadFiles(driver, [dir], {
        ...loadOptions,
        onProgress: (done, totalRows) => onProgress('load', done, totalRows),
      });
    } catch (error) {
      if (error instanceof DatasetValidationError)
        throw new DatasetValidationError(error.issues.map((issue) => traced(issue, dir, origins)));
      throw error;
    }
    return {
      format: importer.format,
      files,
      read,
      records: Object.fromEntries(Object.entries(sinks).map(([section, sink]) => [section, sink.count])),
      existingNodes,
      duplicates,
      skipped,
      skippedRows,
      skippedByReason,
      load: { ...load, files },
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
    if (keepRecords === undefined) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A loader issue about the temporary folder, pointed at the importer's input instead. */
function traced(issue: DatasetIssue, dir: string, origins: Record<string, Origins>): DatasetIssue {
  if (!issue.file.startsWith(dir)) return issue;
  const section = path.basename(issue.file, '.jsonl');
  const origin = issue.line !== undefined ? origins[section]?.at(issue.line) : undefined;
  return {
    ...issue,
    file: origin ?? `(${section} of the import)`,
    line: undefined,
    column: undefined,
    message: `${issue.message} (in the ${section.replace(/s$/, '')} made from this row)`,
  };
}
