// `stancegraph import dna`: DNA's own sample database (7 hearing testimonies, 41 statements)
// imports with its texts, quotes, offsets, agreement and coders; a person speaking for an
// organisation keeps both; re-importing changes nothing; what is not a DNA 3.x file is refused
// and nothing is written.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ImportInputError } from '../../server/import/types.ts';
import { countAll, graphChecksum, resetGraph, testDriver } from '../_neo4j.ts';
import { _column, _import, DNA_SAMPLE } from './_import.ts';

let driver: Driver;
let scratch: string;
beforeAll(() => {
  driver = testDriver();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-dna-'));
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => resetGraph(driver));

describe('importing a DNA 3.x database', () => {
  it("imports the sample's documents, actors, concepts and statements, each quote its document's Text[Start:Stop]", async () => {
    const report = await _import(driver, 'dna', [DNA_SAMPLE]);
    expect(report.read).toBe(41);
    expect(report.skipped).toBe(1); // the one "Annotation" statement
    expect(report.skippedRows[0]).toMatchObject({ record: 'statement 5' });
    expect(report.skippedRows[0]!.reason).toContain('Annotation');

    expect(await _column(driver, 'MATCH (d:Document) RETURN count(d)')).toEqual([7]);
    expect(await _column(driver, 'MATCH (c:Claim) RETURN count(c)')).toEqual([6]);
    expect(
      await _column(driver, 'MATCH ()-[r:SUPPORTS|OPPOSES {source: "dna"}]->() RETURN count(r)'),
    ).toEqual([40]);
    // Statement 1: Joel Bluestein for Energy and Environmental Analysis, Inc., disagreeing.
    const { records } = await driver.executeQuery(
      `MATCH (p:Person)-[r {source: 'dna', record: 'sample-1'}]->(c:Claim), (d:Document {id: r.doc})
       RETURN p.name AS person, type(r) AS type, r.onBehalfOf AS org, c.text AS claim, r.coder AS coder,
         r.quote = substring(d.text, r.start, r.end - r.start) AS exact, r.start AS start, r.end AS end,
         toString(r.date) AS date, r.method AS method`,
    );
    expect(records[0]!.toObject()).toMatchObject({
      person: 'Joel Bluestein',
      type: 'OPPOSES',
      org: 'institution:energy-and-environmental-analysis-inc',
      claim: 'CO2 legislation will not hurt the economy.',
      coder: 'Coder 1',
      exact: true,
      date: '2005-01-26',
      method: 'import',
    });
    expect(records[0]!.get('start').toNumber()).toBe(6351);
    expect(records[0]!.get('end').toNumber()).toBe(7213);
    // Every quote, not just one: the imported offsets point at the imported words.
    expect(
      await _column(
        driver,
        'MATCH ()-[r {source: "dna"}]->(), (d:Document {id: r.doc}) WHERE substring(d.text, r.start, r.end - r.start) <> r.quote RETURN count(r)',
      ),
    ).toEqual([0]);
    // Agreement 1 is a positive stance: Hamilton (Sierra Club) agrees on all six of his statements.
    expect(
      await _column(driver, "MATCH (:Person {name: 'David Hamilton'})-[r]->(:Claim) RETURN DISTINCT type(r)"),
    ).toEqual(['SUPPORTS']);
    // DNA's entity attributes travel: the organisation's Type.
    expect(await _column(driver, "MATCH (i:Institution {name: 'Sierra Club'}) RETURN i.description")).toEqual(
      ['Type: NGO'],
    );
  });

  it('changes nothing when the same file is imported again', async () => {
    await _import(driver, 'dna', [DNA_SAMPLE]);
    const before = await graphChecksum(driver);
    const again = await _import(driver, 'dna', [DNA_SAMPLE]);
    expect(again.load.relationships.stance).toEqual({ created: 0, updated: 0, unchanged: 40 });
    expect(await graphChecksum(driver)).toBe(before);
  });

  it('refuses a corrupted file, a SQLite file that is not DNA, a DNA 2.x file and a text file, writing nothing', async () => {
    const SQL = await initSqlJs();
    const corrupted = path.join(scratch, 'corrupted.dna');
    const bytes = fs.readFileSync(DNA_SAMPLE);
    fs.writeFileSync(corrupted, Buffer.concat([bytes.subarray(0, 4096), Buffer.alloc(8192, 0x5a)]));
    const other = path.join(scratch, 'other.dna');
    const db = new SQL.Database();
    db.run('CREATE TABLE things (id INTEGER, name TEXT); INSERT INTO things VALUES (1, "x")');
    fs.writeFileSync(other, db.export());
    const dna2 = path.join(scratch, 'old.dna');
    const old = new SQL.Database();
    old.run(
      "CREATE TABLE SETTINGS (Property TEXT, Value TEXT); INSERT INTO SETTINGS VALUES ('version', '2.0 beta 25');" +
        'CREATE TABLE DOCUMENTS (ID INTEGER, Title TEXT, Text TEXT, Date INTEGER); CREATE TABLE STATEMENTS (ID INTEGER);' +
        'CREATE TABLE DATASHORTTEXT (ID INTEGER, StatementId INTEGER, VariableId INTEGER, Value TEXT)',
    );
    fs.writeFileSync(dna2, old.export());
    const text = path.join(scratch, 'notes.dna');
    fs.writeFileSync(text, 'not a database\n');

    const expected: [string, RegExp][] = [
      [corrupted, /damaged SQLite database|not a DNA 3\.x file/],
      [other, /a SQLite database but not a DNA 3\.x file \(no tables DOCUMENTS, STATEMENTS/],
      [dna2, /a DNA 2\.0 beta 25 database; this importer reads DNA 3\.x files/],
      [text, /not a SQLite database; expected a DNA 3\.x \.dna file/],
    ];
    for (const [file, message] of expected) {
      const error = await _import(driver, 'dna', [DNA_SAMPLE, file]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportInputError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.startsWith(file)).toBe(true);
    }
    expect(await countAll(driver)).toEqual({ nodes: 0, relationships: 0 });
  });
});
