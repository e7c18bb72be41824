// The `stancegraph` command run as a user runs it, for tests: a child process of bin/stancegraph.mjs
// whose exit code and output are returned (a non-zero exit is a result to assert on, not a throw).

import { execFile } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';
import { PROJECT_ROOT } from '../server/config.ts';

export const BIN = path.join(PROJECT_ROOT, 'bin', 'stancegraph.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `stancegraph <args>` with exactly `env` and waits for its end. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The variables that point the command at the test run's Neo4j. */
export function testNeo4jEnv(): Record<string, string> {
  const password = inject('neo4jPassword');
  return {
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: inject('neo4jUser'),
    ...(password ? { NEO4J_PASSWORD: password } : {}),
  };
}

/** Runs `stancegraph <args>` against the test run's Neo4j, with `env` added. */
export function stancegraph(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, { ...process.env, ...testNeo4jEnv(), ...env });
}
