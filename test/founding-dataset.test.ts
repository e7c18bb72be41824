// The founding dataset (data/founding): it loads, and its integrity holds in the graph: every
// quote is the document text at its offsets, every stance has provenance, no claim is orphaned.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS, needsProvenance, VOCABULARY } from '../model/vocabulary.ts';
import { PROJECT_ROOT } from '../server/config.ts';
import { loadFounding, resetGraph, testDriver } from './_neo4j.ts';

/** sha256 of the article as published in the corpus (data/founding/README.md): the copy is unedited. */
const ARTICLE_SHA256 = '8762788defd774e57dddea587a7a0432632feb37a258b11f052ce0d9f042bb38';
const COPY = path.join(PROJECT_ROOT, 'data', 'founding', '2022-01-11-us-nato-envoy-on-russia-talks.txt');

/** Relationship types as a Cypher alternation, read from the model. */
const typesWhere = (keep: (row: (typeof VOCABULARY)[number]) => boolean) =>
  VOCABULARY.filter(keep)
    .map((row) => row.type)
    .join('|');
const WITH_PROVENANCE = typesWhere((row) => needsProvenance(row.family));
const STANCES = typesWhere((row) => row.family === 'stance');

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await resetGraph(driver);
  await loadFounding(driver);
});
afterAll(() => driver.close());

const rows = async (query: string) =>
  (await driver.executeQuery(query)).records.map((record) => record.toObject() as Record<string, unknown>);

describe('the founding dataset', () => {
  it('keeps the article byte for byte as its document text', async () => {
    const [doc] = await rows('MATCH (d:Document) RETURN d.text AS text, toString(d.published) AS published');
    expect(createHash('sha256').update(fs.readFileSync(COPY)).digest('hex')).toBe(ARTICLE_SHA256);
    expect(doc!.text).toBe(fs.readFileSync(COPY, 'utf8'));
    expect(doc!.published).toBe('2022-01-11');
  });

  it('every quote in the graph is the document text at its offsets', async () => {
    const quoted = await rows(
      'MATCH ()-[r]->() WHERE r.quote IS NOT NULL MATCH (d:Document {id: r.doc}) RETURN d.text AS text, r.start AS start, r.end AS end, r.quote AS quote',
    );
    expect(quoted.length).toBeGreaterThanOrEqual(20);
    for (const { text, start, end, quote } of quoted) {
      expect((text as string).slice(Number(start), Number(end))).toBe(quote);
    }
  });

  it('every stance and interaction has full provenance', async () => {
    const missing = await rows(`
      MATCH (a)-[r:${WITH_PROVENANCE}]->(b)
      WHERE r.doc IS NULL OR r.quote IS NULL OR r.start IS NULL OR r.end IS NULL OR r.date IS NULL
         OR NOT r.method IN ${JSON.stringify(METHODS)} OR NOT (0 <= r.confidence <= 1)
      RETURN a.id AS from, type(r) AS type, b.id AS to`);
    expect(missing).toEqual([]);
    const [{ n }] = (await rows(`MATCH ()-[r:${WITH_PROVENANCE}]->() RETURN count(r) AS n`)) as [
      { n: { toNumber(): number } },
    ];
    expect(n.toNumber()).toBeGreaterThanOrEqual(15);
    expect(n.toNumber()).toBeLessThanOrEqual(40);
  });

  it('has no orphan claims: every claim has a stance', async () => {
    expect(await rows(`MATCH (c:Claim) WHERE NOT (c)<-[:${STANCES}]-() RETURN c.id`)).toEqual([]);
  });

  it('knows Julianne Smith under both spellings, with her title', async () => {
    const [smith] = await rows(
      "MATCH (p:Person {id: 'person:julianne-smith'}) RETURN p.name AS name, p.aliases AS aliases, p.title AS title",
    );
    expect(smith!.name).toBe('Julianne Smith');
    expect(smith!.aliases).toContain('Juliana Smith');
    expect(smith!.title).toMatch(/Permanent Representative to NATO/);
  });

  it('has Ryabkov for, and Smith and Sherman against, the NATO non-expansion guarantee', async () => {
    const positions = await rows(`
      MATCH (a:Actor)-[r]->(:Claim {id: 'claim:nato-non-expansion-guarantee'})
      RETURN a.id AS actor, type(r) AS type`);
    const types = (actor: string) => positions.filter((p) => p.actor === actor).map((p) => p.type);
    expect(types('person:sergei-ryabkov')).toContain('DEMANDS');
    expect(types('person:julianne-smith')).toContain('REJECTS');
    expect(types('person:wendy-sherman')).toContain('REJECTS');
  });

  it('dates the meetings: Russia–NATO Council on 12 January, OSCE on 13 January, Madrid in June 2022', async () => {
    const events = await rows(
      'MATCH (e:Event) RETURN e.name AS name, toString(e.date) AS date, toString(e.start) AS start, toString(e.end) AS end',
    );
    const dates = events.map((e) => e.date ?? `${e.start}/${e.end}`);
    expect(dates).toEqual(expect.arrayContaining(['2022-01-12', '2022-01-13', '2022-06-01/2022-06-30']));
  });

  it('marks conditional positions as conditional', async () => {
    const [warning] = await rows(
      "MATCH (:Person {id: 'person:julianne-smith'})-[w:WARNS]->(:Country {id: 'country:russia'}) RETURN w.modality AS modality, w.quote AS quote",
    );
    expect(warning).toEqual({
      modality: 'conditional',
      quote: expect.stringContaining('If Russia continues the confrontation'),
    });
  });
});
