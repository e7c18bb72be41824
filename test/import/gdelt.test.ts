// `stancegraph import gdelt`: GDELT 1.0 (both layouts of the mixed sample) and 2.0 event files,
// plain and zipped; rows with one actor counted and listed with their line; GDELT's `RUS` is the
// founding dataset's Russia; a malformed row refused with file:line and nothing written;
// `--from/--to` fetching exports from a master file list, served here by a local HTTP server.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { fetchGdeltExports } from '../../server/import/gdelt-fetch.ts';
import { ImportInputError } from '../../server/import/types.ts';
import { countAll, graphChecksum, loadFounding, resetGraph, testDriver } from '../_neo4j.ts';
import { _column, _import, GDELT1, GDELT2 } from './_import.ts';

let driver: Driver;
let scratch: string;
beforeAll(() => {
  driver = testDriver();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-gdelt-'));
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => resetGraph(driver));

function zip(file: string, entry: string, content: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = new yazl.ZipFile();
    archive.addBuffer(content, entry);
    archive.end();
    archive.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject);
  });
}

const fieldCounts = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t').length);

describe('importing GDELT event files', () => {
  it('reads both GDELT 1.0 layouts (58 fields with SOURCEURL, 57 without) and reports every one-actor row with its line', async () => {
    const counts = fieldCounts(GDELT1);
    expect(counts.filter((n) => n === 58)).toHaveLength(509);
    expect(counts.filter((n) => n === 57)).toHaveLength(201);
    const report = await _import(driver, 'gdelt', [GDELT1], { listSkipped: 10_000 });
    expect(report.read).toBe(710);
    // Every row is either an interaction or listed: none is dropped silently.
    const interactions = await _column<number>(driver, "MATCH ()-[r {source: 'gdelt'}]->() RETURN count(r)");
    expect(interactions[0]! + report.skipped).toBe(710);
    expect(report.skippedRows).toHaveLength(report.skipped);
    expect(report.skippedByReason).toEqual({ 'one actor only': report.skipped });
    // Line 1 has no Actor2 (USA alone at the National Postal Museum).
    expect(report.skippedRows[0]).toMatchObject({
      file: GDELT1,
      line: 1,
      record: 'GDELT 564111644',
      reason: 'one actor only (Actor2Code empty)',
    });
    // A 58-field row links its article; a 57-field (1982 backfile) row links the year's archive.
    const { records } = await driver.executeQuery(
      `MATCH (a)-[r {source: 'gdelt', record: '1552829'}]->(b), (d:Document {id: r.doc})
       RETURN a.id AS a, type(r) AS type, b.id AS b, r.cameo AS cameo, r.quadClass AS quadClass, r.goldstein AS goldstein,
         r.mentions AS mentions, r.place AS place, toString(r.date) AS date, d.url AS url, d.text AS text, r.method AS method`,
    );
    expect(records[0]!.toObject()).toMatchObject({
      a: 'institution:gdelt-buscvl',
      type: 'OFFERS_COOPERATION',
      b: 'institution:gdelt-bus',
      cameo: '030',
      goldstein: 4,
      place: 'Accra, Greater Accra, Ghana',
      date: '1982-01-02',
      url: 'http://data.gdeltproject.org/events/1982.zip',
      text: null,
      method: 'import',
    });
    expect(
      await _column(
        driver,
        "MATCH ()-[r {source: 'gdelt'}]->(d) WHERE r.doc STARTS WITH 'document:web-' RETURN count(r) > 0",
      ),
    ).toEqual([true]);
  });

  it('reads GDELT 2.0 (61 fields), zipped, with codes and the article URL on each interaction', async () => {
    const zipped = path.join(scratch, '20191024143000.export.CSV.zip');
    await zip(zipped, '20191024143000.export.CSV', fs.readFileSync(GDELT2));
    const report = await _import(driver, 'gdelt', [zipped]);
    expect(report.read).toBe(50);
    expect(report.skipped).toBe(18);
    expect(report.skippedRows[0]).toMatchObject({ file: `${zipped}!20191024143000.export.CSV`, line: 1 });
    const { records } = await driver.executeQuery(
      `MATCH (a)-[r {source: 'gdelt', record: '881990835'}]->(b), (d:Document {id: r.doc}) RETURN a.name AS a, type(r) AS type, b.name AS b,
         r.cameo AS cameo, r.tone AS tone, r.articles AS articles, d.url AS url`,
    );
    const row = records[0]!.toObject();
    expect(row.url).toMatch(/^https?:\/\//);
    expect(typeof row.cameo).toBe('string');
    expect(await _column(driver, "MATCH ()-[r {source: 'gdelt'}]->() RETURN count(r)")).toEqual([32]);
  });

  it("adds GDELT's RUS and USA to the founding dataset's Russia and United States, and a code below country level becomes an institution of its country", async () => {
    await loadFounding(driver);
    await _import(driver, 'gdelt', [GDELT1]);
    expect(await _column(driver, "MATCH (c:Country {iso3: 'RUS'}) RETURN c.id")).toEqual(['country:russia']);
    expect(await _column(driver, "MATCH (c:Country {iso3: 'USA'}) RETURN c.id")).toEqual([
      'country:united-states',
    ]);
    // The founding node keeps its own properties (aliases, Wikidata id) after the import.
    expect(await _column(driver, "MATCH (c:Country {id: 'country:russia'}) RETURN c.aliases")).toEqual([
      ['Russian Federation', 'Moscow'],
    ]);
    expect(
      await _column(
        driver,
        "MATCH (:Country {id: 'country:russia'})-[r {source: 'gdelt'}]-() RETURN count(r) > 0",
      ),
    ).toEqual([true]);
    expect(
      await _column(
        driver,
        "MATCH (i:Institution {id: 'institution:gdelt-usagov'})-[:PART_OF]->(c:Country) RETURN i.name + ' → ' + c.id",
      ),
    ).toEqual(['United States Government → country:united-states']);
  });

  it('changes nothing when the same files are imported again, and adds only what is new from an overlapping file', async () => {
    await _import(driver, 'gdelt', [GDELT2]);
    const before = await graphChecksum(driver);
    const again = await _import(driver, 'gdelt', [GDELT2]);
    expect(again.load.relationships.interaction).toEqual({ created: 0, updated: 0, unchanged: 32 });
    expect(await graphChecksum(driver)).toBe(before);
    // The first 30 rows again, plus nothing new: still 32; the same file twice in one run: kept once.
    const overlap = path.join(scratch, 'overlap.CSV');
    fs.writeFileSync(overlap, fs.readFileSync(GDELT2, 'utf8').split('\n').slice(0, 30).join('\n'));
    const both = await _import(driver, 'gdelt', [overlap, GDELT2]);
    expect(both.duplicates).toBeGreaterThan(0);
    expect(both.load.relationships.interaction?.created).toBe(0);
    expect(await graphChecksum(driver)).toBe(before);
  });

  it('refuses a malformed row with file:line, the field and what was expected, and writes nothing', async () => {
    const lines = fs.readFileSync(GDELT2, 'utf8').split('\n');
    const badDate = path.join(scratch, 'bad-date.CSV');
    fs.writeFileSync(
      badDate,
      [
        ...lines.slice(0, 11),
        lines[11]!.replace(/^(\d+)\t20181024/, '$1\t2018-10-24'),
        ...lines.slice(12),
      ].join('\n'),
    );
    const error = await _import(driver, 'gdelt', [GDELT2, badDate]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as Error).message).toBe(
      `${badDate}:12 (SQLDATE): expected a date as YYYYMMDD, got "2018-10-24"`,
    );
    const short = path.join(scratch, 'short.CSV');
    fs.writeFileSync(short, [lines[0], lines[1]!.split('\t').slice(0, 40).join('\t')].join('\n'));
    const error2 = await _import(driver, 'gdelt', [short]).catch((e: unknown) => e);
    expect((error2 as Error).message).toBe(
      `${short}:2: 40 tab-separated fields; expected a GDELT event row of 57 or 58 (GDELT 1.0) or 61 (GDELT 2.0) fields`,
    );
    expect(await countAll(driver)).toEqual({ nodes: 0, relationships: 0 });
  });
});

