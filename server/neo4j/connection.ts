// One code path to a Neo4j: the server named by NEO4J_URI (compose container, Aura, a cluster
// through a neo4j:// routing URI), or else the embedded one, started on demand.

import neo4j, { type Driver } from 'neo4j-driver';
import { DRIVER_POOL_SIZE, type Config } from '../config.ts';
import { embeddedAuth } from './credentials.ts';
import * as embedded from './embedded.ts';

export interface Neo4jTarget {
  uri: string;
  embedded: boolean;
  database: string | undefined;
}

export interface Neo4jConnection {
  driver: Driver;
  target: Neo4jTarget;
  close(): Promise<void>;
}

export function target(config: Config): Neo4jTarget {
  return config.neo4j.uri
    ? { uri: config.neo4j.uri, embedded: false, database: config.neo4j.database }
    : { uri: embedded.boltUri(config), embedded: true, database: config.neo4j.database };
}

export function createDriver(config: Config, uri = target(config).uri): Driver {
  const auth = !config.neo4j.uri
    ? embeddedAuth(config)
    : config.neo4j.password !== undefined
      ? neo4j.auth.basic(config.neo4j.user, config.neo4j.password)
      : undefined;
  return neo4j.driver(uri, auth, {
    userAgent: 'stancegraph/0.1',
    maxConnectionPoolSize: DRIVER_POOL_SIZE,
    connectionAcquisitionTimeout: 30_000,
    connectionTimeout: 5_000,
  });
}

/**
 * Connects to the configured Neo4j. With the embedded default, starts it first when `startEmbedded`
 * (the default) and it is not running, logging what it does.
 */
export async function connect(
  config: Config,
  options: { startEmbedded?: boolean; log?: (message: string) => void } = {},
): Promise<Neo4jConnection> {
  const t = target(config);
  if (t.embedded && (options.startEmbedded ?? true)) {
    await embedded.start(config, options.log);
  }
  const driver = createDriver(config, t.uri);
  try {
    await driver.verifyConnectivity({ database: t.database });
  } catch (error) {
    await driver.close();
    const hint = t.embedded
      ? 'Start it with `stancegraph db start`.'
      : 'Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD.';
    throw new Error(`Neo4j: cannot connect to ${t.uri}: ${(error as Error).message}. ${hint}`);
  }
  return { driver, target: t, close: () => driver.close() };
}
