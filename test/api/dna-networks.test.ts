// GET /api/networks/agreement with DNA's options (rDNA's names) on DNA's own sample database,
// imported: the numbers are DNA's. Each cell below is computed by hand from the 40 statements
// (statement ids in comments; EEA = Energy and Environmental Analysis, Inc.; NPRA = National
// Petrochemical & Refiners Association; PIRG = U.S. Public Interest Research Group):
//   EEA: "CO2 … will not hurt" 0 (s1, s2), "… regulate CO2" 0 (s3) and 1 (s4), all in document 1
//   Senate: "CO2 … will not hurt" 0 (s6, s8), "There should be legislation" 1 (s7, s10), "… regulate CO2" 0 (s9)
//   NPRA: "CO2 … will not hurt" 0 (s38, s41), "There should be legislation" 0 (s39, s40)
//   Sierra Club: real 1, regulate CO2 1, will not hurt 1 (s28, s31), GHG 1, legislation 1
//   PIRG: real 1 (s32, s33), will not hurt 1, GHG 1, regulate CO2 1, cap and trade 1
//   EPA: "There should be legislation" 1 ten times (s11-16, s18-21), will not hurt 0 (s17)

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dnaMatrixSchema, wireGraphSchema } from '../../model/api.ts';
import { importFiles } from '../../server/import/run.ts';
import { dnaImporter } from '../../server/import/dna.ts';
import { resetGraph } from '../_neo4j.ts';
import { DNA_SAMPLE } from '../import/_import.ts';
import { conforms, testApp, type TestApp } from './_app.ts';

let t: TestApp;
beforeAll(async () => {
  t = testApp();
  await resetGraph(t.driver);
  await importFiles(t.driver, dnaImporter, [DNA_SAMPLE]);
});
afterAll(() => t.driver.close());

const EEA = 'Energy and Environmental Analysis, Inc.';
const NPRA = 'National Petrochemical & Refiners Association';
const PIRG = 'U.S. Public Interest Research Group';
const WILL_NOT_HURT = 'CO2 legislation will not hurt the economy.';
const REGULATE_CO2 = 'Emissions legislation should regulate CO2.';
const LEGISLATION = 'There should be legislation to regulate emissions.';

async function matrix(params: string) {
  const res = await request(t.app).get(`/api/networks/agreement?format=matrix&${params}`).expect(200);
  const m = conforms(dnaMatrixSchema, res.body);
  return (row: string, column: string) => {
    const i = m.rows.indexOf(row);
    const j = m.columns.indexOf(column);
    expect(i, row).toBeGreaterThanOrEqual(0);
    expect(j, column).toBeGreaterThanOrEqual(0);
    return m.matrix[i]![j]!;
  };
}

