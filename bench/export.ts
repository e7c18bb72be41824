// Benchmark 3: exports (GEXF, GraphML, JSON, CSV) of subgraphs of about 10k, 100k and 1M
// relationships out of the 1M-stance dataset: the time until the last byte reaches the client and
// the server's peak RSS, from a fresh `stancegraph serve` per measurement, to show that exports
// stream (the peak must not grow with the subgraph). Baseline from the same run: APOC core's
// `apoc.export.graphml.query` with `stream: true` on the same subgraph.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { needsProvenance, VOCABULARY } from '../model/vocabulary.ts';
import { PROJECT_ROOT } from '../server/config.ts';
import type { Benchmark, BenchContext } from './context.ts';
import { startServer, type ServerProcess } from './lib/server.ts';
import { round, sampleText, summarize, type Sample } from './lib/stats.ts';

/**
 * The largest subgraph APOC's GraphML export is asked for: it holds the whole document in Neo4j's
 * heap, and running out of it can take the benchmarks' Neo4j down with it (the bench's 12g heap
 * holds the 1M subgraph; lower this with a smaller STANCEGRAPH_NEO4J_HEAP).
 */
const APOC_MAX_RELATIONSHIPS = Number(process.env.STANCEGRAPH_BENCH_APOC_MAX ?? 1_000_000);

/** Every dated statement: stances (actor → claim) and interactions (actor → actor). */
const STATEMENT_TYPES = VOCABULARY.filter((row) => needsProvenance(row.family)).map((row) => row.type);
const FORMATS = ['gexf', 'graphml', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];
/** Graph filters stream; a query source first marks the elementIds it names (about a bit each). */
type Source = 'graph' | 'query';

/** The subgraph of a size: the statements dated in [from, to]. */
export interface Window {
  target: number;
  from: string;
  to: string;
  relationships: number;
  nodes: number;
}

interface Measure {
  seconds: Sample;
  mb: number;
  /** The server's RSS after its warm-up export, just before the measured one (MB). */
  idleRssMb: Sample;
  peakRssMb: Sample;
  /** Edges counted in the stream (XML formats), to check that both sides export the same subgraph. */
  edges: number | undefined;
}

export interface ExportRow extends Measure {
  format: Format;
  source: Source;
  relationships: number;
}

export interface ApocRow {
  relationships: number;
  seconds: Sample;
  mb: number;
  edges: number;
}

export interface ExportResult {
  stances: number;
  windows: Window[];
  rows: ExportRow[];
  apoc: { version: string; rows: ApocRow[]; failures: string[] } | { unavailable: string };
}

/** Windows from the first statement's date that hold about `target` statements each. */
export async function chooseWindows(driver: Driver, targets: number[]): Promise<Window[]> {
  const types = STATEMENT_TYPES.join('|');
  const windows: Window[] = [];
  const [first] = (
    await driver.executeQuery(`MATCH ()-[r:${types}]->() RETURN min(r.date) AS d`)
  ).records.map((r) => String(r.get('d')));
  for (const target of targets) {
    const { records } = await driver.executeQuery(
      `MATCH ()-[r:${types}]->() WITH r.date AS d ORDER BY d SKIP $skip LIMIT 1 RETURN toString(d) AS d`,
      { skip: neo4j.int(Math.max(0, target - 1)) },
    );
    const to =
      records[0]?.get('d') ??
      String(
        (await driver.executeQuery(`MATCH ()-[r:${types}]->() RETURN max(r.date) AS d`)).records[0]?.get('d'),
      );
    const counts = await driver.executeQuery(
      `MATCH (a)-[r:${types}]->(b) WHERE date($from) <= r.date <= date($to)
       UNWIND [elementId(a), elementId(b)] AS end
       RETURN count(*) / 2 AS relationships, count(DISTINCT end) AS nodes`,
      { from: first, to: String(to) },
    );
    windows.push({
      target,
      from: first!,
      to: String(to),
      relationships: Number(counts.records[0]?.get('relationships')),
      nodes: Number(counts.records[0]?.get('nodes')),
    });
  }
  return windows;
}

/** The Cypher of a window's subgraph, for the query source and APOC. */
export const windowQuery = (w: Window) =>
  `MATCH (a)-[r:${STATEMENT_TYPES.join('|')}]->(b) WHERE date('${w.from}') <= r.date <= date('${w.to}') RETURN a, r, b`;

function exportBody(format: Format, source: Source, w: Window) {
  return {
    format,
    source:
      source === 'graph'
        ? { type: 'graph', types: STATEMENT_TYPES, from: w.from, to: w.to }
        : { type: 'query', query: windowQuery(w), params: {} },
  };
}

/** Counts occurrences of `marker` in a stream of chunks (across chunk boundaries). */
function markerCounter(marker: string) {
  let count = 0;
  let tail = '';
  return {
    add(chunk: string) {
      const text = tail + chunk;
      for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) count++;
      tail = text.slice(-(marker.length - 1));
    },
    get count() {
      return count;
    },
  };
}

