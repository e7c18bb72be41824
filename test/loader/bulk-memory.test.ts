// The bulk validation's compact structures: document texts spooled to a file and read back by
// offset (non-ASCII text, quotes at UTF-16 offsets), and relationship keys in a typed-array hash
// table whose equal hashes are confirmed exactly (different keys are never called duplicates).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../scripts/generate.ts';
import { validateBulk } from '../../server/dataset/bulk.ts';
import { hashKey, KeyTable } from '../../server/dataset/key-table.ts';
import { loadFiles } from '../../server/dataset/load.ts';
import { TextSpool } from '../../server/dataset/spool.ts';
import { TRANSACTION_TEXT } from '../../server/dataset/writer.ts';
import { resetGraph, testDriver } from '../_neo4j.ts';

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-bulk-memory-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const noLookup = async () => new Map();

const TEXTS = [
  'Plain ASCII.',
  'Émile Zola — «J’accuse…!»',
  'Emoji 🇺🇦 and 😀 take two UTF-16 units each; CJK 北大西洋公约组织 takes three bytes.',
  '',
  'x'.repeat(3 << 20), // over the spool's write buffer: written in a flush of its own
  'Ünïcödé after a big one',
];

describe('the text spool', () => {
  it('gives every text back exactly, from the file and from its cache, and leaves no file behind', () => {
    const dir = path.join(scratch, 'spool');
    fs.mkdirSync(dir);
    const spool = new TextSpool(dir, 1);
    const handles = TEXTS.map((text) => spool.add(text));
    expect(handles).toEqual(TEXTS.map((_, i) => i));
    // Read in another order than written, twice: each read after the first of another text misses the cache.
    for (const i of [2, 0, 5, 1, 4, 3, 2, 2, 0]) expect(spool.get(handles[i]!)).toBe(TEXTS[i]);
    // A text added after reads is read back too (the write buffer is flushed before a read).
    const late = spool.add('late: ½ ¾ 🎉');
    expect(spool.get(late)).toBe('late: ½ ¾ 🎉');
    expect(spool.bytes).toBe(TEXTS.concat('late: ½ ¾ 🎉').reduce((sum, t) => sum + Buffer.byteLength(t), 0));
    expect(() => spool.get(99)).toThrow(/no text 99/);
    // The file was unlinked as soon as it was open.
    expect(fs.readdirSync(dir)).toEqual([]);
    spool.close();
    spool.close(); // twice is harmless
  });
});

describe('the relationship key table', () => {
  it('with every hash equal, tells different keys apart by confirming, and finds the true duplicate', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `person:p${i}|SUPPORTS|claim:k${i % 7}`);
    const byOffset = new Map<number, string>();
    const table = new KeyTable({ hash: () => 42, sameKey: (key, offset) => byOffset.get(offset) === key });
    keys.forEach((key, i) => {
      byOffset.set(i * 100, key);
      expect(table.add(key, i + 1, i * 100)).toBeUndefined();
    });
    expect(table.size).toBe(300);
    expect(table.confirmations).toBeGreaterThan(40_000); // each new key compared with every earlier one
    expect(table.add(keys[123]!, 999, 99_900)).toBe(124);
    expect(table.size).toBe(300);
  });

  it('keeps every key through its growth, with the real hash', () => {
    const table = new KeyTable({ sameKey: () => true });
    for (let i = 0; i < 50_000; i++) expect(table.add(`key ${i}`, i + 1, i)).toBeUndefined();
    for (let i = 0; i < 50_000; i += 997) expect(table.add(`key ${i}`, 60_000, 0)).toBe(i + 1);
    expect(table.size).toBe(50_000);
    // 16 bytes a slot, at most 3/4 full and at least 3/8 full after a growth.
    expect(table.bytes).toBeLessThanOrEqual(Math.ceil(50_000 / 0.375) * 16);
  });
});

/** A bulk folder with one non-ASCII document and quotes after emoji and accents. */
function unicodeFolder(name: string, extraLines: string[] = []): { dir: string; text: string } {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir);
  const text = 'Ein Bericht über 🇪🇺 Sanktionen. 😀 Die Ministerin fordert „mehr Hilfe“. Ende — 終わり.';
  const quote = 'fordert „mehr Hilfe“';
  const start = text.indexOf(quote); // UTF-16 offset: the flag and the emoji count two units each
  const write = (file: string, records: object[]) =>
    fs.writeFileSync(path.join(dir, file), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  write('documents.jsonl', [{ id: 'document:uni', title: 'Bericht', published: '2024-03-01', text }]);
  write('actors.jsonl', [
    { id: 'person:ministerin', name: 'Die Ministerin' },
    { id: 'person:zweite', name: 'Zweite' },
  ]);
  write('claims.jsonl', [{ id: 'claim:hilfe', text: 'Mehr Hilfe' }]);
  const rels = [
    {
      type: 'DEMANDS',
      from: 'person:ministerin',
      to: 'claim:hilfe',
      doc: 'document:uni',
      quote,
      start,
      end: start + quote.length,
    },
    // No offsets: the quote is found in the spooled text.
    {
      type: 'SUPPORTS',
      from: 'person:zweite',
      to: 'claim:hilfe',
      doc: 'document:uni',
      quote: 'Ende — 終わり',
    },
  ];
  fs.writeFileSync(
    path.join(dir, 'relationships.jsonl'),
    [...rels.map((r) => JSON.stringify(r)), ...extraLines].join('\n') + '\n',
  );
  return { dir, text };
}

