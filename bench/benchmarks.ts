// The registry of benchmarks, in the order `npm run bench` runs them (later ones reuse the data
// the load benchmark leaves in the database). Adding a benchmark is adding it here.

import { apiBenchmark } from './api.ts';
import type { Benchmark } from './context.ts';
import { clientBenchmark } from './client.ts';
import { exportBenchmark } from './export.ts';
import { interactiveBenchmark } from './interactive.ts';
import { loadBenchmark } from './load.ts';

export const BENCHMARKS: Benchmark<never>[] = [
  loadBenchmark as Benchmark<never>,
  apiBenchmark as Benchmark<never>,
  interactiveBenchmark as Benchmark<never>,
  exportBenchmark as Benchmark<never>,
  clientBenchmark as Benchmark<never>,
];
