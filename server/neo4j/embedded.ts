// The embedded Neo4j: a real Neo4j Community 5.26 LTS process started from the jars Maven fetches
// (neo4j/pom.xml) by a small Java launcher, Bolt on 127.0.0.1. Start is idempotent (a second
// start finds the running one), readiness is awaited over Bolt, stop is graceful (SIGTERM).

import fs from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { PROJECT_ROOT, type Config } from '../config.ts';
import {
  abandonStart,
  isProcessOf,
  logTail,
  mavenPackage,
  portIsOpen,
  readPid,
  sleep,
  spawnJava,
  stopProcess,
} from '../process/managed.ts';

export const NEO4J_VERSION = '5.26.31';
const RUNTIME_DIR = path.join(PROJECT_ROOT, 'neo4j');
const LAUNCHER_JAR = path.join(RUNTIME_DIR, 'target', 'stancegraph-embedded-neo4j-1.0.0.jar');
const LIB_DIR = path.join(RUNTIME_DIR, 'target', 'lib');
const MAIN_CLASS = 'org.stancegraph.embedded.EmbeddedNeo4j';

const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dfile.encoding=UTF-8',
  '-XX:+UseG1GC',
  '-XX:+ExitOnOutOfMemoryError',
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

export function isInstalled(): boolean {
  return fs.existsSync(LAUNCHER_JAR) && fs.existsSync(path.join(LIB_DIR, `neo4j-${NEO4J_VERSION}.jar`));
}

/** Fetches Neo4j's jars from Maven Central and compiles the launcher (once; about 120 MB). */
export function install(log: Log = () => {}): void {
  if (isInstalled()) return;
  log(`Fetching Neo4j ${NEO4J_VERSION} from Maven Central into neo4j/target (first run only, about 120 MB)…`);
  mavenPackage(
    path.join(RUNTIME_DIR, 'pom.xml'),
    'Embedded Neo4j',
    'Install Maven and Java 17+, or set NEO4J_URI to use another Neo4j.',
    (message) => new EmbeddedNeo4jError(message),
  );
  if (!isInstalled()) throw new EmbeddedNeo4jError('Embedded Neo4j: Maven ran but the jars are missing.');
  log('Neo4j jars ready.');
}

function writeConf(config: Config, paths: EmbeddedPaths): void {
  const e = config.embedded;
  const lines = [
    '# Written by stancegraph at every start from the environment; edits here are overwritten.',
    'server.bolt.enabled=true',
    `server.bolt.listen_address=127.0.0.1:${e.port}`,
    'server.bolt.tls_level=DISABLED',
    'server.http.enabled=false',
    'server.https.enabled=false',
    'dbms.security.auth_enabled=false',
    'dbms.security.allow_csv_import_from_file_urls=false',
    `server.directories.import=${paths.importDir}`,
    `server.directories.data=${paths.dataDir}`,
    `server.memory.pagecache.size=${e.pagecache}`,
    `db.transaction.timeout=${e.txTimeout}`,
    `db.memory.transaction.max=${e.txMemory}`,
    'dbms.usage_report.enabled=false',
    'db.logs.query.enabled=OFF',
    'db.shutdown_transaction_end_timeout=5s',
    // Only for procedure jars put there on purpose (the export benchmark's APOC baseline).
    ...(e.plugins
      ? [
          `server.directories.plugins=${e.plugins}`,
          'dbms.security.procedures.unrestricted=apoc.*',
          'dbms.security.procedures.allowlist=apoc.export.*,apoc.meta.*',
        ]
      : []),
  ];
  fs.writeFileSync(paths.confFile, `${lines.join('\n')}\n`);
}

function isOurProcess(pid: number): boolean {
  return isProcessOf(pid, MAIN_CLASS);
}

/** Waits until a Bolt server answers at `uri`, or throws after `timeoutMs`. */
export async function waitForBolt(
  uri: string,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const driver = neo4j.driver(uri, undefined, { connectionTimeout: 2000, logging: undefined });
  try {
    for (;;) {
      try {
        await driver.verifyConnectivity();
        return;
      } catch (error) {
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

export function status(config: Config): EmbeddedStatus {
  const paths = embeddedPaths(config);
  const pid = readPid(paths.pidFile);
  const running = pid !== undefined && isOurProcess(pid);
  return {
    running,
    pid: running ? pid : undefined,
    uri: boltUri(config),
    home: paths.home,
    installed: isInstalled(),
  };
}

/** Starts the embedded Neo4j, or finds the running one. Resolves once Bolt answers. */
export async function start(
  config: Config,
  log: Log = () => {},
): Promise<{ alreadyRunning: boolean; pid: number }> {
  const paths = embeddedPaths(config);
  const current = status(config);
  if (current.running && current.pid !== undefined) {
    await waitForBolt(boltUri(config), config.embedded.startTimeoutSeconds * 1000, () =>
      isOurProcess(current.pid!),
    );
    return { alreadyRunning: true, pid: current.pid };
  }
  if (await portIsOpen(config.embedded.port)) {
    throw new EmbeddedNeo4jError(
      `Embedded Neo4j: port ${config.embedded.port} on 127.0.0.1 is taken by another process. ` +
        'Set STANCEGRAPH_NEO4J_PORT to a free port, or NEO4J_URI to use the server that listens there.',
    );
  }
  install(log);
  for (const dir of [paths.home, paths.dataDir, paths.importDir]) fs.mkdirSync(dir, { recursive: true });
  writeConf(config, paths);

  const heap = config.embedded.heap;
  const spawned = await spawnJava(
    [
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
    ],
    paths,
    'Embedded Neo4j',
    (message) => new EmbeddedNeo4jError(message),
  );
  const pid = spawned.pid;
  log(`Starting the embedded Neo4j ${NEO4J_VERSION} (pid ${pid}, ${boltUri(config)}, log ${paths.logFile})…`);
  try {
    await waitForBolt(boltUri(config), config.embedded.startTimeoutSeconds * 1000, () => !spawned.exited());
  } catch (error) {
    abandonStart(spawned, paths.pidFile);
    throw new EmbeddedNeo4jError(
      `${(error as Error).message}\nLast lines of ${paths.logFile}:\n${logTail(paths.logFile)}`,
    );
  }
  return { alreadyRunning: false, pid };
}

/** Stops the embedded Neo4j gracefully; kills it if it has not stopped after `timeoutMs`. */
export async function stop(config: Config, timeoutMs = 60_000): Promise<{ wasRunning: boolean }> {
  const paths = embeddedPaths(config);
  return stopProcess(status(config).pid, MAIN_CLASS, paths.pidFile, timeoutMs);
}
