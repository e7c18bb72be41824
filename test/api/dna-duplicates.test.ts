// DNA's `duplicates` scopes (week, month, year, acrossrange) and the from/to window, on DNA's
// sample with six more statements. In the sample every organisation speaks in one document only
// (so every scope counts alike); the added statements put the Sierra Club on the claim "CO2
// legislation will not hurt the economy." in other documents, weeks, months and years. DNA's rules
// (test/fixtures/external/README.md): a statement is dropped when one kept before has the same
// row, column and (unless the aggregation is `ignore`) qualifier in the same scope; week, month
// and year compare the number only, not the year; the window is inclusive at both ends.
//
// The Sierra Club's statements on the claim (agreement, date, ISO week, month, year):
//   s28, s31 (the sample, document 5)  1  2005-02-16  w7   m2  2005
//   a                                 1  2005-02-18  w7   m2  2005
//   b                                 1  2005-02-25  w8   m2  2005
//   c                                 1  2005-03-10  w10  m3  2005
//   d                                 1  2006-02-15  w7   m2  2006   (week 7 and February again)
//   e                                 1  2006-05-03  w18  m5  2006
//   f                                 0  2005-02-17  w7   m2  2005
// Two-mode, ignore (the qualifier not compared), the cell is the statements kept:
//   include 8; document 7 (s28, s31 share one); week 4 (7, 8, 10, 18); month 3 (2, 3, 5);
//   year 2 (2005, 2006); acrossrange 1.
// Two-mode, subtract (the qualifier compared; cell = agreements − disagreements kept):
//   week 4 − 1 = 3; year 2 − 1 = 1; acrossrange 1 − 1 = 0; combine acrossrange: both = 3.

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dnaMatrixSchema } from '../../model/api.ts';
import { dnaImporter } from '../../server/import/dna.ts';
import { importFiles } from '../../server/import/run.ts';
import { resetGraph } from '../_neo4j.ts';
import { DNA_SAMPLE } from '../import/_import.ts';
import { conforms, testApp, type TestApp } from './_app.ts';

const SIERRA = 'Sierra Club';
const WILL_NOT_HURT = 'CO2 legislation will not hurt the economy.';
const LEGISLATION = 'There should be legislation to regulate emissions.';
const EPA = 'Environmental Protection Agency';

const ADDED = [
  { id: 'a', date: '2005-02-18', type: 'SUPPORTS' },
  { id: 'b', date: '2005-02-25', type: 'SUPPORTS' },
  { id: 'c', date: '2005-03-10', type: 'SUPPORTS' },
  { id: 'd', date: '2006-02-15', type: 'SUPPORTS' },
  { id: 'e', date: '2006-05-03', type: 'SUPPORTS' },
  { id: 'f', date: '2005-02-17', type: 'OPPOSES' },
];

let t: TestApp;
beforeAll(async () => {
  t = testApp();
  await resetGraph(t.driver);
  await importFiles(t.driver, dnaImporter, [DNA_SAMPLE]);
  // Each added statement in a document of its own, quoting its whole text.
  for (const s of ADDED) {
    const text = `Sierra Club testimony ${s.id}.`;
    const { summary } = await t.driver.executeQuery(
      `MATCH (o:Institution {name: $org}), (c:Claim {text: $claim})
       CREATE (:Document {id: $doc, title: $doc, text: $text, published: date($date)})
       CREATE (o)-[:${s.type} {doc: $doc, quote: $text, start: 0, end: size($text), date: date($date),
         method: 'manual', confidence: 1.0, source: 'test', record: $id}]->(c)`,
      { org: SIERRA, claim: WILL_NOT_HURT, doc: `document:added-${s.id}`, text, date: s.date, id: s.id },
    );
    expect(summary.counters.updates().relationshipsCreated).toBe(1);
  }
});
afterAll(() => t.driver.close());

