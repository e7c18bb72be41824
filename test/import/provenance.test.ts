// The model for event data: every CAMEO root and PLOVER category maps to exactly one actor→actor
// relationship type of the vocabulary; the loader checks each kind of provenance by its rules
// (record-grounded: doc, source, record, date, method import; a quote needs a document with text;
// only a record-grounded source's document may lack text; onBehalfOf names an actor).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CAMEO_ROOTS,
  EVENT_CODES,
  PLOVER_CATEGORIES,
  relationshipType,
  typeOfCameo,
  VOCABULARY,
} from '../../model/vocabulary.ts';
import { DatasetValidationError, formatIssue } from '../../server/dataset/errors.ts';
import { loadFiles } from '../../server/dataset/load.ts';
import { countAll, resetGraph, testDriver } from '../_neo4j.ts';

describe('the vocabulary for event data', () => {
  it('maps every CAMEO root 01-20 and every PLOVER category to exactly one actor→actor interaction', () => {
    expect(CAMEO_ROOTS).toHaveLength(20);
    for (const [codes, map] of [
      [CAMEO_ROOTS, EVENT_CODES.cameo],
      [PLOVER_CATEGORIES, EVENT_CODES.plover],
    ] as const) {
      for (const code of codes) {
        const rows = VOCABULARY.filter((row) =>
          [
            ...(('cameoRoots' in row ? row.cameoRoots : []) as string[]),
            ...(('ploverCategories' in row ? row.ploverCategories : []) as string[]),
          ].includes(code),
        );
        expect(
          rows.map((row) => row.type),
          code,
        ).toEqual([map.get(code)]);
        const row = relationshipType(map.get(code)!)!;
        expect(row.family).toBe('interaction');
        expect(row.to).toEqual(row.from);
      }
    }
    expect(typeOfCameo('0431')).toBe('MEETS');
    expect(typeOfCameo('190')).toBe('FIGHTS');
    expect(typeOfCameo('21')).toBeUndefined();
    // The stances stay actor→claim, as they were.
    expect(relationshipType('REJECTS')).toMatchObject({ family: 'stance', to: ['Claim'] });
  });
});

let driver: Driver;
let scratch: string;
beforeAll(() => {
  driver = testDriver();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-provenance-'));
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => resetGraph(driver));

const HEAD = `stancegraph: 1
documents:
  - id: document:gdelt-article
    title: An article GDELT coded
    published: 2022-01-11
    url: https://example.org/article
    source: gdelt
  - id: document:with-text
    title: A text
    published: 2022-01-11
    text: Russia met NATO in Brussels.
actors:
  - id: country:russia
    name: Russia
    iso3: RUS
  - id: institution:nato
    name: NATO
relationships:
`;

async function refusal(relationships: string, head = HEAD): Promise<string[]> {
  const file = path.join(scratch, `case-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, head + relationships);
  const error = await loadFiles(driver, [file]).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DatasetValidationError);
  return (error as DatasetValidationError).issues.map((issue) => formatIssue(issue).replace(`${file}:`, ''));
}

describe('record-grounded provenance in the loader', () => {
  it('loads a record-grounded interaction with its codes, on a document without text', async () => {
    const file = path.join(scratch, 'ok.yaml');
    fs.writeFileSync(
      file,
      `${HEAD}  - { type: MEETS, from: country:russia, to: institution:nato, doc: document:gdelt-article, date: 2022-01-12, source: gdelt, record: "1017", method: import, cameo: "043", goldstein: 2.8, quadClass: 1, mentions: 10, sources: 2, articles: 10, tone: -1.5, place: Brussels }\n`,
    );
    await loadFiles(driver, [file]);
    const { records } = await driver.executeQuery(
      "MATCH ()-[r:MEETS {source: 'gdelt', record: '1017'}]->() RETURN r.cameo AS cameo, r.goldstein AS g",
    );
    expect(records[0]!.toObject()).toEqual({ cameo: '043', g: 2.8 });
  });

  it('refuses each broken rule with its line and field, writing nothing', async () => {
    const issues = await refusal(
      [
        '  - { type: MEETS, from: country:russia, to: institution:nato, doc: document:gdelt-article, date: 2022-01-12, record: "1", method: import }',
        '  - { type: MEETS, from: country:russia, to: institution:nato, doc: document:gdelt-article, date: 2022-01-12, source: gdelt, record: "2" }',
        '  - { type: MEETS, from: country:russia, to: institution:nato, source: gdelt, record: "3", method: import }',
        '  - { type: MEETS, from: country:russia, to: institution:nato, doc: document:gdelt-article, quote: Russia met NATO }',
        '  - { type: MEETS, from: country:russia, to: institution:nato, doc: document:with-text, quote: Russia met NATO, goldstein: 2 }',
        '  - { type: MEETS, from: country:russia, to: institution:nato, doc: document:with-text, quote: Russia met NATO, onBehalfOf: person:nobody }',
      ].join('\n') + '\n',
    );
    expect(issues).toEqual([
      expect.stringMatching(
        /^19:\d+: relationships\[0\]\.source: expected both `source` \(the dataset\) and `record`/,
      ),
      expect.stringMatching(
        /^20:\d+: relationships\[1\]\.method: expected `method: import` on a record-grounded relationship \(from gdelt\), got manual/,
      ),
      expect.stringMatching(
        /^21:\d+: relationships\[2\]\.doc: a record-grounded MEETS needs `doc` and `date`/,
      ),
      expect.stringMatching(
        /^22:\d+: relationships\[3\]\.quote: document "document:gdelt-article" has no text/,
      ),
      expect.stringMatching(
        /^23:\d+: relationships\[4\]\.goldstein: `goldstein` belong to record-grounded provenance/,
      ),
      expect.stringMatching(
        /^24:\d+: relationships\[5\]\.onBehalfOf: dangling reference: no actor "person:nobody"/,
      ),
    ]);
    expect(await countAll(driver)).toEqual({ nodes: 0, relationships: 0 });
  });

  it('refuses a document without text unless it belongs to a record-grounded source', async () => {
    const issues = await refusal(
      '',
      'stancegraph: 1\ndocuments:\n  - { id: document:empty, title: Nothing, published: 2022-01-11, url: https://example.org }\n',
    );
    expect(issues).toEqual([
      expect.stringMatching(
        /^3:\d+: documents\[0\]: expected `text` or `textFile` \(only a record-grounded source's document/,
      ),
    ]);
  });
});
