// The bulk format (a folder of JSON Lines files) on a synthetic dataset from the generator:
// validated in a streaming first pass, written in several transactions, idempotent, and
// all-or-nothing like the YAML path.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generate } from '../../scripts/generate.ts';
import { dumpGraph } from '../../server/neo4j/checksum.ts';
import { DatasetValidationError } from '../../server/dataset/errors.ts';
import { loadFiles } from '../../server/dataset/load.ts';
import { LoadFailedError } from '../../server/dataset/writer.ts';
import { countAll, resetGraph, testDriver } from '../_neo4j.ts';

let driver: Driver;
let scratch: string;
let folder: string;
let counts: Record<string, number>;
beforeAll(async () => {
  driver = testDriver();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-bulk-'));
  folder = path.join(scratch, 'synthetic');
  counts = await generate({ stances: 1500, seed: 7, out: folder });
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => resetGraph(driver));

/** A copy of the synthetic folder with one file's line replaced. */
function variant(name: string, file: string, edit: (lines: string[]) => void): string {
  const dir = path.join(scratch, name);
  fs.cpSync(folder, dir, { recursive: true });
  const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
  edit(lines);
  fs.writeFileSync(path.join(dir, file), lines.join('\n'));
  return dir;
}

describe('a bulk (JSON Lines) load', () => {
  it('is deterministic: the same seed gives the same files', async () => {
    const again = path.join(scratch, 'again');
    await generate({ stances: 1500, seed: 7, out: again });
    for (const file of ['relationships.jsonl', 'documents.jsonl', 'actors.jsonl']) {
      expect(fs.readFileSync(path.join(again, file))).toEqual(fs.readFileSync(path.join(folder, file)));
    }
  });

  it('loads every record, in several transactions, and a second load changes nothing', async () => {
    const first = await loadFiles(driver, [folder], { batchSize: 200, transactionRows: 1000 });
    const dump = await dumpGraph(driver);
    const second = await loadFiles(driver, [folder], { batchSize: 200, transactionRows: 1000 });

    expect(first.transactions).toBeGreaterThan(2);
    const stances = first.relationships.stance!.created + first.relationships.interaction!.created;
    expect(stances).toBe(counts.stances);
    const nodes = Object.values(first.nodes).reduce((sum, c) => sum + c.created, 0);
    expect(nodes).toBe(counts.actors! + counts.claims! + counts.topics! + counts.events! + counts.documents!);
    expect(Object.values(second.nodes).every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect(Object.values(second.relationships).every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect(await dumpGraph(driver)).toEqual(dump);
  });

  it('refuses a file edited after it was validated, and undoes what the load had written', async () => {
    const dir = variant('edited', 'actors.jsonl', () => {});
    const file = path.join(dir, 'relationships.jsonl');
    let edited = false;
    const load = loadFiles(driver, [dir], {
      batchSize: 200,
      transactionRows: 400,
      onProgress: () => {
        // The first rows are written: the relationships have been validated, not yet read again.
        if (edited) return;
        edited = true;
        fs.appendFileSync(file, fs.readFileSync(file, 'utf8').split('\n')[0]! + '\n');
      },
    });
    const error = await load.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadFailedError);
    expect((error as Error).message).toContain(`${file} changed after it was validated`);
    expect((error as Error).message).toContain('the graph is as it was');
    expect(await countAll(driver)).toEqual({ nodes: 0, relationships: 0 });
  });

  it('a failure in a later transaction rolls back everything the load created, relationships included', async () => {
    // The last DEMANDS of the folder will clash with a DEMANDS already in the graph, whose quote a
    // constraint makes unique: its transaction fails after others, nodes and relationships, committed.
    const rels = fs.readFileSync(path.join(folder, 'relationships.jsonl'), 'utf8').trim().split('\n');
    const lastDemand = rels
      .map((line) => JSON.parse(line) as { type: string; quote: string })
      .findLast((r) => r.type === 'DEMANDS')!;
    await driver.executeQuery(
      'CREATE CONSTRAINT test_demand_quote IF NOT EXISTS FOR ()-[r:DEMANDS]-() REQUIRE r.quote IS UNIQUE',
    );
    await driver.executeQuery(
      "CREATE (:Actor:Person {id: 'person:before', name: 'Before'})-[:DEMANDS {quote: $quote}]->(:Claim {id: 'claim:before', text: 'Before'})",
      { quote: lastDemand.quote },
    );
    const before = await dumpGraph(driver);
    try {
      const error = (await loadFiles(driver, [folder], { batchSize: 50, transactionRows: 200 }).catch(
        (e: unknown) => e,
      )) as LoadFailedError;
      expect(error).toBeInstanceOf(LoadFailedError);
      expect(error.message).toMatch(/committed [1-9]\d* of its transactions; they were rolled back/);
      // New nodes are undone by id, and the relationships attached to them with them.
      expect(error.rolledBack!.deletedNodes).toBeGreaterThan(50);
      expect(error.rolledBack!.deletedRelationships).toBeGreaterThan(100);
      expect(await dumpGraph(driver)).toEqual(before);
    } finally {
      await driver.executeQuery('DROP CONSTRAINT test_demand_quote IF EXISTS');
    }
  });

  it('creates each relationship once even when the relationships of a document are not contiguous', async () => {
    await loadFiles(driver, [folder]);
    const ordered = await countAll(driver);
    await resetGraph(driver);
    // Reverse the order of relationships.jsonl: documents then come back after other documents.
    const dir = variant('shuffled', 'relationships.jsonl', (lines) => {
      const records = lines.filter(Boolean);
      const interleaved = records.filter((_, i) => i % 2 === 0).concat(records.filter((_, i) => i % 2 === 1));
      lines.splice(0, lines.length, ...interleaved, '');
    });
    await loadFiles(driver, [dir], { batchSize: 100 });

    expect(await countAll(driver)).toEqual(ordered);
    const { records } = await driver.executeQuery(
      'MATCH (d:Document)-[m:MENTIONS]->(x) WITH d, x, count(m) AS n WHERE n > 1 RETURN count(*) AS duplicates',
    );
    expect(records[0]!.get('duplicates').toNumber()).toBe(0);
  });

  it('keeps every quote at its offsets in its document', async () => {
    await loadFiles(driver, [folder]);
    const { records } = await driver.executeQuery(
      'MATCH ()-[r:DEMANDS|REJECTS|WARNS]->() WITH r LIMIT 200 MATCH (d:Document {id: r.doc}) RETURN d.text AS text, r.start AS start, r.end AS end, r.quote AS quote',
    );
    expect(records.length).toBeGreaterThan(50);
    for (const r of records)
      expect(r.get('text').slice(r.get('start').toNumber(), r.get('end').toNumber())).toBe(r.get('quote'));
  });

  it('an error on the last line of relationships.jsonl writes nothing, and names file:line', async () => {
    const dir = variant('bad-last-line', 'relationships.jsonl', (lines) => {
      const last = lines.length - 2; // the file ends with a newline
      const record = JSON.parse(lines[last]!);
      lines[last] = JSON.stringify({ ...record, quote: `${record.quote} (edited)` });
    });
    const error = await loadFiles(driver, [dir], { transactionRows: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetValidationError);
    const [issue] = (error as DatasetValidationError).issues;
    expect(issue).toMatchObject({
      file: path.join(dir, 'relationships.jsonl'),
      line: counts.relationships,
      path: 'quote',
    });
    expect(issue!.message).toContain('quote does not match the document text');
    expect(await countAll(driver)).toEqual({ nodes: 0, relationships: 0 });
  });

  it('reports a line that is not JSON, or not UTF-8, with its line number', async () => {
    const dir = variant('bad-json', 'actors.jsonl', (lines) => {
      lines[2] = '{"id": "person:broken", ';
    });
    fs.appendFileSync(path.join(dir, 'topics.jsonl'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d, 0x0a]));
    const error = (await loadFiles(driver, [dir]).catch((e: unknown) => e)) as DatasetValidationError;
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: path.join(dir, 'actors.jsonl'),
          line: 3,
          message: expect.stringContaining('invalid JSON'),
        }),
        expect.objectContaining({
          file: path.join(dir, 'topics.jsonl'),
          message: expect.stringContaining('not valid UTF-8'),
        }),
      ]),
    );
    expect(await countAll(driver)).toEqual({ nodes: 0, relationships: 0 });
  });
});
