// The loader killed with SIGKILL at points spread over a multi-transaction bulk load (during
// validation, between transactions, inside one): `stancegraph rollback` with the undo log it left
// brings the graph back to its checksum before the load, and a load run again afterwards gives the
// same graph as a clean load.

import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { generate } from '../../scripts/generate.ts';
import { PROJECT_ROOT } from '../../server/config.ts';
import { graphChecksum, loadFounding, resetGraph, testDriver } from '../_neo4j.ts';

const run = promisify(execFile);
const BIN = path.join(PROJECT_ROOT, 'bin', 'stancegraph.mjs');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-loader-faults-'));
const folder = path.join(root, 'bulk');
const home = path.join(root, 'home');
const LOAD = [BIN, 'load', folder, '--transaction-rows', '400', '--batch-size', '200'];

function env(): NodeJS.ProcessEnv {
  const password = inject('neo4jPassword');
  return {
    ...process.env,
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: inject('neo4jUser'),
    ...(password ? { NEO4J_PASSWORD: password } : {}),
    STANCEGRAPH_HOME: home,
  };
}

/** Starts the load and kills it with SIGKILL after `ms` (if it is still running): how it ended. */
function loadKilledAfter(ms: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, LOAD, { env: env(), stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`load exited with ${code}`));
    });
  });
}

function undoLogs(): string[] {
  const dir = path.join(home, 'loads');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((file) => path.join(dir, file)) : [];
}

let driver: Driver;
let before: string;
let clean: string;
let cleanMs: number;

beforeAll(async () => {
  driver = testDriver();
  await generate({ stances: 3000, seed: 11, out: folder });
  await resetGraph(driver);
  await loadFounding(driver);
  before = await graphChecksum(driver);
  const started = performance.now();
  await run(process.execPath, LOAD, { env: env() });
  cleanMs = performance.now() - started;
  clean = await graphChecksum(driver);
  await resetGraph(driver);
  await loadFounding(driver);
}, 600_000);

afterAll(async () => {
  await driver.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the loader killed with SIGKILL', () => {
  it('leaves an undo log with which rollback restores the graph, at every point of the load', async () => {
    expect(clean).not.toBe(before);
    let killed = 0;
    for (const share of [0.1, 0.3, 0.5, 0.65, 0.8, 0.9]) {
      expect(await graphChecksum(driver)).toBe(before);
      const ended = await loadKilledAfter(Math.round(cleanMs * share));
      if (ended === 'finished') {
        // It outran the kill: nothing to roll back; start the next round from the same state.
        for (const file of undoLogs()) fs.rmSync(file);
        await resetGraph(driver);
        await loadFounding(driver);
        continue;
      }
      killed++;
      for (const file of undoLogs()) {
        const { stderr } = await run(process.execPath, [BIN, 'rollback', file], { env: env() });
        expect(stderr).toContain('Rolled back');
      }
      expect(undoLogs()).toEqual([]);
      expect(await graphChecksum(driver), `killed at ${Math.round(share * 100)}% of a clean load`).toBe(
        before,
      );
    }
    expect(killed).toBeGreaterThan(0);

    await run(process.execPath, LOAD, { env: env() });
    expect(await graphChecksum(driver)).toBe(clean);
  }, 1_200_000);
});
