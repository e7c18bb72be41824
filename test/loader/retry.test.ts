// A load that spans several transactions writes a transaction again when Neo4j aborts it with an
// error the driver calls retryable, here a real deadlock with another writer, instead of failing
// and rolling the whole load back.

import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBatches, type Batch } from '../../server/dataset/writer.ts';
import { resetGraph, testDriver } from '../_neo4j.ts';

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await resetGraph(driver);
  await driver.executeQuery(
    "CREATE (:Actor:Person {id: 'person:a', name: 'A'}), (:Actor:Person {id: 'person:b', name: 'B'})",
  );
  await driver.executeQuery('UNWIND range(1, 50) AS i CREATE (:Filler {i: i})');
});
afterAll(() => driver.close());

const actor = (id: string, name: string): Batch => ({
  query: 'load-actors',
  bucket: { nodes: 'Person' },
  rows: [{ id, kind: 'Person', props: { id, name } }],
});

/** Waits until `condition` holds (polling what Neo4j shows), or fails after `ms`. */
async function until(condition: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await delay(20);
  }
}

describe('a load in several transactions', () => {
  it('writes a transaction again after a deadlock with another writer, and completes', async () => {
    const other = driver.session();
    let otherTx!: ReturnType<typeof other.beginTransaction>;
    let firstBatchWritten!: () => void;
    const written = new Promise<void>((resolve) => (firstBatchWritten = resolve));
    let otherDone: Promise<unknown> = Promise.resolve();

    async function* batches(): AsyncGenerator<Batch> {
      yield actor('person:a', 'A2'); // the load's transaction now holds A
      await written;
      otherTx = other.beginTransaction(); // younger than the load's
      // The other writer takes B (and many more locks); once the load waits for B, it asks for A:
      // a deadlock, which Neo4j breaks by aborting the transaction that holds fewer locks, the load's.
      await otherTx.run(
        "MATCH (b:Actor {id: 'person:b'}) SET b.note = 'other' WITH b MATCH (f:Filler) SET f.touched = true",
      );
      otherDone = until(async () => {
        const { records } = await driver.executeQuery(
          "SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS n",
        );
        return Number(records[0]!.get('n')) > 0;
      }, 'the load waits for the other writer')
        .then(() => otherTx.run("MATCH (a:Actor {id: 'person:a'}) SET a.note = 'other'"))
        .then(() => otherTx.commit());
      yield actor('person:b', 'B2'); // the load asks for B and waits
      yield actor('person:c', 'C'); // the load's second transaction
    }

    try {
      const result = await writeBatches(driver, batches(), {
        totalRows: 3,
        transactionRows: 2,
        undoFile: path.join(os.tmpdir(), `stancegraph-retry-${process.pid}.undo.jsonl`),
        onProgress: (done) => done === 1 && firstBatchWritten(),
      });
      await otherDone;
      expect(result.retries).toBeGreaterThanOrEqual(1);
      expect(result.transactions).toBe(2);
      const { records } = await driver.executeQuery(
        'MATCH (a:Actor) RETURN a.id AS id, a.name AS name ORDER BY id',
      );
      expect(records.map((r) => [r.get('id'), r.get('name')])).toEqual([
        ['person:a', 'A2'],
        ['person:b', 'B2'],
        ['person:c', 'C'],
      ]);
    } finally {
      await otherDone.catch(() => {});
      await other.close();
    }
  });
});
