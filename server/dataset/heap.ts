// The loader's heap between transactions. A bulk load keeps little alive (validation streams; the
// write pass holds one transaction's rows), but it allocates fast, and V8 answers a high
// allocation rate by letting the heap grow to 2–3× what is alive between full collections: a 1M
// stance load had 80–160 MB alive and reached 500–600 MB resident. When the heap has grown past a
// soft limit, a full collection as a transaction commits (while Neo4j writes it, so Node has
// little else to do) drops the committed rows at once and brings the heap back near what is alive.
// The limit follows what is alive (twice it, at least SOFT_HEAP_MB), so a bigger input is never
// refused for memory, as a fixed heap limit (--max-old-space-size) would; small loads never reach
// it and pay nothing.

import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined;

/** A full garbage collection now (V8's `gc`, exposed on first use). */
export function collectGarbage(): void {
  if (!gc) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) gc = exposed;
    else {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    }
  }
  gc();
}

/** The heap size (MB) under which trimHeap does nothing. */
export const SOFT_HEAP_MB = 160;
let limit = SOFT_HEAP_MB * 2 ** 20;

/**
 * A full collection if V8's heap has grown past the soft limit; then the limit becomes twice what
 * is alive (at least SOFT_HEAP_MB). True when it collected.
 */
export function trimHeap(): boolean {
  if (v8.getHeapStatistics().total_heap_size < limit) return false;
  collectGarbage();
  limit = Math.max(SOFT_HEAP_MB * 2 ** 20, 2 * v8.getHeapStatistics().used_heap_size);
  return true;
}
