// The benchmarks' own Neo4j: an embedded instance in bench/work/neo4j on its own port, sized for
// bulk work, wiped between runs by a restart on an empty store (so every run starts cold and alike).
// With NEO4J_URI set (or in the CI smoke run) it uses that server and wipes by deleting instead.
// The embedded instance gets APOC (bench/lib/apoc.ts) for the export benchmark's baseline.

import fs from 'node:fs';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { loadConfig, PROJECT_ROOT, type Config } from '../../server/config.ts';
import { EMBEDDED_USER, embeddedAuth, readEmbeddedPassword } from '../../server/neo4j/credentials.ts';
import * as embedded from '../../server/neo4j/embedded.ts';
import { ensureApocPlugins } from './apoc.ts';

export interface BenchNeo4j {
  uri: string;
  /** NEO4J_URI and its credentials, for the processes a benchmark starts (CLI, server). */
  env: Record<string, string>;
  driver: Driver;
  /** Leaves an empty database with no schema. */
  wipe(): Promise<void>;
  /**
   * A new driver, after another process replaced the store (`load --initial`): the old driver's
   * bookmarks name transactions the new store never had, and Neo4j would wait for them.
   */
  reconnect(): Promise<void>;
  close(): Promise<void>;
  version: string;
  /** The embedded instance's settings as environment variables (for `load --initial`); absent with NEO4J_URI. */
  embeddedEnv?: Record<string, string>;
}

async function deleteEverything(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS');
    await session.run('MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 50000 ROWS');
    await session.run('CALL db.clearQueryCaches()');
  } finally {
    await session.close();
  }
  for (const r of (await driver.executeQuery('SHOW CONSTRAINTS YIELD name')).records) {
    await driver.executeQuery(`DROP CONSTRAINT \`${r.get('name')}\` IF EXISTS`);
  }
  for (const r of (await driver.executeQuery("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'"))
    .records) {
    await driver.executeQuery(`DROP INDEX \`${r.get('name')}\` IF EXISTS`);
  }
}

async function versionOf(driver: Driver): Promise<string> {
  const { records } = await driver.executeQuery(
    'CALL dbms.components() YIELD versions RETURN versions[0] AS v',
  );
  return String(records[0]?.get('v'));
}

/**
 * The embedded Neo4j's heap: 12g for full runs, because APOC's GraphML export (the export
 * benchmark's baseline) builds the whole file in the heap, and at 1M relationships a 4g heap ran
 * out and took Neo4j down; 12g + 4g of page cache leave 8 of the machine's 24 GiB. 2g for --smoke.
 */
export const benchHeap = (smoke: boolean) => process.env.STANCEGRAPH_NEO4J_HEAP ?? (smoke ? '2g' : '12g');

export async function benchNeo4j(options: { restartToWipe: boolean; smoke: boolean }): Promise<BenchNeo4j> {
  if (process.env.NEO4J_URI) {
    const config = loadConfig();
    const driver = neo4j.driver(
      process.env.NEO4J_URI,
      config.neo4j.password ? neo4j.auth.basic(config.neo4j.user, config.neo4j.password) : undefined,
    );
    return {
      uri: process.env.NEO4J_URI,
      env: {
        NEO4J_URI: process.env.NEO4J_URI,
        NEO4J_USER: config.neo4j.user,
        ...(config.neo4j.password ? { NEO4J_PASSWORD: config.neo4j.password } : {}),
      },
      driver,
      wipe: () => deleteEverything(driver),
      reconnect: async () => {},
      close: () => driver.close(),
      version: await versionOf(driver),
    };
  }
  const home = path.join(PROJECT_ROOT, 'bench', 'work', 'neo4j-home');
  // APOC is the export benchmark's baseline; without it that baseline says why and the rest runs.
  const apoc = ensureApocPlugins();
  const embeddedEnv = Object.fromEntries(
    Object.entries({
      STANCEGRAPH_HOME: home,
      STANCEGRAPH_NEO4J_PORT: process.env.STANCEGRAPH_BENCH_NEO4J_PORT ?? '7695',
      STANCEGRAPH_NEO4J_HEAP: benchHeap(options.smoke),
      STANCEGRAPH_NEO4J_PAGECACHE: process.env.STANCEGRAPH_NEO4J_PAGECACHE ?? '4g',
      STANCEGRAPH_NEO4J_TX_MEMORY: '3g',
      STANCEGRAPH_NEO4J_TX_TIMEOUT: '30m',
      // A busy shared machine may need longer than the default 120 s to start Neo4j.
      STANCEGRAPH_NEO4J_START_TIMEOUT: process.env.STANCEGRAPH_NEO4J_START_TIMEOUT,
      STANCEGRAPH_NEO4J_PLUGINS: 'dir' in apoc ? apoc.dir : undefined,
    }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const config: Config = loadConfig(embeddedEnv);
  await embedded.start(config);
  const uri = embedded.boltUri(config);
  let driver = neo4j.driver(uri, embeddedAuth(config));
  const bench: BenchNeo4j = {
    uri,
    env: { NEO4J_URI: uri, NEO4J_USER: EMBEDDED_USER, NEO4J_PASSWORD: readEmbeddedPassword(config) ?? '' },
    driver,
    embeddedEnv,
    version: await versionOf(driver),
    async wipe() {
      if (!options.restartToWipe) return deleteEverything(bench.driver);
      await bench.driver.close();
      await embedded.stop(config);
      fs.rmSync(embedded.embeddedPaths(config).dataDir, { recursive: true, force: true });
      await embedded.start(config);
      driver = neo4j.driver(uri, embeddedAuth(config));
      bench.driver = driver;
    },
    async reconnect() {
      await bench.driver.close();
      driver = neo4j.driver(uri, embeddedAuth(config));
      bench.driver = driver;
    },
    async close() {
      await bench.driver.close();
      await embedded.stop(config);
    },
  };
  return bench;
}
