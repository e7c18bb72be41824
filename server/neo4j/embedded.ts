// The embedded Neo4j: a real Neo4j Community 5.26 LTS process started from the jars Maven fetches
// (neo4j/pom.xml) by a small Java launcher, Bolt on 127.0.0.1. Start is idempotent (a second
// start finds the running one), readiness is awaited over Bolt, stop is graceful (SIGTERM).

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import neo4j, { type AuthToken } from 'neo4j-driver';
import { PROJECT_ROOT, sizeToBytes, type Config } from '../config.ts';
import {
  EMBEDDED_USER,
  embeddedAuth,
  ensureEmbeddedPassword,
  ensurePrivateDir,
  passwordFile,
  passwordFingerprint,
  writePrivateFile,
} from './credentials.ts';
import {
  isProcessOf,
  javaBinary,
  logTail,
  portIsOpen,
  readPid,
  sleep,
  stopProcess,
} from '../process/managed.ts';

export const NEO4J_VERSION = '5.26.31';
const RUNTIME_DIR = path.join(PROJECT_ROOT, 'neo4j');
const LAUNCHER_JAR = path.join(RUNTIME_DIR, 'target', 'stancegraph-embedded-neo4j-1.0.0.jar');
export const LIB_DIR = path.join(RUNTIME_DIR, 'target', 'lib');
const MAIN_CLASS = 'org.stancegraph.embedded.EmbeddedNeo4j';
/** A fingerprint of the launcher's sources next to the jar: a changed launcher is rebuilt. */
const LAUNCHER_STAMP = path.join(RUNTIME_DIR, 'target', 'launcher-source.sha256');

export const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dfile.encoding=UTF-8',
  '-XX:+UseG1GC',
];

export class EmbeddedNeo4jError extends Error {
  override name = 'EmbeddedNeo4jError';
}

export interface EmbeddedPaths {
  home: string;
  dataDir: string;
  importDir: string;
  confFile: string;
  pidFile: string;
  logFile: string;
  /** The fingerprint of the password the data folder's neo4j user has (absent: not set yet). */
  authStamp: string;
}

export function embeddedPaths(config: Config): EmbeddedPaths {
  const home = path.join(config.embedded.home, 'neo4j');
  return {
    home,
    dataDir: path.join(home, 'db'),
    importDir: path.join(home, 'import'),
    confFile: path.join(home, 'neo4j.conf'),
    pidFile: path.join(home, 'neo4j.pid'),
    logFile: path.join(home, 'neo4j.log'),
    authStamp: path.join(home, 'db', 'stancegraph-auth.sha256'),
  };
}

export function boltUri(config: Config): string {
  return `bolt://127.0.0.1:${config.embedded.port}`;
}

export interface EmbeddedStatus {
  running: boolean;
  pid: number | undefined;
  uri: string;
  home: string;
  installed: boolean;
}

type Log = (message: string) => void;

function launcherSourceHash(): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(entry.name).update(fs.readFileSync(file));
    }
  };
  hash.update(fs.readFileSync(path.join(RUNTIME_DIR, 'pom.xml')));
  walk(path.join(RUNTIME_DIR, 'src'));
  return hash.digest('hex');
}

function launcherIsCurrent(): boolean {
  try {
    return fs.readFileSync(LAUNCHER_STAMP, 'utf8').trim() === launcherSourceHash();
  } catch {
    return false;
  }
}

export function isInstalled(): boolean {
  return (
    fs.existsSync(LAUNCHER_JAR) &&
    fs.existsSync(path.join(LIB_DIR, `neo4j-${NEO4J_VERSION}.jar`)) &&
    launcherIsCurrent()
  );
}

/** Fetches Neo4j's jars from Maven Central and compiles the launcher (once; about 120 MB). */
export function install(log: Log = () => {}): void {
  if (isInstalled()) return;
  const mvn = process.env.MVN ?? 'mvn';
  log(
    fs.existsSync(path.join(LIB_DIR, `neo4j-${NEO4J_VERSION}.jar`))
      ? 'Building the embedded Neo4j launcher (its sources changed)…'
      : `Fetching Neo4j ${NEO4J_VERSION} from Maven Central into neo4j/target (first run only, about 120 MB)…`,
  );
  const result = spawnSync(mvn, ['-B', '-q', '-f', path.join(RUNTIME_DIR, 'pom.xml'), 'package'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) {
    throw new EmbeddedNeo4jError(
      `Embedded Neo4j: could not run Maven (${mvn}): ${result.error.message}. Install Maven and Java 17+, or set NEO4J_URI to use another Neo4j.`,
    );
  }
  if (result.status === 0) fs.writeFileSync(LAUNCHER_STAMP, `${launcherSourceHash()}\n`);
  if (result.status !== 0 || !isInstalled()) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-20).join('\n');
    throw new EmbeddedNeo4jError(`Embedded Neo4j: Maven failed (exit ${result.status}).\n${tail}`);
  }
  log('Neo4j jars ready.');
}

