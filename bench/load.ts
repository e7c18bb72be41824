// Benchmark 1 (and 5): the stancegraph loader on synthetic datasets of N stances, next to two
// baselines from the same run: the ceiling, a hand-written `UNWIND $rows CREATE` of the same
// records into an empty database with the same schema, and the naive script most people write
// first, one MERGE query per record (measured on a sample, extrapolated). Also the loader's peak RSS.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { kindOfId, KINDS, type NodeKind } from '../model/kinds.ts';
import { relationshipType } from '../model/vocabulary.ts';
import { generate } from '../scripts/generate.ts';
import { PROJECT_ROOT } from '../server/config.ts';
import { endpointLabel, nodeProperties, relationshipProperties } from '../server/dataset/plan.ts';
import { mentionsOf, type EntityRecord, type ResolvedRelationship } from '../server/dataset/resolve.ts';
import { applySchema } from '../server/neo4j/schema.ts';
import type { Benchmark, BenchContext } from './context.ts';
import { round, summarize, type Sample } from './lib/stats.ts';

const run = promisify(execFile);

export interface LoadResult {
  stances: number;
  records: number;
  stancegraph: Sample & { peakRssMb: number[] };
  ceiling: Sample;
  naive: { sampleRecords: number; recordsPerSecond: number; extrapolatedSeconds: number };
  /** Throughput of stancegraph relative to the ceiling (≥ 0.8 is the target). */
  ratioToCeiling: number;
  speedupOverNaive: number;
}

export function datasetFolder(stances: number, seed = 1): string {
  return path.join(PROJECT_ROOT, 'bench', 'work', `synthetic-${stances}-s${seed}`);
}

export async function ensureDataset(stances: number, seed = 1): Promise<string> {
  const dir = datasetFolder(stances, seed);
  if (!fs.existsSync(path.join(dir, 'stancegraph.json'))) await generate({ stances, seed, out: dir });
  return dir;
}

async function* jsonl<T>(file: string): AsyncGenerator<T> {
  if (!fs.existsSync(file)) return;
  const lines = readline.createInterface({
    input: fs.createReadStream(file, { highWaterMark: 1 << 20 }),
    crlfDelay: Infinity,
  });
  for await (const line of lines) if (line) yield JSON.parse(line) as T;
}

const SECTIONS = ['documents', 'actors', 'claims', 'topics', 'events'] as const;

const label = (kind: NodeKind) => KINDS[kind].labels.join(':');

/** The records of a synthetic folder as the ceiling writes them: converted, MENTIONS derived. */
async function* ceilingRows(dir: string): AsyncGenerator<{ cypher: string; row: Record<string, unknown> }> {
  for (const section of SECTIONS) {
    for await (const record of jsonl<{ id: string }>(path.join(dir, `${section}.jsonl`))) {
      const kind = kindOfId(record.id)!;
      yield {
        cypher: `CREATE (n:${label(kind)}) SET n = row.props`,
        row: { props: nodeProperties({ id: record.id, kind, record: record as EntityRecord }) },
      };
    }
  }
  let doc: string | undefined;
  let mentioned = new Set<string>();
  const kindOf = (id: string) => kindOfId(id);
  for await (const raw of jsonl<ResolvedRelationship>(path.join(dir, 'relationships.jsonl'))) {
    const rel = {
      method: 'manual',
      confidence: 1,
      modality: 'asserted',
      ...(raw as object),
      keyed: relationshipType(raw.type)!.family === 'stance',
    } as ResolvedRelationship;
    const rels = [rel];
    if (rel.doc !== doc) [doc, mentioned] = [rel.doc, new Set()];
    for (const m of mentionsOf(rel, kindOf)) if (!mentioned.has(m.to) && mentioned.add(m.to)) rels.push(m);
    for (const r of rels) {
      yield {
        cypher: `MATCH (a:${endpointLabel(r.from)} {id: row.from}) MATCH (b:${endpointLabel(r.to)} {id: row.to}) CREATE (a)-[r:${r.type}]->(b) SET r = row.props`,
        row: { from: r.from, to: r.to, props: relationshipProperties(r) },
      };
    }
  }
}

