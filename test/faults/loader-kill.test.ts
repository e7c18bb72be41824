// The loader killed with SIGKILL at many points of a multi-transaction bulk load (seeded): while it
// validates, inside a transaction, just before, during and right after a commit, and at random
// times through the real CLI. After `stancegraph rollback` of the undo log it left (if any), the
// graph equals its state before the load, checksum for checksum; a rerun equals a clean load.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { generate, prng } from '../../scripts/generate.ts';
import { loadFiles } from '../../server/dataset/load.ts';
import { rollback } from '../../server/dataset/undo.ts';
import { graphChecksum, resetGraph, testDriver } from '../_neo4j.ts';
import { cli, neo4jEnv, script, started, type Exit } from './_child.ts';
import type { KillPlan, KillPoint } from './_kill-load.ts';

const BATCH = 25;
const TX_ROWS = 100;
const SEED = Number(process.env.STANCEGRAPH_FAULT_SEED ?? 17);

let driver: Driver;
let scratch: string;
let home: string;
let before: string; // folder A
let folder: string; // folder B, the load that is killed
let beforeSum: string;
let loadedSum: string;
let clean: { lookups: number; batches: number; commits: number; transactions: number };

const undoDir = () => path.join(home, 'loads');
const undoLogs = () =>
  fs.existsSync(undoDir()) ? fs.readdirSync(undoDir()).map((name) => path.join(undoDir(), name)) : [];

function killPlan(kill?: KillPlan['kill']): KillPlan {
  return {
    uri: inject('neo4jUri'),
    user: inject('neo4jUser'),
    password: inject('neo4jPassword'),
    folder,
    undoDir: undoDir(),
    batchSize: BATCH,
    transactionRows: TX_ROWS,
    kill,
  };
}

/** The graph as it was before the load: folder A alone. */
async function restoreBefore(): Promise<void> {
  await resetGraph(driver);
  await loadFiles(driver, [before], { undoDir: undoDir() });
  expect(await graphChecksum(driver)).toBe(beforeSum);
}

/**
 * Plays back every undo log the killed load left, with the real CLI (`viaCli`) or the function it
 * calls (faster: the CLI's start-up is most of a kill's cost); then the graph is as before.
 */
async function rollBackAndCheck(what: string, viaCli: boolean): Promise<number> {
  const logs = undoLogs();
  expect(logs.length, `${what}: at most one undo log`).toBeLessThanOrEqual(1);
  for (const log of logs) {
    if (viaCli) {
      const rolled = await cli(['rollback', log], neo4jEnv(home));
      expect(rolled.code, `${what}: rollback failed:\n${rolled.stderr}`).toBe(0);
      expect(fs.existsSync(log), `${what}: the rollback removes the log`).toBe(false);
    } else {
      await rollback(driver, log);
      fs.rmSync(log);
    }
  }
  expect(await graphChecksum(driver), `${what}: the graph after rollback`).toBe(beforeSum);
  return logs.length;
}