/** Of the heap, what all transactions together may take: the rest is headroom for what Neo4j does not count. */
export { javaBinary };

export const TRANSACTION_SHARE_OF_HEAP = 0.6;

/**
 * Transaction memory limits below the heap: all transactions together at most 60% of it, one at
 * most STANCEGRAPH_NEO4J_TX_MEMORY and never more than that total. What the limits do not count
 * (strings a query builds) then meets headroom, and a query that still runs the heap out gets an
 * OutOfMemoryError of its own: the JVM is not told to exit on it, so Neo4j answers the next query.
 */
export function transactionMemory(config: Config): { total: number; perTransaction: number } {
  const total = Math.floor(sizeToBytes(config.embedded.heap) * TRANSACTION_SHARE_OF_HEAP);
  return { total, perTransaction: Math.min(sizeToBytes(config.embedded.txMemory), total) };
}

function writeConf(config: Config, paths: EmbeddedPaths): void {
  const e = config.embedded;
  const memory = transactionMemory(config);
  const lines = [
    '# Written by stancegraph at every start from the environment; edits here are overwritten.',
    'server.bolt.enabled=true',
    `server.bolt.listen_address=127.0.0.1:${e.port}`,
    'server.bolt.tls_level=DISABLED',
    'server.http.enabled=false',
    'server.https.enabled=false',
    // Auth on: a web page in the user's browser can open a WebSocket to this port.
    'dbms.security.auth_enabled=true',
    'dbms.security.allow_csv_import_from_file_urls=false',
    `server.directories.import=${paths.importDir}`,
    `server.directories.data=${paths.dataDir}`,
    `server.memory.pagecache.size=${e.pagecache}`,
    `db.transaction.timeout=${e.txTimeout}`,
    `db.memory.transaction.total.max=${memory.total}`,
    `db.memory.transaction.max=${memory.perTransaction}`,
    'dbms.usage_report.enabled=false',
    'db.logs.query.enabled=OFF',
    'db.shutdown_transaction_end_timeout=5s',
    // Bolt's event loops otherwise wait a quiet period of 5 s each (two connectors: 10 s of every
    // stop) for tasks that cannot come: connections are closed before them. `load --initial` stops
    // Neo4j once, every test run at least once.
    'internal.dbms.bolt.netty_server_shutdown_quiet_period=0',
    // Only for procedure jars put there on purpose (the export benchmark's APOC baseline).
    ...(e.plugins
      ? [
          `server.directories.plugins=${e.plugins}`,
          'dbms.security.procedures.unrestricted=apoc.*',
          'dbms.security.procedures.allowlist=apoc.export.*,apoc.meta.*',
        ]
      : []),
  ];
  writePrivateFile(paths.confFile, `${lines.join('\n')}\n`);
}

/** Waits until a Bolt server answers at `uri`, or throws after `timeoutMs`. */
export async function waitForBolt(
  uri: string,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
  auth?: AuthToken,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const driver = neo4j.driver(uri, auth, { connectionTimeout: 2000, logging: undefined });
  try {
    for (;;) {
      try {
        await driver.verifyConnectivity();
        return;
      } catch (error) {
        if ((error as { code?: string }).code === 'Neo.ClientError.Security.Unauthorized') {
          throw new EmbeddedNeo4jError(
            `Embedded Neo4j at ${uri} refuses the stored password. Stop it, delete the password file ` +
              'under $STANCEGRAPH_HOME (neo4j-password) and start it again to set a new one.',
          );
        }
        if (!isAlive()) throw new EmbeddedNeo4jError('Embedded Neo4j: the process exited during start-up.');
        if (Date.now() > deadline) {
          throw new EmbeddedNeo4jError(
            `Embedded Neo4j: no Bolt answer at ${uri} after ${Math.round(timeoutMs / 1000)}s (${(error as Error).message}).`,
          );
        }
        await sleep(300);
      }
    }
  } finally {
    await driver.close();
  }
}

/** Whether the data folder's neo4j user already has `password` (set by an earlier start). */
function passwordIsSet(paths: EmbeddedPaths, password: string): boolean {
  try {
    return fs.readFileSync(paths.authStamp, 'utf8').trim() === passwordFingerprint(password);
  } catch {
    return false;
  }
}

