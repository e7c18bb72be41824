// The loader against the real Neo4j: idempotent, all-or-nothing, dry runs that write nothing,
// references across files and to what the graph already holds.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dumpGraph } from '../../server/neo4j/checksum.ts';
import { DatasetValidationError } from '../../server/dataset/errors.ts';
import { loadFiles, type LoadReport } from '../../server/dataset/load.ts';
import { LoadFailedError } from '../../server/dataset/writer.ts';
import { countAll, FOUNDING_DATASET, graphChecksum, resetGraph, testDriver } from '../_neo4j.ts';

const VALID = path.join(import.meta.dirname, '..', 'fixtures', 'valid');
const total = (report: LoadReport, field: 'created' | 'updated' | 'unchanged') =>
  [...Object.values(report.nodes), ...Object.values(report.relationships)].reduce(
    (sum, c) => sum + c[field],
    0,
  );

let driver: Driver;
let scratch: string;
beforeAll(() => {
  driver = testDriver();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-load-'));
  fs.copyFileSync(path.join(VALID, 'article.txt'), path.join(scratch, 'article.txt'));
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => resetGraph(driver));

/** Writes a dataset file into the scratch folder (next to article.txt) and returns its path. */
function scratchFile(name: string, text: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('loading a dataset', () => {
  it('loading the same files twice leaves the graph identical, property by property', async () => {
    const first = await loadFiles(driver, [FOUNDING_DATASET]);
    const dumpAfterFirst = await dumpGraph(driver);
    const second = await loadFiles(driver, [FOUNDING_DATASET]);
    const dumpAfterSecond = await dumpGraph(driver);

    expect(total(first, 'created')).toBeGreaterThan(100);
    expect(total(second, 'created')).toBe(0);
    expect(total(second, 'updated')).toBe(0);
    expect(total(second, 'unchanged')).toBe(total(first, 'created'));
    expect(dumpAfterSecond.nodes).toEqual(dumpAfterFirst.nodes);
    expect(dumpAfterSecond.relationships).toEqual(dumpAfterFirst.relationships);
  });

  it('a file with an error in its last record writes nothing, not even its valid records', async () => {
    const valid = fs.readFileSync(path.join(VALID, 'small.yaml'), 'utf8');
    const broken = scratchFile(
      'broken-last.yaml',
      `${valid}  - type: REJECTS\n    from: person:julianne-smith\n    to: claim:nato-non-expansion\n    doc: document:test-article\n    quote: "Yes."\n`,
    );
    const error = await loadFiles(driver, [broken]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DatasetValidationError);
    expect((error as DatasetValidationError).issues).toHaveLength(1);
    expect((error as DatasetValidationError).issues[0]).toMatchObject({
      path: 'relationships[3].quote',
      line: 40,
    });
    expect(await countAll(driver)).toEqual({ nodes: 0, relationships: 0 });
  });

  it('an error in the second file leaves the first file unwritten too', async () => {
    const error = await loadFiles(driver, [
      path.join(VALID, 'small.yaml'),
      path.join(import.meta.dirname, '..', 'fixtures', 'malformed', 'impossible-date.yaml'),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetValidationError);
    expect(await countAll(driver)).toEqual({ nodes: 0, relationships: 0 });
  });

  it('a failure while writing rolls the whole load back', async () => {
    await loadFiles(driver, [path.join(VALID, 'small.yaml')]);
    const before = await graphChecksum(driver);
    // Validation passes, but Neo4j refuses the second claim (a unique constraint on text that the
    // dataset cannot know about); with a batch size of 1 the first claim was already written in
    // the same transaction, and must be rolled back with it.
    const clash = scratchFile(
      'clash.yaml',
      'stancegraph: 1\nclaims:\n  - id: claim:new-one\n    text: A new claim\n  - id: claim:nato-non-expansion\n    text: Changed text\n',
    );
    await driver.executeQuery(
      'CREATE CONSTRAINT test_claim_text IF NOT EXISTS FOR (c:Claim) REQUIRE c.text IS UNIQUE',
    );
    await driver.executeQuery("CREATE (:Claim {id: 'claim:other', text: 'Changed text'})");
    const withOther = await graphChecksum(driver);
    try {
      const error = await loadFiles(driver, [clash], { batchSize: 1 }).catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe('Neo.ClientError.Schema.ConstraintValidationFailed');
      expect(await graphChecksum(driver)).toBe(withOther);
      expect(withOther).not.toBe(before);
    } finally {
      await driver.executeQuery('DROP CONSTRAINT test_claim_text IF EXISTS');
    }
  });

  it('a load larger than one transaction is rolled back whole when a later transaction fails', async () => {
    await loadFiles(driver, [path.join(VALID, 'small.yaml')]);
    await driver.executeQuery(
      'CREATE CONSTRAINT test_claim_text IF NOT EXISTS FOR (c:Claim) REQUIRE c.text IS UNIQUE',
    );
    await driver.executeQuery("CREATE (:Claim {id: 'claim:other', text: 'Taken text'})");
    const before = await graphChecksum(driver);
    // New actors and a changed title (committed in the first transactions), then a claim whose
    // text clashes: its transaction fails after others have committed.
    const big = scratchFile(
      'big.yaml',
      [
        'stancegraph: 1',
        'actors:',
        '  - { id: person:sergei-ryabkov, name: Sergei Ryabkov, title: Changed Title }',
        ...Array.from({ length: 6 }, (_, i) => `  - { id: person:extra-${i}, name: Extra ${i} }`),
        'claims:',
        '  - { id: claim:clashing, text: Taken text }',
        '',
      ].join('\n'),
    );
    try {
      const error = await loadFiles(driver, [big], { batchSize: 2, transactionRows: 2 }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LoadFailedError);
      expect((error as LoadFailedError).message).toMatch(
        /committed [1-9]\d* of its transactions; they were rolled back/,
      );
      expect((error as LoadFailedError).rolledBack, (error as Error).message).toMatchObject({
        deletedNodes: 5,
        restoredNodes: 1,
      }); // the 6th was in the failing transaction
      expect(await graphChecksum(driver)).toBe(before);
    } finally {
      await driver.executeQuery('DROP CONSTRAINT test_claim_text IF EXISTS');
    }
  });

  it('a load in many transactions gives the same graph as a load in one', async () => {
    await loadFiles(driver, [FOUNDING_DATASET]);
    const inOne = await dumpGraph(driver);
    await resetGraph(driver);
    const report = await loadFiles(driver, [FOUNDING_DATASET], { batchSize: 7, transactionRows: 20 });
    expect(report.transactions).toBeGreaterThan(5);
    expect(await dumpGraph(driver)).toEqual(inOne);
  });

  it('--dry-run reports what would change and writes nothing', async () => {
    await loadFiles(driver, [path.join(VALID, 'small.yaml')]);
    const before = await graphChecksum(driver);
    const changed = scratchFile(
      'changed.yaml',
      fs
        .readFileSync(path.join(VALID, 'small.yaml'), 'utf8')
        .replace('title: Deputy Foreign Minister', 'title: Deputy Minister of Foreign Affairs')
        .replace(
          'claims:\n',
          'claims:\n  - id: claim:open-door-review\n    text: NATO should review its open-door policy\n',
        ),
    );
    const report = await loadFiles(driver, [changed], { dryRun: true });

    expect(report.dryRun).toBe(true);
    expect(report.nodes.Person).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect(report.nodes.Claim).toEqual({ created: 1, updated: 0, unchanged: 1 });
    expect(await graphChecksum(driver)).toBe(before);
  });

  it('a dataset may reference ids defined in another file of the same load, or already in the graph', async () => {
    await loadFiles(driver, [path.join(VALID, 'small.yaml')]);
    const later = scratchFile(
      'later.yaml',
      [
        'stancegraph: 1',
        'actors:',
        '  - id: person:julianne-smith',
        '    name: Julianne Smith',
        '    aliases: [Juliana Smith]',
        'relationships:',
        '  - type: REJECTS',
        '    from: person:julianne-smith',
        '    to: claim:nato-non-expansion',
        '    doc: document:test-article',
        '    quote: "No."',
        '    start: 116',
        '    end: 119',
        '',
      ].join('\n'),
    );
    const report = await loadFiles(driver, [later]);

    expect(report.relationships.stance).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const { records } = await driver.executeQuery(
      "MATCH (:Person {id: 'person:julianne-smith'})-[r:REJECTS]->(:Claim {id: 'claim:nato-non-expansion'}) RETURN r.date AS date, r.quote AS quote",
    );
    expect(records).toHaveLength(1);
    expect(String(records[0]!.get('date'))).toBe('2022-01-10'); // the document's date, read from the graph
    expect(records[0]!.get('quote')).toBe('No.');
  });

  it('finds the offsets of a quote given without them', async () => {
    await loadFiles(driver, [path.join(VALID, 'small.yaml')]);
    const { records } = await driver.executeQuery(
      'MATCH (d:Document), ()-[r:DEMANDS]->() RETURN d.text AS text, r.start AS start, r.end AS end, r.quote AS quote',
    );
    const { text, start, end, quote } = records[0]!.toObject();
    expect(text.slice(start.toNumber(), end.toNumber())).toBe(quote);
  });
});
