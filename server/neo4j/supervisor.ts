// Keeps the embedded Neo4j running while the server serves: when its process is gone but its pid
// file is still there (it did not stop through `stancegraph db stop`, which removes the file), it is
// started again, with a growing pause between failed attempts. Meanwhile the API answers 503 with
// Retry-After, and the driver reconnects by itself once Neo4j is back.

import fs from 'node:fs';
import type { Config } from '../config.ts';
import * as embedded from './embedded.ts';

export interface Supervisor {
  /** How many times Neo4j was started again. */
  readonly restarts: number;
  stop(): void;
}

export interface SuperviseOptions {
  log?: (message: string) => void;
  /** How often the process is looked at. */
  intervalMs?: number;
}

const MAX_BACKOFF_MS = 60_000;

export function superviseEmbedded(config: Config, options: SuperviseOptions = {}): Supervisor {
  const log = options.log ?? (() => {});
  const intervalMs = options.intervalMs ?? 1000;
  const { pidFile } = embedded.embeddedPaths(config);
  let stopped = false;
  let busy = false;
  /** Set once a crash was seen, until Neo4j is back: a failed start removes the pid file. */
  let recovering = false;
  let backoffMs = 1000;
  let nextAttempt = 0;
  let restarts = 0;

  const tick = async () => {
    if (stopped || busy || Date.now() < nextAttempt) return;
    if (!recovering && !fs.existsSync(pidFile)) return; // stopped on purpose, or never started
    if (embedded.status(config).running) return;
    busy = true;
    if (!recovering) log('Embedded Neo4j: the process exited unexpectedly; starting it again…');
    recovering = true;
    try {
      await embedded.start(config, log);
      if (stopped) return;
      restarts++;
      recovering = false;
      backoffMs = 1000;
      log('Embedded Neo4j: running again.');
    } catch (error) {
      log(
        `Embedded Neo4j: could not start it again (${(error as Error).message.split('\n')[0]}); next try in ${backoffMs / 1000} s.`,
      );
      nextAttempt = Date.now() + backoffMs;
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    get restarts() {
      return restarts;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