export function status(config: Config): EmbeddedStatus {
  const paths = embeddedPaths(config);
  const pid = readPid(paths.pidFile);
  const running = pid !== undefined && isProcessOf(pid, MAIN_CLASS);
  return {
    running,
    pid: running ? pid : undefined,
    uri: boltUri(config),
    home: paths.home,
    installed: isInstalled(),
  };
}

/** The Java command line of the launcher (exported for the test that makes a data folder as older versions did). */
export function launcherArgs(config: Config, extra: string[] = []): string[] {
  const paths = embeddedPaths(config);
  const heap = config.embedded.heap;
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    ...JVM_FLAGS,
    '-cp',
    // Plugins on the class path too, as Neo4j's own start script does: APOC's extensions load from there.
    [
      LAUNCHER_JAR,
      path.join(LIB_DIR, '*'),
      ...(config.embedded.plugins ? [path.join(config.embedded.plugins, '*')] : []),
    ].join(path.delimiter),
    MAIN_CLASS,
    paths.home,
    paths.confFile,
    ...extra,
  ];
}

/** Starts the embedded Neo4j, or finds the running one. Resolves once Bolt answers. */
export async function start(
  config: Config,
  log: Log = () => {},
): Promise<{ alreadyRunning: boolean; pid: number }> {
  const paths = embeddedPaths(config);
  const current = status(config);
  if (current.running && current.pid !== undefined) {
    await waitForBolt(
      boltUri(config),
      config.embedded.startTimeoutSeconds * 1000,
      () => isProcessOf(current.pid!, MAIN_CLASS),
      embeddedAuth(config),
    );
    if (fs.readFileSync(paths.confFile, 'utf8').includes('dbms.security.auth_enabled=false')) {
      log(
        'Warning: the running Neo4j was started by an older stancegraph with auth off; ' +
          '`stancegraph db stop` then `db start` turns auth on (the data is kept).',
      );
    }
    return { alreadyRunning: true, pid: current.pid };
  }
  if (await portIsOpen(config.embedded.port)) {
    throw new EmbeddedNeo4jError(
      `Embedded Neo4j: port ${config.embedded.port} on 127.0.0.1 is taken by another process. ` +
        'Set STANCEGRAPH_NEO4J_PORT to a free port, or NEO4J_URI to use the server that listens there.',
    );
  }
  install(log);
  const password = ensureEmbeddedPassword(config);
  for (const dir of [paths.home, paths.dataDir, paths.importDir]) ensurePrivateDir(dir);
  writeConf(config, paths);
  // A new data folder, one made before auth was on, or a new password file: set the password first.
  const setPassword = !passwordIsSet(paths, password);

  const logFd = fs.openSync(paths.logFile, 'a', 0o600);
  const child = spawn(
    javaBinary(),
    launcherArgs(config, setPassword ? ['--set-password-from', passwordFile(config)] : []),
    { detached: true, stdio: ['ignore', logFd, logFd] },
  );
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
    throw new EmbeddedNeo4jError(
      `Embedded Neo4j: could not start Java (${javaBinary()}): ${spawnError?.message}. Install Java 17+ or set JAVA_HOME.`,
    );
  }
  const pid = child.pid;
  writePrivateFile(paths.pidFile, `${pid}\n`);
  child.unref();
  log(`Starting the embedded Neo4j ${NEO4J_VERSION} (pid ${pid}, ${boltUri(config)}, log ${paths.logFile})…`);
  try {
    await waitForBolt(
      boltUri(config),
      config.embedded.startTimeoutSeconds * 1000,
      () => !exited,
      neo4j.auth.basic(EMBEDDED_USER, password),
    );
    if (setPassword) writePrivateFile(paths.authStamp, `${passwordFingerprint(password)}\n`);
  } catch (error) {
    if (!exited) process.kill(pid, 'SIGKILL');
    fs.rmSync(paths.pidFile, { force: true });
    throw new EmbeddedNeo4jError(
      `${(error as Error).message}\nLast lines of ${paths.logFile}:\n${logTail(paths.logFile)}`,
    );
  }
  return { alreadyRunning: false, pid };
}

/** Stops the embedded Neo4j gracefully; kills it if it has not stopped after `timeoutMs`. */
export async function stop(config: Config, timeoutMs = 60_000): Promise<{ wasRunning: boolean }> {
  const paths = embeddedPaths(config);
  const { running, pid } = status(config);
  return stopProcess(running ? pid : undefined, MAIN_CLASS, paths.pidFile, timeoutMs);
}
