// Vitest global setup: one real Neo4j for the whole run. NEO4J_URI when set; else a Neo4j 5.26
// container when a Docker engine answers (@testcontainers/neo4j); else the embedded Neo4j, the
// path CI takes on machines without Docker. Tests read the URI with inject('neo4jUri').

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../server/config.ts';
import { EMBEDDED_USER, readEmbeddedPassword } from '../../server/neo4j/credentials.ts';
import * as embedded from '../../server/neo4j/embedded.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
    neo4jSource: 'env' | 'testcontainers' | 'embedded';
  }
}

async function dockerAnswers(): Promise<boolean> {
  if (!process.env.DOCKER_HOST && !fs.existsSync('/var/run/docker.sock')) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.NEO4J_URI) {
    project.provide('neo4jUri', process.env.NEO4J_URI);
    project.provide('neo4jUser', process.env.NEO4J_USER ?? 'neo4j');
    project.provide('neo4jPassword', process.env.NEO4J_PASSWORD ?? '');
    project.provide('neo4jSource', 'env');
    return async () => {};
  }
  if (await dockerAnswers()) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer('neo4j:5.26-community')
      .withPassword('stancegraph-test')
      .start();
    project.provide('neo4jUri', container.getBoltUri());
    project.provide('neo4jUser', container.getUsername());
    project.provide('neo4jPassword', container.getPassword());
    project.provide('neo4jSource', 'testcontainers');
    return async () => {
      await container.stop();
    };
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-test-'));
  const config = loadConfig({
    STANCEGRAPH_HOME: home,
    STANCEGRAPH_NEO4J_PORT: process.env.STANCEGRAPH_TEST_NEO4J_PORT ?? '7697',
    STANCEGRAPH_NEO4J_HEAP: '1g',
    STANCEGRAPH_NEO4J_PAGECACHE: '512m',
    STANCEGRAPH_NEO4J_TX_TIMEOUT: '30s',
  });
  await embedded.start(config, (message) => console.log(`[global-setup] ${message}`));
  project.provide('neo4jUri', embedded.boltUri(config));
  project.provide('neo4jUser', EMBEDDED_USER);
  project.provide('neo4jPassword', readEmbeddedPassword(config) ?? '');
  project.provide('neo4jSource', 'embedded');
  return async () => {
    await embedded.stop(config);
    fs.rmSync(home, { recursive: true, force: true });
  };
}
