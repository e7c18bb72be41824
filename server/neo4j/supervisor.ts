// Keeps the embedded Neo4j running while the server serves: when its process is gone but its pid
// file is still there (it did not stop through `stancegraph db stop`, which removes the file), it is
// started again, with a growing pause between failed attempts. A process that is there but hung
// (stopped, deadlocked) is found by a health check over Bolt, 10 s after the last one (each waits
// 10 s for its answer): after 3 checks in a row without an answer while the process used next to
// no CPU it is killed (SIGKILL) and so started again. A Neo4j that is slow because it is busy (it
// uses CPU: the soak's overload, where killing it made things worse) is left alone.
// Meanwhile the API answers 503 with Retry-After, and the driver reconnects once Neo4j is back.

import fs from 'node:fs';
import neo4j from 'neo4j-driver';
import type { Config } from '../config.ts';
import { embeddedAuth } from './credentials.ts';
import * as embedded from './embedded.ts';

export interface Supervisor {
  /** How many times Neo4j was started again. */
  readonly restarts: number;
  /** How many times a hung Neo4j was killed. */
  readonly hangs: number;
  stop(): void;
}

export interface SuperviseOptions {
  log?: (message: string) => void;
  /** How often the process is looked at. */
  intervalMs?: number;
  /** The pause between two checks over Bolt, and how long each waits for its answer. */
  healthIntervalMs?: number;
  /** Checks in a row without an answer after which Neo4j counts as hung and is killed. */
  maxMissedChecks?: number;
}

export const HEALTH_INTERVAL_MS = 10_000;
export const MAX_MISSED_CHECKS = 3;

/**
 * The CPU time a process has used, in clock ticks (Linux /proc), or undefined where there is no
 * /proc: a Neo4j that answers nothing but works (queued behind a flood of queries) uses CPU; a
 * hung one (stopped, deadlocked) next to none.
 */
function cpuTicks(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;
/** Below this share of one core during a check without an answer, Neo4j counts as hung, not busy. */
const HUNG_CPU_SHARE = 0.05;

/** Whether Neo4j answers `RETURN 1` within `timeoutMs`, on a connection of its own (a pooled one may hang). */
async function answers(config: Config, timeoutMs: number): Promise<boolean> {
  const driver = neo4j.driver(embedded.boltUri(config), embeddedAuth(config), {
    connectionTimeout: timeoutMs,
    maxConnectionPoolSize: 1,
    logging: undefined,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      driver.executeQuery('RETURN 1').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
  } finally {
    clearTimeout(timer);
    void driver.close().catch(() => {}); // a hung server may never say goodbye
  }
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
  let hangs = 0;
  const healthIntervalMs = options.healthIntervalMs ?? HEALTH_INTERVAL_MS;
  const maxMissed = options.maxMissedChecks ?? MAX_MISSED_CHECKS;
  let missed = 0;
  let checking = false;

  /** Asks Neo4j over Bolt; kills it after `maxMissed` checks in a row without an answer. */
  const check = async () => {
    if (stopped || busy || recovering || checking) return;
    const { running, pid } = embedded.status(config);
    if (!running || pid === undefined) return;
    checking = true;
    const cpuBefore = cpuTicks(pid);
    const started = Date.now();
    try {
      if (await answers(config, healthIntervalMs)) {
        missed = 0;
        return;
      }
      // Started again meanwhile (by us or by `db stop`/`db start`): this miss says nothing.
      if (stopped || busy || recovering || embedded.status(config).pid !== pid) return;
      const cpuAfter = cpuTicks(pid);
      if (cpuBefore !== undefined && cpuAfter !== undefined) {
        const cpuSeconds = (cpuAfter - cpuBefore) / TICKS_PER_SECOND;
        if (cpuSeconds > HUNG_CPU_SHARE * ((Date.now() - started) / 1000)) {
          // Busy, not hung: slow answers under load are not a reason to kill it.
          log(
            `Embedded Neo4j: slow to answer over Bolt but working (${cpuSeconds.toFixed(1)} s of CPU); not hung.`,
          );
          missed = 0;
          return;
        }
      }
      missed++;
      log(`Embedded Neo4j: no answer over Bolt (${missed} of ${maxMissed} checks).`);
      if (missed < maxMissed) return;
      missed = 0;
      hangs++;
      log(`Embedded Neo4j: hung (pid ${pid}); killing it (SIGKILL) to start it again…`);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already: the next tick starts it again
      }
    } finally {
      checking = false;
    }
  };

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
  // One check at a time, the next one a pause after the last has ended.
  let healthTimer: NodeJS.Timeout | undefined;
  const scheduleCheck = () => {
    if (stopped) return;
    healthTimer = setTimeout(() => void check().finally(scheduleCheck), healthIntervalMs);
    healthTimer.unref();
  };
  scheduleCheck();
  return {
    get restarts() {
      return restarts;
    },
    get hangs() {
      return hangs;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(healthTimer);
    },
  };
}
