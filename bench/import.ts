// Benchmark 6: `stancegraph import gdelt` on a GDELT 2.0 export grown to N rows (the 50-row sample
// of test/fixtures repeated with fresh GLOBALEVENTIDs and dates), next to its baseline from the
// same run: the bulk loader (`stancegraph load`) on the very records the import produced (kept
// with --keep-records). Rows per second and the importer's peak RSS.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../server/config.ts';
import type { Benchmark, BenchContext } from './context.ts';
import { loadStancegraph } from './load.ts';
import { round, summarize, type Sample } from './lib/stats.ts';

const run = promisify(execFile);

const SAMPLE = path.join(
  PROJECT_ROOT,
  'test',
  'fixtures',
  'external',
  'gdelt',
  'gdelt2-20191024143000.export.head50.CSV',
);

export interface ImportResult {
  rows: number;
  /** Relationships and nodes the loader wrote (the same for both). */
  records: number;
  importer: Sample & { rowsPerSecond: number; peakRssMb: number[] };
  loader: Sample & { rowsPerSecond: number; peakRssMb: number[] };
  /** Import throughput relative to the bulk loader's on the same records (target ≥ 0.8). */
  ratioToLoader: number;
}

const shift = (yyyymmdd: string, days: number) => {
  const date = new Date(
    Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8) + days),
  );
  return date.toISOString().slice(0, 10).replace(/-/g, '');
};

