// Child processes for the fault suites: the real CLI (`bin/stancegraph.mjs`) and the tsx helper
// scripts of test/faults, with the test Neo4j's address and credentials in their environment.

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment a child needs to reach the test Neo4j (and nothing of the developer's own). */
export function neo4jEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    STANCEGRAPH_HOME: home,
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: inject('neo4jUser'),
    NEO4J_PASSWORD: inject('neo4jPassword'),
    NO_COLOR: '1',
  };
}

export function started(child: ChildProcess): Promise<Exit> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `stancegraph <args>` to its end. */
export function cli(args: string[], env: NodeJS.ProcessEnv): Promise<Exit> {
  return started(
    spawn(process.execPath, [path.join(ROOT, 'bin/stancegraph.mjs'), ...args], { cwd: ROOT, env }),
  );
}

/** Starts a TypeScript script of this folder under tsx. */
export function script(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/faults', name), ...args], {
    cwd: ROOT,
    env,
  });
}