describe("DNA's networks on DNA's sample", () => {
  test('labels rows and columns as DNA does: sorted names, claims by their text', async () => {
    const res = await request(t.app)
      .get('/api/networks/agreement?format=matrix&networkType=twomode&variable1=organization')
      .expect(200);
    expect(res.body.rows).toEqual([
      'Alliance to Save Energy',
      EEA,
      'Environmental Protection Agency',
      NPRA,
      'Senate',
      'Sierra Club',
      PIRG,
    ]);
    expect(res.body.columns).toEqual([
      WILL_NOT_HURT,
      'Cap and trade is the solution.',
      'Climate change is caused by greenhouse gases (CO2).',
      'Climate change is real and anthropogenic.',
      REGULATE_CO2,
      LEGISLATION,
    ]);
  });

  test('two-mode: ignore counts statements, subtract agreement minus disagreement, combine 1/2/3', async () => {
    const ignore = await matrix('networkType=twomode&variable1=organization&qualifierAggregation=ignore');
    expect(ignore('Environmental Protection Agency', LEGISLATION)).toBe(10);
    expect(ignore('Sierra Club', WILL_NOT_HURT)).toBe(2);
    const subtract = await matrix('networkType=twomode&variable1=organization&qualifierAggregation=subtract');
    expect(subtract(EEA, REGULATE_CO2)).toBe(0); // 1 - 1
    expect(subtract('Senate', WILL_NOT_HURT)).toBe(-2);
    expect(subtract('Senate', LEGISLATION)).toBe(2);
    const combine = await matrix('networkType=twomode&variable1=organization&qualifierAggregation=combine');
    expect(combine(EEA, REGULATE_CO2)).toBe(3); // both
    expect(combine('Senate', WILL_NOT_HURT)).toBe(2); // only disagreement
    expect(combine('Sierra Club', WILL_NOT_HURT)).toBe(1); // only agreement
    expect(combine('Sierra Club', LEGISLATION)).toBe(1);
    expect(combine(NPRA, REGULATE_CO2)).toBe(0);
  });

  test('two-mode normalisation: activity divides by the row, prominence by the column', async () => {
    const activity = await matrix('networkType=twomode&variable1=organization&normalization=activity');
    expect(activity('Environmental Protection Agency', LEGISLATION)).toBeCloseTo(10 / 11, 12);
    // "will not hurt": EEA 2, Senate 2, EPA 1, Sierra 2, PIRG 1, NPRA 2 = 10 statements
    const prominence = await matrix('networkType=twomode&variable1=organization&normalization=prominence');
    expect(prominence('Sierra Club', WILL_NOT_HURT)).toBeCloseTo(2 / 10, 12);
  });

  test('one-mode, each aggregation: EEA–Senate, Senate–NPRA, Sierra Club–PIRG', async () => {
    const expected = {
      // EEA–Senate: will-not-hurt (2 × 2 disagreeing), regulate-CO2 (EEA 0 and 1, Senate 0)
      ignore: [6, 8, 6],
      congruence: [5, 4, 6],
      conflict: [1, 4, 0],
      subtract: [4, 0, 6],
    };
    for (const [aggregation, [eeaSenate, senateNpra, sierraPirg]] of Object.entries(expected)) {
      const cell = await matrix(
        `networkType=onemode&variable1=organization&qualifierAggregation=${aggregation}`,
      );
      expect([cell(EEA, 'Senate'), cell('Senate', NPRA), cell('Sierra Club', PIRG)], aggregation).toEqual([
        eeaSenate,
        senateNpra,
        sierraPirg,
      ]);
      expect(cell('Senate', EEA)).toBe(eeaSenate); // symmetric
      expect(cell('Senate', 'Senate')).toBe(0); // no loops
    }
  });

  test('one-mode normalisation: average, jaccard, cosine (EEA has 4 statements, Senate 5)', async () => {
    const cell = async (normalization: string) =>
      (
        await matrix(
          `networkType=onemode&variable1=organization&qualifierAggregation=congruence&normalization=${normalization}`,
        )
      )(EEA, 'Senate');
    expect(await cell('average')).toBeCloseTo(5 / 4.5, 12);
    // jaccard: both on (will-not-hurt, 0): 2·2; on (regulate, 0): 1·1; EEA alone on (regulate, 1): 1; Senate alone on (legislation, 1): 2
    expect(await cell('jaccard')).toBeCloseTo(5 / 8, 12);
    expect(await cell('cosine')).toBeCloseTo(5 / 20, 12);
  });

  test('duplicates: one identical statement per document, or across the range', async () => {
    const perDocument = await matrix('networkType=twomode&variable1=organization&duplicates=document');
    expect(perDocument('Environmental Protection Agency', LEGISLATION)).toBe(1);
    // the qualifier is compared unless ignored: EEA's regulate-CO2 0 and 1 are two statements then
    expect(perDocument(EEA, REGULATE_CO2)).toBe(1);
    const perDocumentCombine = await matrix(
      'networkType=twomode&variable1=organization&duplicates=document&qualifierAggregation=combine',
    );
    expect(perDocumentCombine(EEA, REGULATE_CO2)).toBe(3);
    const acrossRange = await matrix(
      'networkType=onemode&variable1=organization&qualifierAggregation=ignore&duplicates=acrossrange',
    );
    expect(acrossRange('Senate', NPRA)).toBe(2); // will-not-hurt 1·1 + legislation 1·1
  });

  test('persons as rows, a time window, and the graph format carrying the weights', async () => {
    const persons = await matrix(
      'networkType=onemode&variable1=person&qualifierAggregation=congruence&to=2005-02-02',
    );
    expect(persons('Joel Bluestein', 'George Voinovich')).toBe(5);
    const res = await request(t.app)
      .get('/api/networks/agreement?networkType=onemode&variable1=organization&qualifierAggregation=subtract')
      .expect(200);
    const graph = conforms(wireGraphSchema, res.body);
    const edge = graph.edges.find(
      (e) =>
        e.source === 'institution:energy-and-environmental-analysis-inc' && e.target === 'institution:senate',
    );
    expect(edge?.attributes).toMatchObject({ type: 'AGREEMENT', weight: 4 });
    expect(graph.attributes).toMatchObject({ networkType: 'onemode', qualifierAggregation: 'subtract' });
  });

  test('refuses an option that does not fit the network type, pointing at it', async () => {
    const res = await request(t.app)
      .get('/api/networks/agreement?networkType=onemode&qualifierAggregation=combine')
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('/query/qualifierAggregation');
    const res2 = await request(t.app)
      .get('/api/networks/agreement?networkType=twomode&normalization=jaccard')
      .expect(400);
    expect(JSON.stringify(res2.body)).toContain('/query/normalization');
  });

  test('keeps the agreement network as the default when no DNA option is given', async () => {
    const res = await request(t.app).get('/api/networks/agreement').expect(200);
    const graph = conforms(wireGraphSchema, res.body);
    expect(graph.attributes).toMatchObject({ kind: 'both' });
    const types = new Set(graph.edges.map((e) => e.attributes.type));
    expect([...types].sort()).toEqual(['AGREEMENT', 'CONFLICT']);
  });
});