/** POSTs an export and reads the response to its end: seconds until the last byte, bytes, edges. */
function download(
  server: ServerProcess,
  body: object,
  format: Format,
): Promise<{ seconds: number; bytes: number; edges: number | undefined }> {
  const payload = JSON.stringify(body);
  const counter = format === 'gexf' || format === 'graphml' ? markerCounter('<edge ') : undefined;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${server.url}/api/export`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
      },
      (response) => {
        let bytes = 0;
        let error = '';
        if (counter) response.setEncoding('utf8');
        response.on('data', (chunk: string | Buffer) => {
          bytes += chunk.length;
          if (response.statusCode !== 200) error += String(chunk);
          else if (typeof chunk === 'string') counter?.add(chunk);
        });
        response.on('error', reject);
        response.on('end', () => {
          if (response.statusCode !== 200)
            reject(
              new Error(`bench export: ${format} answered ${response.statusCode}: ${error.slice(0, 500)}`),
            );
          else resolve({ seconds: (performance.now() - started) / 1000, bytes, edges: counter?.count });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** One measurement: a fresh server, a warm-up export, the peak reset, then the measured export. */
async function measureOnce(ctx: BenchContext, format: Format, source: Source, w: Window, warm: Window) {
  const server = await startServer({ neo4jEnv: ctx.neo.env });
  try {
    await download(server, exportBody(format, source, warm), format);
    server.resetPeak();
    const idle = server.rssMb();
    const result = await download(server, exportBody(format, source, w), format);
    return { ...result, idleRssMb: idle, peakRssMb: server.peakRssMb() };
  } finally {
    await server.stop();
  }
}

async function measure(
  ctx: BenchContext,
  format: Format,
  source: Source,
  w: Window,
  warm: Window,
  repeats: number,
): Promise<ExportRow> {
  const runs = [];
  for (let i = 0; i < repeats; i++) {
    const r = await measureOnce(ctx, format, source, w, warm);
    ctx.log(
      `  export ${format} (${source}) ${w.relationships} relationships: ${r.seconds.toFixed(2)} s, ${(r.bytes / 2 ** 20).toFixed(1)} MB, RSS ${r.idleRssMb} → peak ${r.peakRssMb} MB${r.edges === undefined ? '' : `, ${r.edges} edges`}`,
    );
    runs.push(r);
  }
  return {
    format,
    source,
    relationships: w.relationships,
    seconds: summarize(runs.map((r) => r.seconds)),
    mb: round(runs[0]!.bytes / 2 ** 20, 2),
    idleRssMb: summarize(runs.map((r) => r.idleRssMb)),
    peakRssMb: summarize(runs.map((r) => r.peakRssMb)),
    edges: runs[0]!.edges,
  };
}

/** The APOC version bench/apoc/pom.xml fetches, when Neo4j has its GraphML export (apoc.version() is not allowed). */
async function apocVersion(driver: Driver): Promise<string | undefined> {
  const { records } = await driver.executeQuery(
    "SHOW PROCEDURES YIELD name WHERE name = 'apoc.export.graphml.query' RETURN count(*) AS n",
  );
  if (Number(records[0]?.get('n')) === 0) return undefined;
  const pom = fs.readFileSync(path.join(PROJECT_ROOT, 'bench', 'apoc', 'pom.xml'), 'utf8');
  return /<apoc\.version>([^<]+)</.exec(pom)?.[1] ?? 'unknown';
}

/** APOC's GraphML export of the window's subgraph, streamed as rows to this client until the last. */
async function apocOnce(
  driver: Driver,
  w: Window,
): Promise<{ seconds: number; bytes: number; edges: number }> {
  const counter = markerCounter('<edge ');
  let bytes = 0;
  const started = performance.now();
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    const result = session.run(
      'CALL apoc.export.graphml.query($query, null, {stream: true}) YIELD data RETURN data',
      { query: windowQuery(w) },
    );
    for await (const record of result) {
      const data = String(record.get('data') ?? '');
      bytes += Buffer.byteLength(data);
      counter.add(data);
    }
  } finally {
    await session.close();
  }
  return { seconds: (performance.now() - started) / 1000, bytes, edges: counter.count };
}

async function measureApoc(ctx: BenchContext, w: Window, repeats: number): Promise<ApocRow> {
  const runs = [];
  for (let i = 0; i < repeats; i++) {
    const r = await apocOnce(ctx.neo.driver, w);
    ctx.log(
      `  export APOC graphml ${w.relationships} relationships: ${r.seconds.toFixed(2)} s, ${r.edges} edges`,
    );
    runs.push(r);
  }
  return {
    relationships: w.relationships,
    seconds: summarize(runs.map((r) => r.seconds)),
    mb: round(runs[0]!.bytes / 2 ** 20, 2),
    edges: runs[0]!.edges,
  };
}

const s = (seconds: number) => (seconds >= 100 ? seconds.toFixed(0) : seconds.toFixed(2));
const n = (value: number) => value.toLocaleString('en');

export const exportBenchmark: Benchmark<ExportResult> = {
  name: 'export',
  description: 'GEXF, GraphML, JSON, CSV exports of 10k–1M relationships: time and server peak RSS; vs APOC',
  async run(ctx) {
    const stances = ctx.smoke ? 1000 : 1_000_000;
    const targets = ctx.sizes ?? (ctx.smoke ? [100, 1000] : [10_000, 100_000, 1_000_000]);
    await ctx.ensureLoaded(stances);
    const windows = await chooseWindows(ctx.neo.driver, targets);
    const warm = windows[0]!;
    ctx.log(`export: subgraphs of ${windows.map((w) => w.relationships).join(', ')} relationships`);
    const rows: ExportRow[] = [];
    const repeatsFor = (w: Window) => ctx.repeats ?? (ctx.smoke ? 1 : w.relationships >= 500_000 ? 2 : 3);
    for (const w of windows) {
      for (const format of FORMATS) rows.push(await measure(ctx, format, 'graph', w, warm, repeatsFor(w)));
      rows.push(await measure(ctx, 'graphml', 'query', w, warm, repeatsFor(w)));
    }
    const version = await apocVersion(ctx.neo.driver);
    let apoc: ExportResult['apoc'];
    if (version === undefined) {
      apoc = {
        unavailable:
          "apoc.export.graphml.query is not installed in the benchmarks' Neo4j (the embedded one gets APOC from bench/apoc; with NEO4J_URI, start that server with STANCEGRAPH_NEO4J_PLUGINS=bench/work/plugins)",
      };
      ctx.log(`  export: no APOC baseline: ${apoc.unavailable}`);
    } else {
      await apocOnce(ctx.neo.driver, warm);
      const apocRows: ApocRow[] = [];
      const failures: string[] = [];
      for (const w of windows) {
        if (w.relationships > APOC_MAX_RELATIONSHIPS) {
          failures.push(
            `${w.relationships} relationships: not run (above STANCEGRAPH_BENCH_APOC_MAX=${APOC_MAX_RELATIONSHIPS}: APOC builds the whole export in Neo4j's heap, which may run out and take Neo4j down)`,
          );
          ctx.log(`  export APOC graphml ${failures.at(-1)}`);
          continue;
        }
        try {
          apocRows.push(await measureApoc(ctx, w, repeatsFor(w)));
        } catch (error) {
          // The baseline failing (APOC holds the whole subgraph in Neo4j's heap) is a result too.
          failures.push(`${w.relationships} relationships: ${(error as Error).message.split('\n')[0]}`);
          ctx.log(`  export APOC graphml failed on ${failures.at(-1)}`);
        }
      }
      apoc = { version, rows: apocRows, failures };
    }
    return { stances, windows, rows, apoc };
  },
  render(result) {
    const apocRows = 'rows' in result.apoc ? result.apoc.rows : [];
    const apocOf = (relationships: number) => apocRows.find((a) => a.relationships === relationships);
    return [
      '## 3. Export',
      '',
      `${n(result.stances)} synthetic stances loaded. Subgraphs: the statements (stances and interactions) dated`,
      'from the first day to a day chosen so that they number about 10k, 100k and 1M relationships, with',
      'their actors and claims. Exported through `POST /api/export` from a fresh `stancegraph serve` per',
      'measurement (after one warm-up export of the smallest subgraph); time = request to last byte read',
      "by the client; RSS = the server process's resident set just before the export (idle) and its peak",
      '(VmHWM, reset after the warm-up) during it. **graph** source: the graph filters (`types`, `from`,',
      '`to`), which stream nodes then relationships; **query** source: the same subgraph as a read-only',
      'query, run once to mark the elementIds it names in compact sets, whose elements are then streamed.',
      `**Baseline**: ${'version' in result.apoc ? `APOC core ${result.apoc.version}` : 'APOC core'} \`apoc.export.graphml.query(query, null, {stream: true})\` on the same subgraph,`,
      'rows read through neo4j-driver until the last; ratio = stancegraph GraphML time / APOC time.',
      '',
      ...('unavailable' in result.apoc
        ? [`**APOC baseline not measured**: ${result.apoc.unavailable}.`, '']
        : []),
      ...('failures' in result.apoc && result.apoc.failures.length > 0
        ? [`**APOC baseline missing** on ${result.apoc.failures.join('; ')}.`, '']
        : []),
      '| relationships (nodes) | format | source | time (s) | size (MB) | server RSS idle → peak (MB) | APOC GraphML (s) | ratio to APOC |',
      '|---:|---|---|---:|---:|---:|---:|---:|',
      ...result.rows.map((r) => {
        const w = result.windows.find((x) => x.relationships === r.relationships);
        const a = r.format === 'graphml' ? apocOf(r.relationships) : undefined;
        return `| ${n(r.relationships)} (${n(w?.nodes ?? 0)}) | ${r.format} | ${r.source} | ${sampleText(r.seconds, s)} | ${r.mb} | ${r.idleRssMb.median} → **${r.peakRssMb.median}** | ${a ? `${sampleText(a.seconds, s)}` : ''} | ${a ? (r.seconds.median / a.seconds.median).toFixed(2) : ''} |`;
      }),
      '',
    ].join('\n');
  },
};