/** The ceiling: hand-written UNWIND … CREATE, batches of 10k rows, one transaction each. */
export async function loadCeiling(
  driver: Driver,
  dir: string,
): Promise<{ seconds: number; records: number }> {
  const started = performance.now();
  await applySchema(driver);
  const buffers = new Map<string, Record<string, unknown>[]>();
  let records = 0;
  const flush = async (cypher: string, rows: Record<string, unknown>[]) => {
    await driver.executeQuery(`UNWIND $rows AS row ${cypher}`, { rows });
  };
  for await (const { cypher, row } of ceilingRows(dir)) {
    const buffer = buffers.get(cypher) ?? [];
    buffers.set(cypher, buffer);
    buffer.push(row);
    records++;
    if (buffer.length >= 10_000) await flush(cypher, buffer.splice(0));
    // Nodes before relationships: flush node buffers when the first relationship arrives.
    if (cypher.startsWith('MATCH') && buffers.size > 0) {
      for (const [key, rows] of buffers)
        if (key.startsWith('CREATE') && rows.length) await flush(key, rows.splice(0));
    }
  }
  for (const [cypher, rows] of buffers) if (rows.length) await flush(cypher, rows);
  return { seconds: (performance.now() - started) / 1000, records };
}

/** The naive script: one auto-committed MERGE query per record, on the first `sample` records. */
export async function loadNaive(
  driver: Driver,
  dir: string,
  sample: number,
): Promise<{ seconds: number; records: number }> {
  await applySchema(driver);
  const started = performance.now();
  let records = 0;
  for (const section of SECTIONS) {
    for await (const record of jsonl<{ id: string }>(path.join(dir, `${section}.jsonl`))) {
      if (records >= sample / 2) break;
      const kind = kindOfId(record.id)!;
      await driver.executeQuery(`MERGE (n:${label(kind)} {id: $id}) SET n += $props`, {
        id: record.id,
        props: nodeProperties({ id: record.id, kind, record: record as EntityRecord }),
      });
      records++;
    }
  }
  for await (const raw of jsonl<ResolvedRelationship>(path.join(dir, 'relationships.jsonl'))) {
    if (records >= sample) break;
    const rel = {
      method: 'manual',
      confidence: 1,
      modality: 'asserted',
      ...(raw as object),
      keyed: false,
    } as ResolvedRelationship;
    // As people write it first: labels on the endpoints (so MERGE finds them by index), one
    // auto-committed query per record.
    await driver.executeQuery(
      `MERGE (a:${endpointLabel(rel.from)} {id: $from}) MERGE (b:${endpointLabel(rel.to)} {id: $to}) MERGE (a)-[r:${rel.type}]->(b) SET r += $props`,
      { from: rel.from, to: rel.to, props: relationshipProperties(rel) },
    );
    records++;
  }
  return { seconds: (performance.now() - started) / 1000, records };
}

/** The stancegraph loader as users run it: the `stancegraph load` command, in its own process. */
export async function loadStancegraph(
  neo4jEnv: Record<string, string>,
  dir: string,
): Promise<{ seconds: number; peakRssMb: number; records: number }> {
  const { stdout } = await run(
    process.execPath,
    [path.join(PROJECT_ROOT, 'bin', 'stancegraph.mjs'), 'load', dir, '--json'],
    {
      env: { ...process.env, ...neo4jEnv },
      maxBuffer: 1 << 24,
    },
  );
  const report = JSON.parse(stdout) as {
    elapsedMs: number;
    peakRssMb: number;
    nodes: object;
    relationships: object;
  };
  const records = [...Object.values(report.nodes), ...Object.values(report.relationships)].reduce(
    (sum: number, c: { created: number }) => sum + c.created,
    0,
  );
  return { seconds: report.elapsedMs / 1000, peakRssMb: report.peakRssMb, records };
}

