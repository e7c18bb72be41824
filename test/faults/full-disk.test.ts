// A full disk while loading: `STANCEGRAPH_HOME` on a tmpfs of a few KB, so the undo log of a
// multi-transaction load runs out of space after some transactions have committed. The load must
// fail with a message that says so, roll back what it had committed, and leave no log behind.
// Mounting needs root (or CAP_SYS_ADMIN); where the machine refuses, that test is skipped and says
// why. A torn last line (what a full disk or a crash leaves in a log) is played back either way.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../scripts/generate.ts';
import { loadFiles } from '../../server/dataset/load.ts';
import { rollback } from '../../server/dataset/undo.ts';
import { graphChecksum, loadFounding, resetGraph, testDriver } from '../_neo4j.ts';
import { cli, neo4jEnv } from './_child.ts';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-disk-'));
const mountPoint = path.join(scratch, 'home');
fs.mkdirSync(mountPoint);

/** Mounts a 32 KB tmpfs; the reason why not, if the machine refuses. */
function mountSmallDisk(): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32k,mode=0700', 'tmpfs', mountPoint], {
      stdio: 'pipe',
    });
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs here: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
  }
}
const refused = mountSmallDisk();
if (refused) console.warn(`full-disk test skipped: ${refused}`);

let driver: Driver;
let folder: string;
beforeAll(async () => {
  driver = testDriver();
  folder = path.join(scratch, 'synthetic');
  await generate({ stances: 300, seed: 5, out: folder });
  // The same ids with other properties already in the graph: the load changes them, and their
  // before-images (documents' texts among them) fill the undo log.
  const earlier = path.join(scratch, 'earlier');
  await generate({ stances: 100, seed: 6, out: earlier });
  await resetGraph(driver);
  await loadFounding(driver);
  await loadFiles(driver, [earlier], { undoDir: scratch });
});
afterAll(async () => {
  await driver?.close();
  if (!refused) execFileSync('umount', [mountPoint]);
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('a full disk while loading', () => {
  it.skipIf(refused !== undefined)(
    'fails the load with a message naming the full disk; the graph and the disk are as before',
    async () => {
      const before = await graphChecksum(driver);
      const args = ['load', folder, '--batch-size', '25', '--transaction-rows', '100'];
      const run = await cli(args, neo4jEnv(mountPoint));

      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/cannot write the undo log .*the disk holding it is full \(ENOSPC\)/);
      // Some transactions had committed (their entries fit); they were undone.
      expect(run.stderr).toMatch(
        /The load had committed [1-9]\d* of its transactions; they were rolled back/,
      );
      expect(await graphChecksum(driver)).toBe(before);
      expect(fs.readdirSync(path.join(mountPoint, 'loads'))).toEqual([]);
    },
  );

  it('plays back a log whose last line is torn, and refuses one torn in the middle', async () => {
    const before = await graphChecksum(driver);
    const log = path.join(scratch, 'torn.undo.jsonl');
    await driver.executeQuery("CREATE (:Actor:Person {id: 'actor:torn-1', name: 'Torn'})");
    const entry = JSON.stringify({ entity: 'node', createdIds: { label: 'Actor', ids: ['actor:torn-1'] } });
    fs.writeFileSync(log, `${entry}\n{"entity":"node","createdIds":{"label":"Act`);
    expect(await rollback(driver, log)).toMatchObject({ deletedNodes: 1 });
    expect(await graphChecksum(driver)).toBe(before);

    fs.writeFileSync(log, `{"entity":"node","crea\n${entry}\n`);
    await expect(rollback(driver, log)).rejects.toThrow(/torn\.undo\.jsonl:1: not a whole undo entry/);
  });

  it('a load whose undo log cannot be written at all leaves the graph as it was', async () => {
    // The undo log's folder cannot be made (a file holds its name): the load stops before writing.
    const before = await graphChecksum(driver);
    const undoDir = path.join(scratch, 'not-a-dir');
    fs.writeFileSync(undoDir, '');
    await expect(
      loadFiles(driver, [folder], { batchSize: 25, transactionRows: 100, undoDir }),
    ).rejects.toThrow(/not-a-dir/);
    expect(await graphChecksum(driver)).toBe(before);
  });
});