describe('bulk validation with the spool and the key table', () => {
  let driver: Driver;
  beforeAll(() => {
    driver = testDriver();
  });
  afterAll(() => driver.close());

  it('checks quotes at UTF-16 offsets in a spooled non-ASCII text, and loads the text intact', async () => {
    const { dir, text } = unicodeFolder('unicode');
    const { issues, index } = await validateBulk(dir, noLookup);
    expect(issues).toEqual([]);
    index!.close();

    await resetGraph(driver);
    await loadFiles(driver, [dir]);
    const { records } = await driver.executeQuery(
      'MATCH (:Document {id: "document:uni"})-[:MENTIONS]->(x) RETURN count(x) AS n',
    );
    expect(records[0]!.get('n').toNumber()).toBe(3);
    const stored = await driver.executeQuery(
      'MATCH (d:Document {id: "document:uni"}) MATCH ()-[r:DEMANDS|SUPPORTS]->() RETURN d.text AS text, r.quote AS quote, r.start AS start, r.end AS end',
    );
    expect(stored.records).toHaveLength(2);
    for (const r of stored.records) {
      expect(r.get('text')).toBe(text);
      expect(text.slice(r.get('start').toNumber(), r.get('end').toNumber())).toBe(r.get('quote'));
    }
    await resetGraph(driver);
  });

  it('commits long documents in transactions of at most TRANSACTION_TEXT of text, each stored whole', async () => {
    // Six documents of 3 million characters: by rows (5 a transaction) two transactions; by text
    // (8 million a transaction) three, two documents each.
    const dir = path.join(scratch, 'long-texts');
    fs.mkdirSync(dir);
    const length = 3_000_000;
    expect(2 * length).toBeLessThanOrEqual(TRANSACTION_TEXT);
    expect(3 * length).toBeGreaterThan(TRANSACTION_TEXT);
    const ids = Array.from({ length: 6 }, (_, i) => `document:long-${i}`);
    fs.writeFileSync(
      path.join(dir, 'documents.jsonl'),
      ids
        .map((id, i) =>
          JSON.stringify({ id, title: id, published: '2024-01-01', text: String(i).repeat(length) }),
        )
        .join('\n'),
    );
    await resetGraph(driver);
    const report = await loadFiles(driver, [dir], { transactionRows: 5 });
    expect(report.transactions).toBe(3);
    const { records } = await driver.executeQuery(
      'MATCH (d:Document) RETURN d.id AS id, size(d.text) AS length, substring(d.text, 0, 1) AS first ORDER BY id',
    );
    expect(records.map((r) => [r.get('id'), r.get('length').toNumber(), r.get('first')])).toEqual(
      ids.map((id, i) => [id, length, String(i)]),
    );
    await resetGraph(driver);
  });

  it('names a quote that does not match the spooled text, at its line', async () => {
    const { dir } = unicodeFolder('unicode-bad', [
      JSON.stringify({
        type: 'REJECTS',
        from: 'person:zweite',
        to: 'claim:hilfe',
        doc: 'document:uni',
        quote: 'fordert „mehr Hilfe“',
        start: 0,
        end: 20,
      }),
    ]);
    const { issues, index } = await validateBulk(dir, noLookup);
    expect(index).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({
        line: 3,
        path: 'quote',
        message: expect.stringContaining('quote does not match'),
      }),
    ]);
  });

  it('with 64 key hashes in all, accepts a valid folder and reports a true duplicate with its first line', async () => {
    const folder = path.join(scratch, 'synthetic');
    await generate({ stances: 300, seed: 3, out: folder });
    const collide = (key: string) => hashKey(key) & 0x3f;
    const valid = await validateBulk(folder, noLookup, { keyHash: collide });
    expect(valid.issues).toEqual([]);
    valid.index!.close();

    const file = path.join(folder, 'relationships.jsonl');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    const twice = lines.findIndex((line) => line.includes('"DEMANDS"'));
    fs.appendFileSync(file, `${lines[twice]}\n`);
    const { issues } = await validateBulk(folder, noLookup, { keyHash: collide });
    expect(issues).toEqual([
      expect.objectContaining({
        line: lines.length + 1,
        message: expect.stringContaining(`appears twice (first at line ${twice + 1})`),
      }),
    ]);
  });
});
