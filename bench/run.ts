// `npm run bench`: runs the benchmarks, each next to its baseline from the same run, writes the
// results as JSON under bench/results/ and the tables in BENCHMARKS.md.
//
//   npm run bench                         # everything, full sizes (about an hour on 2 cores)
//   npm run bench -- --only load --sizes 10000,100000 --repeats 3
//   npm run bench -- --smoke              # tiny sizes, one repeat: keeps the harness from rotting

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { PROJECT_ROOT } from '../server/config.ts';
import { BENCHMARKS } from './benchmarks.ts';
import type { BenchContext, BenchRun } from './context.ts';
import { ensureDataset } from './load.ts';
import { benchHeap, benchNeo4j, type BenchNeo4j } from './lib/neo4j.ts';
import { writeReport } from './report.ts';

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Which synthetic dataset the benchmarks' database holds, with its counts to check it still does. */
interface LoadedMarker {
  stances: number;
  uri: string;
  nodes: number;
  relationships: number;
}

const MARKER = path.join(PROJECT_ROOT, 'bench', 'work', 'loaded.json');

function readLoadedMarker(): LoadedMarker | undefined {
  try {
    return JSON.parse(fs.readFileSync(MARKER, 'utf8')) as LoadedMarker;
  } catch {
    return undefined;
  }
}

function writeLoadedMarker(marker: LoadedMarker): void {
  fs.mkdirSync(path.dirname(MARKER), { recursive: true });
  fs.writeFileSync(MARKER, `${JSON.stringify(marker)}\n`);
}

/** Node and relationship counts (from Neo4j's count store: instant at any size). */
async function graphCounts(neo: BenchNeo4j): Promise<{ nodes: number; relationships: number }> {
  const { records } = await neo.driver.executeQuery(
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  return {
    nodes: Number(records[0]?.get('nodes')),
    relationships: Number(records[0]?.get('relationships')),
  };
}

const run = promisify(execFile);

export async function main(argv = process.argv.slice(2)): Promise<BenchRun> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      sizes: { type: 'string' },
      repeats: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`Usage: npm run bench -- [--only NAME,NAME] [--sizes N,N] [--repeats N] [--smoke]

${BENCHMARKS.map((b) => `  ${b.name.padEnd(8)} ${b.description}`).join('\n')}

Each benchmark runs next to its baseline from the same run; results go to bench/results/<date>.json
and BENCHMARKS.md (--smoke: bench/work/results, BENCHMARKS.md untouched). Uses NEO4J_URI when set,
else an embedded Neo4j in bench/work (port 7695, 12g heap (2g with --smoke), 4g page cache).
`);
    process.exit(0);
  }
  const only = new Set((values.only ?? BENCHMARKS.map((b) => b.name).join(',')).split(','));
  const unknown = [...only].filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length)
    throw new Error(
      `--only: unknown benchmark ${unknown.join(', ')}; expected ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
  const smoke = values.smoke;

  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const neo = await benchNeo4j({ restartToWipe: !smoke, smoke });
  const ctx: BenchContext = {
    neo,
    log,
    smoke,
    sizes: values.sizes?.split(',').map(Number),
    repeats: values.repeats === undefined ? undefined : Number(values.repeats),
    loadedStances: undefined,
    async markLoaded(stances) {
      ctx.loadedStances = stances;
      writeLoadedMarker({ stances, uri: neo.uri, ...(await graphCounts(neo)) });
    },
    async ensureLoaded(stances) {
      if (ctx.loadedStances === stances) return;
      // A previous `npm run bench` may have left this dataset loaded: its counts say so.
      const marker = readLoadedMarker();
      if (marker?.stances === stances && marker.uri === neo.uri) {
        const counts = await graphCounts(neo);
        if (counts.nodes === marker.nodes && counts.relationships === marker.relationships) {
          log(`  the database still holds the ${stances}-stance dataset (${counts.nodes} nodes)`);
          ctx.loadedStances = stances;
          return;
        }
      }
      const dir = await ensureDataset(stances);
      await neo.wipe();
      log(`  loading ${stances} stances for the next benchmark…`);
      await run(
        process.execPath,
        [path.join(PROJECT_ROOT, 'bin', 'stancegraph.mjs'), 'load', dir, '--batch-size', '5000'],
        {
          env: { ...process.env, ...neo.env },
        },
      );
      await ctx.markLoaded(stances);
    },
  };
  const result: BenchRun = {
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
    },
    versions: { node: process.version, neo4j: neo.version, stancegraph: pkg.version },
    ...(process.env.NEO4J_URI ? {} : { neo4jHeap: benchHeap(smoke) }),
    smoke,
    results: {},
  };
  try {
    for (const benchmark of BENCHMARKS) {
      if (!only.has(benchmark.name)) continue;
      log(`== ${benchmark.name}`);
      result.results[benchmark.name] = await benchmark.run(ctx);
    }
  } finally {
    await neo.close();
  }
  const dir = smoke
    ? path.join(PROJECT_ROOT, 'bench', 'work', 'results')
    : path.join(PROJECT_ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.date.slice(0, 19).replace(/[:T]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${path.relative(PROJECT_ROOT, file)}`);
  if (!smoke) writeReport();
  return result;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) await main();
