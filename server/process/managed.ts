// What the managed local processes (the embedded Neo4j, the CoreNLP server) share: Maven to fetch
// their jars, a pid file checked against the process's command line, a free-port check, the
// tail of a log for error messages, and a graceful stop (SIGTERM, then SIGKILL after a while).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function javaBinary(): string {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/**
 * Runs `mvn package` on a pom (quietly); throws `makeError(message)` when Maven cannot run (the
 * message ends with `hint`) or fails (with the last lines of its output).
 */
export function mavenPackage(
  pom: string,
  what: string,
  hint: string,
  makeError: (message: string) => Error,
): void {
  const mvn = process.env.MVN ?? 'mvn';
  const result = spawnSync(mvn, ['-B', '-q', '-f', pom, 'package'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) {
    throw makeError(`${what}: could not run Maven (${mvn}): ${result.error.message}. ${hint}`);
  }
  if (result.status !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-20).join('\n');
    throw makeError(`${what}: Maven failed (exit ${result.status}).\n${tail}`);
  }
}

export function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').trim(), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `pid` is alive and its command line names `mainClass` (not a recycled pid). */
export function isProcessOf(pid: number, mainClass: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(mainClass);
  } catch {
    return true; // no /proc: trust the pid file
  }
}

export function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function logTail(logFile: string, lines = 25): string {
  try {
    return fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Sends SIGTERM and waits for the process to exit; SIGKILL after `timeoutMs`. Removes the pid file. */
export async function stopProcess(
  pid: number | undefined,
  mainClass: string,
  pidFile: string,
  timeoutMs: number,
): Promise<{ wasRunning: boolean }> {
  if (pid === undefined || !isProcessOf(pid, mainClass)) {
    fs.rmSync(pidFile, { force: true });
    return { wasRunning: false };
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isProcessOf(pid, mainClass)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await sleep(200);
  }
  fs.rmSync(pidFile, { force: true });
  return { wasRunning: true };
}

export interface SpawnedJava {
  pid: number;
  /** Whether the process has exited since it was spawned. */
  exited(): boolean;
}

/**
 * Starts `java args` detached, its output appended to `logFile`, its pid written to `pidFile`;
 * resolves once the process runs (throws `makeError(message)` when Java cannot start).
 */
export async function spawnJava(
  args: string[],
  files: { logFile: string; pidFile: string },
  what: string,
  makeError: (message: string) => Error,
): Promise<SpawnedJava> {
  const logFd = fs.openSync(files.logFile, 'a');
  const child = spawn(javaBinary(), args, { detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const spawnError = await new Promise<Error | undefined>((resolve) => {
    child.once('error', resolve);
    child.once('spawn', () => resolve(undefined));
  });
  if (spawnError || child.pid === undefined) {
    throw makeError(
      `${what}: could not start Java (${javaBinary()}): ${spawnError?.message}. Install Java 17+ or set JAVA_HOME.`,
    );
  }
  fs.writeFileSync(files.pidFile, `${child.pid}\n`);
  child.unref();
  return { pid: child.pid, exited: () => exited };
}

/** After a failed start: kills the process if it still runs and removes its pid file. */
export function abandonStart(spawned: SpawnedJava, pidFile: string): void {
  if (!spawned.exited()) process.kill(spawned.pid, 'SIGKILL');
  fs.rmSync(pidFile, { force: true });
}
