// Vitest global setup: one real Neo4j for the whole run. NEO4J_URI when set; else a Neo4j 5.26
// container when a Docker engine answers (@testcontainers/neo4j); else the embedded Neo4j, the
// path CI takes on machines without Docker. Tests read the URI with inject('neo4jUri').
// STANCEGRAPH_TEST_NEO4J_SCHEME=neo4j gives the embedded one as a neo4j:// (routing) URI.
// CoreNLP: one server per run too, started lazily by the first test that needs it (test/_corenlp.ts,
// it takes 20-40 s and about 2.3 GB) and stopped here at the end; or STANCEGRAPH_TEST_CORENLP_URL.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../server/config.ts';
import { EMBEDDED_USER, readEmbeddedPassword } from '../../server/neo4j/credentials.ts';
import * as embedded from '../../server/neo4j/embedded.ts';
import * as nlp from '../../server/nlp/runtime.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
    neo4jSource: 'env' | 'testcontainers' | 'embedded';
    /** Environment for a Config of the run's CoreNLP (STANCEGRAPH_HOME, port, or a URL of one's own). */
    corenlpEnv: Record<string, string>;
  }
}

/** The run's CoreNLP: a managed server in a throwaway home (started on first use), or the user's. */
function provideCoreNlp(project: TestProject): () => Promise<void> {
  if (process.env.STANCEGRAPH_TEST_CORENLP_URL) {
    project.provide('corenlpEnv', { STANCEGRAPH_CORENLP_URL: process.env.STANCEGRAPH_TEST_CORENLP_URL });
    return async () => {};
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-test-nlp-'));
  const env = {
    STANCEGRAPH_HOME: home,
    STANCEGRAPH_CORENLP_PORT: process.env.STANCEGRAPH_TEST_CORENLP_PORT ?? '9097',
    STANCEGRAPH_CORENLP_HEAP: '2g',
  };
  project.provide('corenlpEnv', env);
  return async () => {
    await nlp.stop(loadConfig(env));
    fs.rmSync(home, { recursive: true, force: true });
  };
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
  const stopCoreNlp = provideCoreNlp(project);
  const stopNeo4j = await setupNeo4j(project);
  return async () => {
    await stopNeo4j();
    await stopCoreNlp();
  };
}

async function setupNeo4j(project: TestProject): Promise<() => Promise<void>> {
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
    // A busy shared machine may need longer than the default 120 s to start Neo4j.
    STANCEGRAPH_NEO4J_START_TIMEOUT: process.env.STANCEGRAPH_NEO4J_START_TIMEOUT,
  });
  await embedded.start(config, (message) => console.log(`[global-setup] ${message}`));
  // STANCEGRAPH_TEST_NEO4J_SCHEME=neo4j: the routing driver (as against a cluster or Aura), which
  // asks the server for a routing table first; .ci/run runs part of the suite that way.
  const scheme = process.env.STANCEGRAPH_TEST_NEO4J_SCHEME ?? 'bolt';
  if (scheme !== 'bolt' && scheme !== 'neo4j')
    throw new Error(`STANCEGRAPH_TEST_NEO4J_SCHEME: expected bolt or neo4j, got ${scheme}`);
  project.provide('neo4jUri', embedded.boltUri(config).replace(/^bolt:/, `${scheme}:`));
  project.provide('neo4jUser', EMBEDDED_USER);
  project.provide('neo4jPassword', readEmbeddedPassword(config) ?? '');
  project.provide('neo4jSource', 'embedded');
  return async () => {
    await embedded.stop(config);
    fs.rmSync(home, { recursive: true, force: true });
  };
}
