// Guards around users' queries (console, exports from a query): at most N at once, well below the
// driver's pool, so that no burst of them can starve the API's own queries (the overflow answers
// 503 with Retry-After at once); and a deadline of our own, because Neo4j's transaction timeout
// does not cover parsing and planning, so a query stuck there still gets its answer in time.

import { PROBLEM_TYPES, ProblemError } from './problem.ts';

/** Seconds a client should wait when every slot is taken. */
export const BUSY_RETRY_AFTER_SECONDS = 2;
/** Time past the transaction timeout before our own deadline answers (Neo4j usually answers first). */
export const DEADLINE_GRACE_MS = 1_000;

export class QueryGate {
  private running = 0;
  constructor(readonly max: number) {}

  get active(): number {
    return this.running;
  }

  /**
   * Runs `work` in a free slot, or refuses at once with a 503 when none is free. The slot is held
   * until `work` settles, even when its caller has stopped waiting (the query still holds a
   * connection until Neo4j lets it go).
   */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      return Promise.reject(
        new ProblemError(
          {
            type: PROBLEM_TYPES.busy,
            title: 'Too many queries at once',
            status: 503,
            detail: `The server runs at most ${this.max} console and export queries at once (STANCEGRAPH_QUERY_CONCURRENCY) and all are busy; try again in ${BUSY_RETRY_AFTER_SECONDS} s.`,
          },
          { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) },
        ),
      );
    }
    this.running++;
    let settled: Promise<T>;
    try {
      settled = work();
    } catch (error) {
      settled = Promise.reject(error);
    }
    void settled.then(
      () => this.running--,
      () => this.running--,
    );
    return settled;
  }
}

/**
 * Settles like `work`, or rejects with `onDeadline()` after `ms` (then calls `abort` so the work
 * stops as soon as it can; it may still finish later, unobserved).
 */
export function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  onDeadline: () => Error,
  abort: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      abort();
      reject(onDeadline());
    }, ms);
  });
  work.catch(() => {}); // observed below or, after the deadline, on purpose not
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** An AbortSignal that aborts with `parent` or when `abort()` is called. */
export function childAbort(parent: AbortSignal): { signal: AbortSignal; abort: () => void } {
  const controller = new AbortController();
  if (parent.aborted) controller.abort();
  else parent.addEventListener('abort', () => controller.abort(), { once: true });
  return { signal: controller.signal, abort: () => controller.abort() };
}