beforeAll(async () => {
  driver = testDriver();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-kill-'));
  home = path.join(scratch, 'home');
  before = path.join(scratch, 'a');
  folder = path.join(scratch, 'b');
  // Two seeds share ids (actor:a1, claim:k1, ...) with other properties: the load under test both
  // creates and changes what was there, so the rollback has before-images to restore.
  await generate({ stances: 60, seed: 3, out: before });
  await generate({ stances: 200, seed: 11, out: folder });
  await resetGraph(driver);
  await loadFiles(driver, [before], { undoDir: undoDir() });
  beforeSum = await graphChecksum(driver);

  const run = await started(script('_kill-load.ts', [JSON.stringify(killPlan())], neo4jEnv(home)));
  expect(run.code, run.stderr).toBe(0);
  clean = JSON.parse(run.stdout) as typeof clean;
  loadedSum = await graphChecksum(driver);
  expect(undoLogs()).toEqual([]);
  await restoreBefore();
});
afterAll(async () => {
  await driver?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('a bulk load killed with SIGKILL', () => {
  it('has several transactions to kill between, and changes what was there', () => {
    expect(clean.transactions).toBeGreaterThanOrEqual(5);
    expect(clean.commits).toBe(clean.transactions);
    expect(loadedSum).not.toBe(beforeSum);
  });

  it('at seeded points of every phase: rollback restores the graph, a rerun equals a clean load', async () => {
    const random = prng(SEED);
    const pick = (n: number) => 1 + Math.floor(random() * n);
    // Commits 1..transactions-1 leave committed work behind; the last commit ends the load.
    const points: { at: KillPoint; n: number }[] = [
      { at: 'validation', n: pick(clean.lookups) },
      { at: 'inside', n: pick(Math.min(4, clean.batches)) }, // in the first transaction
      ...Array.from({ length: 2 }, () => ({ at: 'inside' as const, n: pick(clean.batches) })),
      ...Array.from({ length: 2 }, () => ({ at: 'before-commit' as const, n: pick(clean.commits) })),
      ...Array.from({ length: 2 }, () => ({ at: 'during-commit' as const, n: pick(clean.commits) })),
      ...Array.from({ length: 2 }, () => ({ at: 'after-commit' as const, n: pick(clean.commits - 1) })),
    ];
    let withLog = 0;
    for (const [i, kill] of points.entries()) {
      const what = `kill ${i + 1} (${kill.at} #${kill.n}, seed ${SEED})`;
      const exit: Exit = await started(
        script('_kill-load.ts', [JSON.stringify(killPlan(kill))], neo4jEnv(home)),
      );
      expect(exit.signal, `${what}: ${exit.stderr}`).toBe('SIGKILL');
      withLog += await rollBackAndCheck(what, i === points.length - 1);
      if (i % 5 === 4) {
        await loadFiles(driver, [folder], { batchSize: BATCH, transactionRows: TX_ROWS, undoDir: undoDir() });
        expect(await graphChecksum(driver), `${what}: a rerun`).toBe(loadedSum);
        await restoreBefore();
      }
    }
    // Most kills came after a commit: the rollback had committed work to undo.
    expect(withLog).toBeGreaterThanOrEqual(6);
  });

  it('at random times through the real CLI, and a rollback itself killed is played again', async () => {
    const random = prng(SEED + 1);
    const args = ['load', folder, '--batch-size', String(BATCH), '--transaction-rows', String(TX_ROWS)];
    const timed = Date.now();
    const full = await cli(args, neo4jEnv(home));
    expect(full.code, full.stderr).toBe(0);
    const span = Date.now() - timed;
    expect(await graphChecksum(driver)).toBe(loadedSum);
    await restoreBefore();

    let killedMidLoad = 0;
    for (let i = 0; i < 3; i++) {
      const what = `CLI kill ${i + 1} (seed ${SEED + 1})`;
      const child = (await import('node:child_process')).spawn(
        process.execPath,
        [path.join(import.meta.dirname, '../../bin/stancegraph.mjs'), ...args],
        { env: neo4jEnv(home) },
      );
      const exit = started(child);
      // Somewhere in the second half of a clean run's span: startup is the first half.
      setTimeout(() => child.kill('SIGKILL'), Math.round(span * (0.5 + random() * 0.5)));
      const { signal } = await exit;
      if (signal !== 'SIGKILL') {
        // It finished first: the load is whole; put the graph back as before.
        expect(await graphChecksum(driver)).toBe(loadedSum);
        await restoreBefore();
        continue;
      }
      killedMidLoad++;
      const [log] = undoLogs();
      if (log && i % 2 === 0) {
        // Kill the rollback too, as soon as it has started; then play the log again to its end.
        const rollback = (await import('node:child_process')).spawn(
          process.execPath,
          [path.join(import.meta.dirname, '../../bin/stancegraph.mjs'), 'rollback', log],
          { env: neo4jEnv(home) },
        );
        const ended = started(rollback);
        setTimeout(() => rollback.kill('SIGKILL'), Math.round(span * 0.4));
        await ended;
      }
      await rollBackAndCheck(what, true);
    }
    expect(killedMidLoad).toBeGreaterThanOrEqual(1);
  });
});
