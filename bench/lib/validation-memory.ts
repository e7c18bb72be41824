// The loader's validation pass alone, for its memory: validates a bulk folder (no Neo4j: every
// reference must be defined in the folder) and prints its peak RSS, the heap it holds once done
// (after a full GC, when run with --expose-gc), and the time. Finds what dominates the loader's peak.
//
//   node --expose-gc --import tsx bench/lib/validation-memory.ts bench/work/synthetic-1000000-s1

import path from 'node:path';
import { validateBulk } from '../../server/dataset/bulk.ts';

export interface ValidationMemory {
  seconds: number;
  peakRssMb: number;
  /** Heap in use with the validation index alive, after a full GC (undefined without --expose-gc). */
  retainedHeapMb?: number;
  /** RSS with the validation index alive. */
  rssAfterMb: number;
  issues: number;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export async function measureValidation(folder: string): Promise<ValidationMemory> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const started = performance.now();
  const { issues, index } = await validateBulk(folder, async () => new Map());
  const seconds = (performance.now() - started) / 1000;
  gc?.();
  const result: ValidationMemory = {
    seconds: Math.round(seconds * 10) / 10,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    retainedHeapMb: gc ? mb(process.memoryUsage().heapUsed) : undefined,
    rssAfterMb: mb(process.memoryUsage().rss),
    issues: issues.length,
  };
  index?.close(); // kept alive until here, as the write pass would
  return result;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const folder = process.argv[2];
  if (!folder) {
    process.stderr.write(
      'Usage: node --expose-gc --import tsx bench/lib/validation-memory.ts <bulk folder>\n',
    );
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(await measureValidation(folder))}\n`);
}
