// `stancegraph import icews`: the Dataverse layout (header, `NA`), one relationship per
// [Event ID, Event Date], a sentence's mirror events two relationships, countries by ISO 3166
// whatever ICEWS calls them, actors by the documented rule.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ImportInputError } from '../../server/import/types.ts';
import { countAll, graphChecksum, loadFounding, resetGraph, testDriver } from '../_neo4j.ts';
import { _column, _import, ICEWS } from './_import.ts';

let driver: Driver;
let scratch: string;
beforeAll(() => {
  driver = testDriver();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-icews-'));
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => resetGraph(driver));

describe('importing ICEWS events', () => {
  it('keeps mirror events (A→B and B→A from one sentence) as two relationships, each with its own record', async () => {
    const report = await _import(driver, 'icews', [ICEWS]);
    expect(report.read).toBe(50);
    expect(report.skipped).toBe(0);
    expect(await _column(driver, "MATCH ()-[r {source: 'icews'}]->() RETURN count(r)")).toEqual([50]);
    // Event 32889836/32889837: Bangladesh's foreign affairs and Vietnam's military consult each other.
    const { records } = await driver.executeQuery(
      `MATCH (a)-[r {source: 'icews'}]->(b) WHERE r.record IN ['32889836@2018-06-01', '32889837@2018-06-01']
       RETURN a.name AS a, type(r) AS type, b.name AS b, r.cameo AS cameo, r.intensity AS intensity ORDER BY r.record`,
    );
    expect(records.map((r) => r.toObject())).toEqual([
      {
        a: 'Foreign Affairs (Bangladesh)',
        type: 'MEETS',
        b: 'High Ranking Military Personnel (Vietnam)',
        cameo: '040',
        intensity: 1,
      },
      {
        a: 'High Ranking Military Personnel (Vietnam)',
        type: 'MEETS',
        b: 'Foreign Affairs (Bangladesh)',
        cameo: '040',
        intensity: 1,
      },
    ]);
  });

  it('reads NA as missing, resolves countries by ISO 3166 and applies the actor rule', async () => {
    await loadFounding(driver);
    await _import(driver, 'icews', [ICEWS]);
    // "United States" (with Sectors NA) is the founding dataset's country, not a new node.
    expect(await _column(driver, "MATCH (c:Country {iso3: 'USA'}) RETURN c.id")).toEqual([
      'country:united-states',
    ]);
    expect(await _column(driver, "MATCH (c:Country {id: 'country:vietnam'}) RETURN c.iso3")).toEqual(['VNM']);
    // A named person with sectors; "Sector (Country)" an institution part of its country.
    expect(await _column(driver, "MATCH (p:Person {name: 'Aso Taro'}) RETURN p.id")).toEqual([
      'person:icews-aso-taro',
    ]);
    expect(
      await _column(
        driver,
        "MATCH (:Institution {name: 'Ministry (Japan)'})-[:PART_OF]->(c:Country) RETURN c.iso3",
      ),
    ).toEqual(['JPN']);
    // District NA is left out of the place; no property holds the string "NA".
    expect(
      await _column(
        driver,
        "MATCH ()-[r {source: 'icews', record: '32889836@2018-06-01'}]->() RETURN r.place",
      ),
    ).toEqual(['Hanoi, Thanh Pho Ha Noi, Vietnam']);
    expect(
      await _column(
        driver,
        "MATCH (n) WHERE any(k IN keys(n) WHERE n[k] = 'NA') RETURN count(n) + COUNT { ()-[r]->() WHERE any(k IN keys(r) WHERE r[k] = 'NA') }",
      ),
    ).toEqual([0]);
    // The documents of record-grounded events have no text.
    expect(
      await _column(driver, "MATCH (d:Document {source: 'icews'}) WHERE d.text IS NOT NULL RETURN count(d)"),
    ).toEqual([0]);
  });

  it('changes nothing on a second import, and refuses a file without the ICEWS header, writing nothing', async () => {
    await _import(driver, 'icews', [ICEWS]);
    const before = await graphChecksum(driver);
    await _import(driver, 'icews', [ICEWS]);
    expect(await graphChecksum(driver)).toBe(before);
    await resetGraph(driver);
    const headless = path.join(scratch, 'headless.tab');
    fs.writeFileSync(headless, fs.readFileSync(ICEWS, 'utf8').split('\n').slice(1).join('\n'));
    const error = await _import(driver, 'icews', [ICEWS, headless]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as Error).message).toMatch(
      new RegExp(`^${headless}:1 \\(header\\): missing column\\(s\\) "Event ID"`),
    );
    expect(await countAll(driver)).toEqual({ nodes: 0, relationships: 0 });
  });
});
