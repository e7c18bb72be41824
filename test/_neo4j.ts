// Shared test helpers for the real Neo4j that the global setup provides.

import neo4j, { type Driver } from 'neo4j-driver';
import { inject } from 'vitest';
import { FOUNDING_DATASET, loadConfig, type Config } from '../server/config.ts';
import { graphChecksum } from '../server/neo4j/checksum.ts';
import { loadFiles } from '../server/dataset/load.ts';

export { FOUNDING_DATASET, graphChecksum };

/** A Config that points at the test Neo4j, as the app would build it from the environment. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: inject('neo4jUser'),
    ...(inject('neo4jPassword') ? { NEO4J_PASSWORD: inject('neo4jPassword') } : {}),
    ...overrides,
  });
}

export function testDriver(): Driver {
  const password = inject('neo4jPassword');
  return neo4j.driver(
    inject('neo4jUri'),
    password ? neo4j.auth.basic(inject('neo4jUser'), password) : undefined,
  );
}

/** Deletes every node and relationship (the schema stays). */
export async function resetGraph(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

export async function loadFounding(driver: Driver): Promise<void> {
  await loadFiles(driver, [FOUNDING_DATASET]);
}

export async function countAll(driver: Driver): Promise<{ nodes: number; relationships: number }> {
  const { records } = await driver.executeQuery(
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  return {
    nodes: records[0]!.get('nodes').toNumber(),
    relationships: records[0]!.get('relationships').toNumber(),
  };
}
