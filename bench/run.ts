// `npm run bench`: runs the benchmarks, each next to its baseline from the same run, writes the
// results as JSON under bench/results/ and the table in BENCHMARKS.md.
//
//   npm run bench                         # everything, full sizes (about an hour on 2 cores)
//   npm run bench -- --only load --sizes 10000,100000 --repeats 3
//   npm run bench -- --smoke              # tiny sizes, one repeat: keeps the harness from rotting

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../server/config.ts';
import { NEO4J_VERSION } from '../server/neo4j/embedded.ts';
import { benchLoad, type LoadResult } from './load.ts';
import { benchNeo4j } from './lib/neo4j.ts';
import { writeReport } from './report.ts';

export const BENCHMARKS = ['load'] as const;

export interface BenchRun {
  date: string;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string };
  versions: { node: string; neo4j: string; stancegraph: string };
  smoke: boolean;
  load?: LoadResult[];
}

const log = (message: string) => process.stderr.write(`${message}\n`);

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
    process.stdout
      .write(`Usage: npm run bench -- [--only ${BENCHMARKS.join(',')}] [--sizes N,N] [--repeats N] [--smoke]

Runs each benchmark next to its baseline from the same run; writes bench/results/<date>.json
and BENCHMARKS.md. Uses NEO4J_URI when set, else an embedded Neo4j in bench/work (port 7695).
`);
    process.exit(0);
  }
  const only = new Set((values.only ?? BENCHMARKS.join(',')).split(','));
  const smoke = values.smoke;
  const sizes = (values.sizes ?? (smoke ? '1000' : '10000,100000,1000000')).split(',').map(Number);
  const repeatsFor = (size: number) => Number(values.repeats ?? (smoke ? 1 : size >= 1_000_000 ? 2 : 3));

  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const neo = await benchNeo4j({ restartToWipe: !smoke });
  const result: BenchRun = {
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
    },
    versions: { node: process.version, neo4j: neo.version || NEO4J_VERSION, stancegraph: pkg.version },
    smoke,
  };
  try {
    if (only.has('load')) {
      result.load = [];
      for (const size of sizes) {
        log(`load: ${size} stances, ${repeatsFor(size)} repeat(s)`);
        result.load.push(await benchLoad(neo, size, repeatsFor(size), log));
      }
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