/** The sample grown to `rows` rows: each repetition with fresh event ids and dates a day later. */
export function growGdelt(rows: number): string {
  const file = path.join(PROJECT_ROOT, 'bench', 'work', `gdelt2-${rows}.export.CSV`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sample = fs
    .readFileSync(SAMPLE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
  const out = fs.openSync(file, 'w');
  let buffer: string[] = [];
  for (let i = 0; i < rows; i++) {
    const fields = [...sample[i % sample.length]!];
    const round = Math.floor(i / sample.length);
    fields[0] = String(900_000_000 + i);
    const day = shift(fields[1]!, round % 3650);
    fields[1] = day;
    fields[2] = day.slice(0, 6);
    fields[3] = day.slice(0, 4);
    fields[59] = `${shift(fields[59]!.slice(0, 8), round % 3650)}${fields[59]!.slice(8)}`;
    buffer.push(fields.join('\t'));
    if (buffer.length >= 10_000) {
      fs.writeSync(out, `${buffer.join('\n')}\n`);
      buffer = [];
    }
  }
  if (buffer.length) fs.writeSync(out, `${buffer.join('\n')}\n`);
  fs.closeSync(out);
  return file;
}

async function importGdelt(neo4jEnv: Record<string, string>, file: string, keep: string) {
  const { stdout } = await run(
    process.execPath,
    [
      path.join(PROJECT_ROOT, 'bin', 'stancegraph.mjs'),
      'import',
      'gdelt',
      file,
      '--json',
      '--list-skipped',
      '0',
      '--keep-records',
      keep,
    ],
    { env: { ...process.env, ...neo4jEnv }, maxBuffer: 1 << 26 },
  );
  const report = JSON.parse(stdout) as {
    elapsedMs: number;
    peakRssMb: number;
    read: number;
    load: { elapsedMs: number; validationMs: number };
  };
  return {
    seconds: report.elapsedMs / 1000,
    loadSeconds: report.load.elapsedMs / 1000,
    validationSeconds: report.load.validationMs / 1000,
    peakRssMb: report.peakRssMb,
    rows: report.read,
  };
}

async function measure(ctx: BenchContext, rows: number, repeats: number): Promise<ImportResult> {
  const { neo, log } = ctx;
  const file = growGdelt(rows);
  const keep = path.join(PROJECT_ROOT, 'bench', 'work', `gdelt2-${rows}-records`);
  const ours: number[] = [];
  const ourRss: number[] = [];
  const loader: number[] = [];
  const loaderRss: number[] = [];
  let records = 0;
  // Odd repeats run the loader first (on the records of the repeat before), so that neither side
  // always runs on the fresher database or right after the other's writes; files are synced to
  // disk before each timed run, so that neither pays for the other's dirty pages.
  const importOnce = async () => {
    fs.rmSync(keep, { recursive: true, force: true });
    await neo.wipe();
    await run('sync', []);
    const a = await importGdelt(neo.env, file, keep);
    ours.push(a.seconds);
    ourRss.push(a.peakRssMb);
    log(
      `  import ${rows}: ${a.seconds.toFixed(1)}s (mapping ${(a.seconds - a.loadSeconds).toFixed(1)}s, load ${a.loadSeconds.toFixed(1)}s of which validation ${a.validationSeconds.toFixed(1)}s; peak RSS ${a.peakRssMb} MB)`,
    );
  };
  const loadOnce = async () => {
    await neo.wipe();
    await run('sync', []);
    const b = await loadStancegraph(neo.env, keep);
    loader.push(b.seconds);
    loaderRss.push(b.peakRssMb);
    records = b.records;
    log(
      `  import ${rows}: bulk loader on the same records ${b.seconds.toFixed(1)}s (${b.records} records, peak RSS ${b.peakRssMb} MB)`,
    );
  };
  for (let i = 0; i < repeats; i++) {
    if (i % 2 === 0) {
      await importOnce();
      await loadOnce();
    } else {
      await loadOnce();
      await importOnce();
    }
  }
  fs.rmSync(keep, { recursive: true, force: true });
  ctx.loadedStances = undefined;
  const [o, l] = [summarize(ours), summarize(loader)];
  return {
    rows,
    records,
    importer: { ...o, rowsPerSecond: round(rows / o.median, 0), peakRssMb: ourRss },
    loader: { ...l, rowsPerSecond: round(rows / l.median, 0), peakRssMb: loaderRss },
    ratioToLoader: round(l.median / o.median, 3),
  };
}

const s = (seconds: number) => (seconds >= 100 ? seconds.toFixed(0) : seconds.toFixed(1));

export const importBenchmark: Benchmark<ImportResult[]> = {
  name: 'import',
  description:
    'stancegraph import gdelt on a GDELT 2.0 file grown to N rows vs the bulk loader on the same records; peak RSS',
  async run(ctx) {
    const sizes = ctx.sizes ?? (ctx.smoke ? [1000] : [1_000_000]);
    const results: ImportResult[] = [];
    for (const rows of sizes) {
      const repeats = ctx.repeats ?? (ctx.smoke ? 1 : 2);
      ctx.log(`import: ${rows} GDELT rows, ${repeats} repeat(s)`);
      results.push(await measure(ctx, rows, repeats));
    }
    return results;
  },
  render(results) {
    return [
      '## 6. Import (GDELT 2.0)',
      '',
      'The GDELT 2.0 sample of `test/fixtures/external` grown to N rows (fresh GLOBALEVENTIDs, dates',
      'a day later per repetition); 36% of its rows have one actor and are counted, not loaded.',
      '**Import**: `stancegraph import gdelt <file> --json` (reading, mapping, the loader).',
      '**Bulk loader**: `stancegraph load` on the records that import produced, into an empty database.',
      'Ratio = loader time / import time (target ≥ 0.8).',
      '',
      '| GDELT rows | records | import (s) | rows/s | bulk loader (s) | rows/s | ratio | import peak RSS (MB) | loader peak RSS (MB) |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...results.map(
        (r) =>
          `| ${r.rows.toLocaleString('en')} | ${r.records.toLocaleString('en')} | ${s(r.importer.median)} | ${r.importer.rowsPerSecond.toLocaleString('en')} | ${s(r.loader.median)} | ${r.loader.rowsPerSecond.toLocaleString('en')} | **${r.ratioToLoader.toFixed(3)}** | ${Math.max(...r.importer.peakRssMb)} | ${Math.max(...r.loader.peakRssMb)} |`,
      ),
      '',
    ].join('\n');
  },
};