describe('fetching GDELT 2.0 exports by date', () => {
  let server: http.Server;
  let base: string;
  let requests: string[];
  beforeAll(async () => {
    // A master file list in GDELT's format ("size md5 url"): three 15-minute exports, two on the
    // day asked for, one the day after, and the other kinds of files GDELT lists beside them.
    const csv = fs.readFileSync(GDELT2);
    const rows = csv.toString('utf8').split('\n').filter(Boolean);
    const files = new Map<string, Buffer>();
    const exports: [string, string[]][] = [
      ['20191024143000', rows.slice(0, 25)],
      ['20191024144500', rows.slice(25)],
      ['20191025000000', rows.slice(0, 5)],
    ];
    for (const [stamp, part] of exports) {
      const zipped = path.join(scratch, `${stamp}.export.CSV.zip`);
      await zip(zipped, `${stamp}.export.CSV`, Buffer.from(`${part.join('\n')}\n`));
      files.set(`/gdeltv2/${stamp}.export.CSV.zip`, fs.readFileSync(zipped));
    }
    requests = [];
    server = http.createServer((request, response) => {
      requests.push(request.url!);
      if (request.url === '/gdeltv2/masterfilelist.txt') {
        const list = [...files].flatMap(([name, bytes]) => [
          `${bytes.length} ${createHash('md5').update(bytes).digest('hex')} ${base}${name.replace('/gdeltv2', '')}`,
          `1234 0123456789abcdef0123456789abcdef ${base}${name.replace('/gdeltv2', '').replace('export', 'mentions')}`,
        ]);
        response.end(`${list.join('\n')}\n`);
        return;
      }
      const body = files.get(request.url!);
      if (!body) {
        response.statusCode = 404;
        response.end();
        return;
      }
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gdeltv2`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads the exports of the days asked for from the master file list, checks them, and imports them', async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'fetch-'));
    const fetched = await fetchGdeltExports({ baseUrl: base, from: '2019-10-24', to: '2019-10-24', dir });
    expect(fetched.map((file) => path.basename(file))).toEqual([
      '20191024143000.export.CSV.zip',
      '20191024144500.export.CSV.zip',
    ]);
    expect(requests).not.toContain('/gdeltv2/20191025000000.export.CSV.zip');
    expect(requests.some((url) => url.includes('mentions'))).toBe(false);
    const report = await _import(driver, 'gdelt', fetched);
    expect(report.read).toBe(50);
    expect(await _column(driver, "MATCH ()-[r {source: 'gdelt'}]->() RETURN count(r)")).toEqual([32]);
  });

  it('says what went wrong when the list is missing or names no export in the range', async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'fetch-'));
    const error = await fetchGdeltExports({
      baseUrl: base.replace('/gdeltv2', '/missing'),
      from: '2019-10-24',
      to: '2019-10-24',
      dir,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/masterfilelist\.txt answered 404/);
    const none = await fetchGdeltExports({ baseUrl: base, from: '2020-01-01', to: '2020-01-02', dir }).catch(
      (e: unknown) => e,
    );
    expect((none as Error).message).toMatch(/has no export files from 2020-01-01 to 2020-01-02/);
  });
});
