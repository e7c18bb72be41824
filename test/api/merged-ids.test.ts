// A merged id keeps resolving: after merging person:wendy-sherman into person:julianne-smith,
// GET /api/nodes/person:wendy-sherman answers 307 to Smith's URL, and the loader (a YAML file and a
// bulk folder) and the write API accept the old id as a reference and write to the node it became;
// a dataset that defines the old id again (the founding dataset reloaded) does not bring it back.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadFiles } from '../../server/dataset/load.ts';
import { DOC, span, write, writeApp, type WriteApp } from './_write.ts';

const OLD = 'person:wendy-sherman';
const NEW = 'person:julianne-smith';
const OPEN_DOOR = span('NATO’s open door policy');

let t: WriteApp;
let scratch: string;
beforeAll(async () => {
  // The first writes compile their queries: on a busy machine that takes longer than the default 30 s.
  t = await writeApp({ STANCEGRAPH_API_TIMEOUT: '3m' });
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-merged-'));
  await write(t.app, 'post', '/api/merges', { into: NEW, from: OLD }).expect(200);
});
afterAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true });
  await t.driver.close();
});

/** The relationships of `type` from `from` to `to`, as the graph holds them. */
async function rels(type: string, from: string, to: string) {
  const { records } = await t.driver.executeQuery(
    `MATCH (a {id: $from})-[r:${type}]->(b {id: $to}) RETURN properties(r) AS props`,
    { from, to },
  );
  return records.map((record) => record.get('props') as Record<string, unknown>);
}

describe('GET /api/nodes/:id with a merged id', () => {
  test('answers 307 to the node it became; following it gives that node', async () => {
    const res = await request(t.app).get(`/api/nodes/${OLD}`).expect(307);
    expect(res.headers.location).toBe(`/api/nodes/${NEW}`);
    const followed = await request(t.app).get(res.headers.location!).expect(200);
    expect(followed.body).toMatchObject({ id: NEW, properties: { mergedIds: [OLD] } });
  });

  test('the neighbourhood too, its query kept', async () => {
    const res = await request(t.app).get(`/api/nodes/${OLD}/neighborhood?depth=2&limit=5`).expect(307);
    expect(res.headers.location).toBe(`/api/nodes/${NEW}/neighborhood?depth=2&limit=5`);
  });

  test('an id never merged is still a 404', async () => {
    await request(t.app).get('/api/nodes/person:nobody-at-all').expect(404);
  });
});

describe('references to a merged id', () => {
  test('the write API codes the relationship on the node it became', async () => {
    const res = await write(t.app, 'post', '/api/relationships', {
      relationship: {
        type: 'PROPOSES',
        from: OLD,
        to: 'claim:nato-open-door-policy-review',
        doc: DOC,
        ...OPEN_DOOR,
      },
    }).expect(201);
    expect(res.body.relationship).toMatchObject({ from: NEW, type: 'PROPOSES' });
    const found = await rels('PROPOSES', NEW, 'claim:nato-open-door-policy-review');
    expect(found.map((r) => r.quote)).toContain(OPEN_DOOR.quote);
    expect(await rels('PROPOSES', OLD, 'claim:nato-open-door-policy-review')).toEqual([]);
  });

  test('a YAML dataset that names the merged id loads onto the node it became', async () => {
    const file = path.join(scratch, 'old-id.yaml');
    fs.writeFileSync(
      file,
      [
        'stancegraph: 1',
        'relationships:',
        '  - type: MEMBER_OF',
        `    from: ${OLD}`,
        '    to: institution:osce-permanent-council',
      ].join('\n'),
    );
    await loadFiles(t.driver, [file]);
    expect(await rels('MEMBER_OF', NEW, 'institution:osce-permanent-council')).toHaveLength(1);
  });

  test('a bulk folder that names the merged id loads onto the node it became', async () => {
    const folder = path.join(scratch, 'bulk');
    fs.mkdirSync(folder);
    for (const section of ['documents', 'actors', 'claims', 'topics', 'events'])
      fs.writeFileSync(path.join(folder, `${section}.jsonl`), '');
    fs.writeFileSync(
      path.join(folder, 'relationships.jsonl'),
      `${JSON.stringify({ type: 'LEADS', from: OLD, to: 'institution:nato' })}\n`,
    );
    await loadFiles(t.driver, [folder]);
    expect(await rels('LEADS', NEW, 'institution:nato')).toHaveLength(1);
    expect(await rels('LEADS', OLD, 'institution:nato')).toEqual([]);
  });
});

describe('a bulk folder that defines a merged id again', () => {
  test('does not bring the merged node back: its relationships go to the node it became', async () => {
    const folder = path.join(scratch, 'bulk-defines');
    fs.mkdirSync(folder);
    for (const section of ['documents', 'claims', 'topics', 'events'])
      fs.writeFileSync(path.join(folder, `${section}.jsonl`), '');
    fs.writeFileSync(
      path.join(folder, 'actors.jsonl'),
      `${JSON.stringify({ id: OLD, name: 'Wendy Sherman' })}\n`,
    );
    fs.writeFileSync(
      path.join(folder, 'relationships.jsonl'),
      `${JSON.stringify({ type: 'MEMBER_OF', from: OLD, to: 'institution:nato' })}\n`,
    );
    const report = await loadFiles(t.driver, [folder]);
    expect(report.mergedSkipped).toEqual([{ id: OLD, into: NEW }]);
    const { records } = await t.driver.executeQuery('MATCH (n {id: $id}) RETURN count(n) AS n', { id: OLD });
    expect(Number(records[0]!.get('n'))).toBe(0);
    expect(await rels('MEMBER_OF', NEW, 'institution:nato')).toHaveLength(1);
  });
});

describe('a dataset that defines a merged id again', () => {
  test('loading the founding dataset again does not bring the merged node back, and creates nothing', async () => {
    const dir = path.join(import.meta.dirname, '..', '..', 'data', 'founding');
    const founding = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => path.join(dir, name));
    const representsBefore = await rels('REPRESENTS', NEW, 'country:united-states');
    const report = await loadFiles(t.driver, founding);
    expect(report.mergedSkipped).toEqual([{ id: OLD, into: NEW }]);
    const { records } = await t.driver.executeQuery('MATCH (n {id: $id}) RETURN count(n) AS n', { id: OLD });
    expect(Number(records[0]!.get('n'))).toBe(0);
    // The merge moved Sherman's stances to Smith: the founding dataset's are there already, and
    // nothing the graph holds changes.
    const counts = [...Object.values(report.nodes), ...Object.values(report.relationships)];
    expect(counts.reduce((sum, c) => sum + (c?.created ?? 0), 0)).toBe(0);
    expect(counts.reduce((sum, c) => sum + (c?.updated ?? 0), 0)).toBe(0);
    // Both represented the United States: Smith's own affiliation stayed hers in the merge, and
    // Sherman's, pointed at Smith by the reload, does not overwrite it.
    expect(representsBefore).toHaveLength(1);
    expect(representsBefore[0]!.quote).toMatch(/Julianne Smith/);
    expect(await rels('REPRESENTS', NEW, 'country:united-states')).toEqual(representsBefore);
    // Smith keeps the merged id and Sherman's name, so the next reload skips Sherman again.
    const smith = await request(t.app).get(`/api/nodes/${NEW}`).expect(200);
    expect(smith.body.properties).toMatchObject({
      mergedIds: [OLD],
      aliases: expect.arrayContaining(['Wendy Sherman']),
    });
    expect((await loadFiles(t.driver, founding)).mergedSkipped).toEqual([{ id: OLD, into: NEW }]);
  });
});
