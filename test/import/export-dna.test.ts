// `stancegraph export-dna`: DNA's sample imported, then written back as rDNA's dna_getStatements()
// lists it, equals the statements read straight from the .dna file (SQLite, with sql.js): the 40
// statements of type "DNA Statement" in ID order, with their document, offsets, coder, person,
// organization, concept and agreement. An unknown --file is refused.

import fs from 'node:fs';
import type { Driver } from 'neo4j-driver';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DNA_STATEMENT_COLUMNS } from '../../server/import/dna-export.ts';
import { stancegraph } from '../_cli.ts';
import { resetGraph, testDriver } from '../_neo4j.ts';
import { csvObjects } from '../exports/_files.ts';
import { _import, DNA_SAMPLE } from './_import.ts';

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await resetGraph(driver);
  await _import(driver, 'dna', [DNA_SAMPLE]);
});
afterAll(() => driver.close());

/** The statements of type 1 straight from the file, as rDNA lists them (the coder by name). */
async function fromFile(): Promise<Record<string, string>[]> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(fs.readFileSync(DNA_SAMPLE));
  const value = (variable: string) =>
    `(SELECT e.Value FROM DATASHORTTEXT d JOIN ENTITIES e ON e.ID = d.Entity JOIN VARIABLES v ON v.ID = d.VariableId
      WHERE d.StatementId = s.ID AND v.Variable = '${variable}')`;
  const [result] = db.exec(`
    SELECT s.ID, s.StatementTypeId, s.DocumentId, s.Start, s.Stop, c.Name,
      ${value('person')}, ${value('organization')}, ${value('concept')},
      (SELECT b.Value FROM DATABOOLEAN b JOIN VARIABLES v ON v.ID = b.VariableId
        WHERE b.StatementId = s.ID AND v.Variable = 'agreement')
    FROM STATEMENTS s JOIN CODERS c ON c.ID = s.Coder
    WHERE s.StatementTypeId = 1 ORDER BY s.ID`);
  db.close();
  const columns = DNA_STATEMENT_COLUMNS;
  return result!.values.map((row) => Object.fromEntries(columns.map((c, i) => [c, String(row[i] ?? '')])));
}

describe('stancegraph export-dna', () => {
  it("writes the imported statements as rDNA's dna_getStatements() lists them, equal to the .dna file's", async () => {
    const { code, stdout, stderr } = await stancegraph(['export-dna']);
    expect(stderr).toContain('Wrote 40 DNA statement(s)');
    expect(code).toBe(0);
    expect(stdout.split('\r\n')[0]).toBe(
      'ID,statement_type_id,document_id,start,stop,coder,person,organization,concept,agreement',
    );
    const exported = csvObjects(stdout);
    const expected = await fromFile();
    expect(expected).toHaveLength(40);
    expect(exported).toEqual(expected);
    expect(exported[0]).toMatchObject({
      ID: '1',
      person: 'Joel Bluestein',
      agreement: '0',
      coder: 'Coder 1',
    });
  });

  it('refuses a --file the graph holds no statements of, naming the ones it holds', async () => {
    const { code, stderr } = await stancegraph(['export-dna', '--file', 'hearings']);
    expect(code).not.toBe(0);
    expect(stderr).toContain(
      '--file hearings: no statements imported from a .dna file of that name; the graph holds sample',
    );
  });
});
