// What every benchmark gets: the benchmarks' Neo4j, a logger, the sizes asked for, and a way to
// have a synthetic dataset of N stances loaded (by the stancegraph loader) before measuring.

import type { BenchNeo4j } from './lib/neo4j.ts';

export interface BenchContext {
  neo: BenchNeo4j;
  log: (message: string) => void;
  /** Tiny sizes, one repeat: the CI run that keeps the harness from rotting. */
  smoke: boolean;
  /** --sizes, when given (each benchmark has its own defaults). */
  sizes: number[] | undefined;
  /** --repeats, when given. */
  repeats: number | undefined;
  /** Makes the database hold exactly the synthetic dataset of `stances` (seed 1). */
  ensureLoaded(stances: number): Promise<void>;
  /** The synthetic dataset the database holds, as far as this run knows (undefined: unknown). */
  loadedStances: number | undefined;
  /** Called by whoever leaves the database holding exactly the synthetic dataset of `stances`. */
  markLoaded(stances: number): Promise<void>;
}

export interface Benchmark<R = unknown> {
  name: string;
  /** One line for --help. */
  description: string;
  run(ctx: BenchContext): Promise<R>;
  /** Its section of BENCHMARKS.md. */
  render(result: R): string;
}

/** One `npm run bench`: the machine, the versions and every benchmark's results. */
export interface BenchRun {
  date: string;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string };
  versions: { node: string; neo4j: string; stancegraph: string };
  /** The embedded Neo4j's heap (absent when NEO4J_URI named another server). */
  neo4jHeap?: string;
  smoke: boolean;
  results: Record<string, unknown>;
}
