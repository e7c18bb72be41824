// Runs console queries in worker threads (console-thread.ts), each with a driver of its own, so the
// reading of records and the building of the answer's JSON never block the server's event loop:
// health, search and the rest answer while a console query reads 5 million list items. Threads
// start as queries need them, at most one per query slot (STANCEGRAPH_QUERY_CONCURRENCY), so one
// heavy query does not hold up the others; each has a heap limit of its own: a thread that dies
// fails its queries with a 503, and a new one starts for the next query.

import { Worker } from 'node:worker_threads';
import type { Config } from '../config.ts';
import type { ConsoleOptions, ConsoleQuery } from './console.ts';
import { ProblemError, queryInterrupted, type Problem } from './problem.ts';

/** What the main thread asks of the console thread. */
export type ThreadRequest =
  | { type: 'run'; id: number; request: ConsoleQuery; options: Omit<ConsoleOptions, 'signal'> }
  | { type: 'abort'; id: number }
  | { type: 'close' };

/** What the console thread answers: the JSON of a result, a problem, or a failure (a bug). */
export type ThreadReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; json: ArrayBuffer }
  | { type: 'problem'; id: number; problem: Problem; headers: Record<string, string> }
  | { type: 'failed'; id: number; error: string };

/** The heap of the console thread: more than the console's byte budget needs many times over. */
const THREAD_HEAP_MB = 1024;
const ENTRY = new URL('./console-thread.mjs', import.meta.url);

interface Pending {
  resolve(json: Buffer): void;
  reject(error: Error): void;
}

export interface Thread {
  worker: Worker;
  /** Queries it runs now. */
  active: number;
  /** Settles once the thread has loaded its code and made its driver. */
  ready: Promise<void>;
}

export class ConsoleRunner {
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, Pending & { thread: Thread }>();

  /**
   * `config`: the connection the threads' drivers are made from (the server's own);
   * `maxThreads`: at most this many threads (the number of query slots).
   */
  constructor(
    private readonly config: Config,
    private readonly maxThreads: number,
  ) {}

  /**
   * A thread for the next query, once it is ready: a new thread's start (seconds on a busy
   * machine) must not count against the query's time limit, so callers wait for this first.
   */
  async acquire(): Promise<Thread> {
    const thread = this.pick();
    await thread.ready;
    return thread;
  }

  /** The answer's JSON (as bytes), or a ProblemError; `signal` stops the query (session closed). */
  run(thread: Thread, request: ConsoleQuery, options: ConsoleOptions): Promise<Buffer> {
    const { worker } = thread;
    const id = this.nextId++;
    const { signal, ...rest } = options;
    return new Promise<Buffer>((resolve, reject) => {
      const abort = () => worker.postMessage({ type: 'abort', id } satisfies ThreadRequest);
      signal?.addEventListener('abort', abort, { once: true });
      const done = () => signal?.removeEventListener('abort', abort);
      thread.active++;
      this.pending.set(id, {
        thread,
        resolve: (json) => (done(), resolve(json)),
        reject: (error) => (done(), reject(error)),
      });
      worker.postMessage({ type: 'run', id, request, options: rest } satisfies ThreadRequest);
      if (signal?.aborted) abort();
    });
  }

  /** Stops the threads (their queries are stopped, their drivers closed). */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(
      threads.map(async ({ worker }) => {
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.postMessage({ type: 'close' } satisfies ThreadRequest);
        const timer = setTimeout(() => void worker.terminate(), 5000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  /** An idle thread, a new one while there may be more, else the least busy. */
  private pick(): Thread {
    const idle = this.threads.find((thread) => thread.active === 0);
    if (idle) return idle;
    if (this.threads.length < this.maxThreads) return this.start();
    return this.threads.reduce((a, b) => (b.active < a.active ? b : a));
  }

  private start(): Thread {
    const worker = new Worker(ENTRY, {
      workerData: { config: this.config },
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    let ready: () => void = () => {};
    let failed: (error: Error) => void = () => {};
    const thread: Thread = {
      worker,
      active: 0,
      ready: new Promise<void>((resolve, reject) => {
        ready = resolve;
        failed = reject;
      }),
    };
    thread.ready.catch(() => {}); // observed by acquire()
    worker.on('message', (reply: ThreadReply) => (reply.type === 'ready' ? ready() : this.settle(reply)));
    const lost = (why: string) => {
      failed(queryInterrupted(`The console's worker thread could not start (${why}).`));
      const at = this.threads.indexOf(thread);
      if (at >= 0) this.threads.splice(at, 1);
      for (const [id, pending] of this.pending) {
        if (pending.thread !== thread) continue;
        this.pending.delete(id);
        pending.reject(queryInterrupted(`The console's worker thread stopped under the query (${why}).`));
      }
    };
    worker.on('error', (error) => {
      process.stderr.write(
        `${JSON.stringify({ level: 'error', msg: 'console thread failed', error: String(error?.stack ?? error) })}\n`,
      );
      lost(error.message);
    });
    worker.on('exit', (code) => lost(`it exited (code ${code})`));
    this.threads.push(thread);
    return thread;
  }

  private settle(reply: Exclude<ThreadReply, { type: 'ready' }>): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    pending.thread.active--;
    if (reply.type === 'result') pending.resolve(Buffer.from(reply.json));
    else if (reply.type === 'problem') pending.reject(new ProblemError(reply.problem, reply.headers));
    else pending.reject(new Error(`console thread: ${reply.error}`));
  }
}