async function matrix(params: string) {
  const res = await request(t.app).get(`/api/networks/agreement?format=matrix&${params}`).expect(200);
  const m = conforms(dnaMatrixSchema, res.body);
  return {
    rows: m.rows,
    cell(row: string, column: string) {
      const i = m.rows.indexOf(row);
      const j = m.columns.indexOf(column);
      expect(i, row).toBeGreaterThanOrEqual(0);
      expect(j, column).toBeGreaterThanOrEqual(0);
      return m.matrix[i]![j]!;
    },
  };
}

const twoMode = 'networkType=twomode&variable1=organization';

describe("DNA's duplicates scopes and time window", () => {
  test('ignore: one statement per document, week, month, year number, or across the range', async () => {
    const expected = { include: 8, document: 7, week: 4, month: 3, year: 2, acrossrange: 1 };
    for (const [duplicates, count] of Object.entries(expected)) {
      const m = await matrix(`${twoMode}&qualifierAggregation=ignore&duplicates=${duplicates}`);
      expect(m.cell(SIERRA, WILL_NOT_HURT), duplicates).toBe(count);
      // The EPA's ten agreements sit in one document: one statement in every scope but include.
      expect(m.cell(EPA, LEGISLATION), duplicates).toBe(duplicates === 'include' ? 10 : 1);
    }
  });

  test('subtract and combine compare the qualifier: a disagreement in the same week is another statement', async () => {
    const expected = { week: 3, year: 1, acrossrange: 0 };
    for (const [duplicates, value] of Object.entries(expected)) {
      const m = await matrix(`${twoMode}&qualifierAggregation=subtract&duplicates=${duplicates}`);
      expect(m.cell(SIERRA, WILL_NOT_HURT), duplicates).toBe(value);
    }
    const combine = await matrix(`${twoMode}&qualifierAggregation=combine&duplicates=acrossrange`);
    expect(combine.cell(SIERRA, WILL_NOT_HURT)).toBe(3);
  });

  test('from and to are inclusive, and statements outside the window are not counted', async () => {
    // 2005-02-16 to 2005-12-31: s28, s31, a, b, c, f (d and e are 2006); EEA (2005-01-26) is out.
    const window = await matrix(`${twoMode}&from=2005-02-16&to=2005-12-31`);
    expect(window.cell(SIERRA, WILL_NOT_HURT)).toBe(6);
    expect(window.rows).not.toContain('Energy and Environmental Analysis, Inc.');
    // One day: the two documents of 2005-02-02 (Senate, EPA) and nobody else.
    const day = await matrix(`${twoMode}&from=2005-02-02&to=2005-02-02`);
    expect(day.rows).toEqual([EPA, 'Senate']);
    // 2006 with duplicates=year: d and e, one statement.
    const later = await matrix(`${twoMode}&from=2006-01-01&duplicates=year`);
    expect(later.rows).toEqual([SIERRA]);
    expect(later.cell(SIERRA, WILL_NOT_HURT)).toBe(1);
  });

  test('one-mode weights use the kept statements: Sierra Club–PIRG on the claim, by scope', async () => {
    // ignore: Σ over claims of (Sierra's kept statements) × (PIRG's). Sierra: real 1, regulate CO2 1,
    // will-not-hurt 8, GHG 1, legislation 1; PIRG: real 2 (s32, s33), will-not-hurt 1, GHG 1,
    // regulate CO2 1, cap and trade 1. acrossrange keeps one of each: real, regulate, will-not-hurt,
    // GHG shared = 4.
    const across = await matrix('networkType=onemode&variable1=organization&duplicates=acrossrange');
    expect(across.cell(SIERRA, 'U.S. Public Interest Research Group')).toBe(4);
    // include: real 1 × 2 + regulate 1 × 1 + will-not-hurt 8 × 1 + GHG 1 × 1 = 12
    const include = await matrix('networkType=onemode&variable1=organization&duplicates=include');
    expect(include.cell(SIERRA, 'U.S. Public Interest Research Group')).toBe(12);
  });
});