async function measureSize(ctx: BenchContext, stances: number, repeats: number): Promise<LoadResult> {
  const { neo, log } = ctx;
  const dir = await ensureDataset(stances);
  const ours: number[] = [];
  const rss: number[] = [];
  const ceiling: number[] = [];
  let records = 0;
  // The naive baseline first, on a sample (it only needs an empty database).
  await neo.wipe();
  const naive = await loadNaive(neo.driver, dir, 2000);
  const naiveRate = naive.records / naive.seconds;
  log(`  load ${stances}: naive ${round(naiveRate, 0)} records/s on a sample of ${naive.records}`);
  // Warm-up: one small run of each, not counted (JIT, Bolt connections, query plans).
  const warm = await ensureDataset(1000);
  await neo.wipe();
  await loadStancegraph(neo.env, warm);
  await neo.wipe();
  await loadCeiling(neo.driver, warm);
  for (let i = 0; i < repeats; i++) {
    await neo.wipe();
    const a = await loadStancegraph(neo.env, dir);
    ours.push(a.seconds);
    rss.push(a.peakRssMb);
    records = a.records;
    log(
      `  load ${stances}: stancegraph ${a.seconds.toFixed(1)}s (${a.records} records, peak RSS ${a.peakRssMb} MB)`,
    );
    await neo.wipe();
    const c = await loadCeiling(neo.driver, dir);
    ceiling.push(c.seconds);
    log(`  load ${stances}: ceiling ${c.seconds.toFixed(1)}s (${c.records} records)`);
    if (c.records !== a.records)
      log(`  warning: ceiling wrote ${c.records} records, stancegraph ${a.records}`);
  }
  // The ceiling wrote the same records: the database now holds this dataset.
  await ctx.markLoaded(stances);
  const oursSample = summarize(ours);
  const ceilingSample = summarize(ceiling);
  return {
    stances,
    records,
    stancegraph: { ...oursSample, peakRssMb: rss },
    ceiling: ceilingSample,
    naive: {
      sampleRecords: naive.records,
      recordsPerSecond: round(naiveRate, 1),
      extrapolatedSeconds: round(records / naiveRate, 0),
    },
    ratioToCeiling: round(ceilingSample.median / oursSample.median, 3),
    speedupOverNaive: round(records / naiveRate / oursSample.median, 1),
  };
}

const s = (seconds: number) => (seconds >= 100 ? seconds.toFixed(0) : seconds.toFixed(1));
const pct = (fraction: number) => `±${Math.round((fraction * 100) / 2)}%`;

export const loadBenchmark: Benchmark<LoadResult[]> = {
  name: 'load',
  description:
    'the loader vs a hand-written UNWIND CREATE (ceiling) and one MERGE per record (naive); loader peak RSS',
  async run(ctx) {
    const sizes = ctx.sizes ?? (ctx.smoke ? [1000] : [10_000, 100_000, 1_000_000]);
    const results: LoadResult[] = [];
    for (const size of sizes) {
      const repeats = ctx.repeats ?? (ctx.smoke ? 1 : size >= 1_000_000 ? 2 : 3);
      ctx.log(`load: ${size} stances, ${repeats} repeat(s)`);
      results.push(await measureSize(ctx, size, repeats));
    }
    return results;
  },
  render(results) {
    return [
      '## 1. Load (and 5. loader memory)',
      '',
      'Synthetic datasets from `npm run gen` (bulk JSON Lines); "records" counts every node and',
      'relationship written, derived `MENTIONS` included. **Ceiling**: a hand-written `UNWIND $rows',
      'CREATE` of the same records, 10k rows per transaction, into an empty database with the same',
      'schema. **Naive**: one auto-committed `MERGE` query per record, timed on a sample of 2,000 records',
      'and extrapolated. Ratio = ceiling time / stancegraph time (throughput relative to the ceiling;',
      'target ≥ 0.8). Stancegraph times are those `stancegraph load --json` reports (schema, validation',
      "pass and writes); the peak RSS is the loader process's.",
      '',
      '| stances | records | stancegraph (s) | ceiling (s) | ratio to ceiling | naive (s, extrapolated) | speed-up over naive | loader peak RSS (MB) |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...results.map(
        (r) =>
          `| ${r.stances.toLocaleString('en')} | ${r.records.toLocaleString('en')} | ${s(r.stancegraph.median)} ${pct(r.stancegraph.spread)} | ${s(r.ceiling.median)} ${pct(r.ceiling.spread)} | **${r.ratioToCeiling.toFixed(2)}** | ${r.naive.extrapolatedSeconds.toLocaleString('en')} (${r.naive.recordsPerSecond} rec/s) | ${r.speedupOverNaive}× | ${Math.max(...r.stancegraph.peakRssMb)} |`,
      ),
      '',
    ].join('\n');
  },
};
