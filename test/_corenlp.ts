// The run's CoreNLP for tests (see test/setup/global-setup.ts): started by the first test that
// asks for it (idempotent across test files: the pid file is shared), stopped by the global teardown.

import { inject } from 'vitest';
import { loadConfig, type Config } from '../server/config.ts';
import { CORENLP_PROPERTIES } from '../server/extract/pipeline/index.ts';
import { CoreNlpClient } from '../server/nlp/client.ts';
import { connectAnnotator } from '../server/nlp/runtime.ts';

/** A Config whose CoreNLP is the run's (and whose Neo4j settings come from `overrides`). */
export function corenlpConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ ...inject('corenlpEnv'), ...overrides });
}

/** The run's CoreNLP, started if need be; resolves once it annotates. */
export async function corenlpClient(): Promise<CoreNlpClient> {
  return connectAnnotator(corenlpConfig(), CORENLP_PROPERTIES, (message) =>
    console.log(`[corenlp] ${message}`),
  );
}

/** The environment variables that point a `stancegraph` child process at the run's CoreNLP. */
export async function corenlpEnvironment(): Promise<Record<string, string>> {
  const client = await corenlpClient();
  return { STANCEGRAPH_CORENLP_URL: client.urls.join(',') };
}
