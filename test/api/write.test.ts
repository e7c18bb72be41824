// The write API against the real Neo4j: coding a stance, editing, deleting, accepting and rejecting
// suggestions, merging, undoing; at least 20 bad writes, each answered with the field at fault and
// the graph unchanged; idempotent retries; writes without the token or from elsewhere refused.

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/app.ts';
import { loadOrCreateToken, SESSION_COOKIE, writerFor } from '../../server/write/auth.ts';
import { testConfig } from '../_neo4j.ts';
import { withoutRejected } from '../../server/write/rejections.ts';
import { graphChecksum } from '../_neo4j.ts';
import { datasetFingerprint, DOC, span, TOKEN, write, writeApp, type WriteApp } from './_write.ts';

let t: WriteApp;
beforeAll(async () => {
  t = await writeApp();
});
afterAll(async () => {
  await t.driver.close();
});

const BUILDUP = span('will discuss the buildup of Russia’s military presence on the border with Ukraine');
const newStance = (overrides: Record<string, unknown> = {}) => ({
  relationship: {
    type: 'PROPOSES',
    from: 'institution:osce-permanent-council',
    to: 'claim:discuss-russian-buildup',
    doc: DOC,
    ...BUILDUP,
    ...overrides,
  },
  claims: [
    {
      id: 'claim:discuss-russian-buildup',
      text: 'The OSCE should discuss Russia’s military buildup near Ukraine',
    },
  ],
});

async function coding() {
  const res = await request(t.app).get(`/api/documents/${DOC}/coding`).expect(200);
  return res.body as {
    document: { text: string };
    spans: {
      ref: string;
      quote: string;
      start: number;
      end: number;
      status: string;
      method: string;
      type: string;
      from: string;
      to: string;
      confidence: number;
    }[];
  };
}

describe('coding through the write API', () => {
  test('codes a stance with a new claim at exact offsets; the document, the graph and the log show it', async () => {
    const res = await write(t.app, 'post', '/api/relationships', newStance()).expect(201);
    expect(res.body.ref).toEqual(expect.any(String));
    expect(res.body.change).toEqual(expect.any(String));

    const { document, spans } = await coding();
    const coded = spans.find((s) => s.ref === res.body.ref)!;
    expect(coded).toMatchObject({
      quote: BUILDUP.quote,
      start: BUILDUP.start,
      method: 'manual',
      status: 'accepted',
    });
    expect(document.text.slice(coded.start, coded.end)).toBe(BUILDUP.quote);

    const neighborhood = await request(t.app)
      .get('/api/nodes/claim:discuss-russian-buildup/neighborhood')
      .expect(200);
    const edge = (
      neighborhood.body.edges as {
        source: string;
        target: string;
        attributes: { type: string; count?: number };
      }[]
    ).find((e) => e.attributes.type === 'PROPOSES');
    expect(edge?.attributes.count).toBe(1);
    // Graph views carry one edge per (source, type, target); its relationships, quotes included, page here.
    const page = await request(t.app)
      .get('/api/edges')
      .query({ source: edge!.source, type: 'PROPOSES', target: edge!.target })
      .expect(200);
    expect(page.body.relationships[0].properties.quote).toBe(BUILDUP.quote);

    const changes = await request(t.app).get('/api/changes').expect(200);
    expect(changes.body.changes[0]).toMatchObject({
      id: res.body.change,
      who: 'token',
      action: 'create-relationship',
    });
    expect(changes.body.changes[0].after.relationships[0].props.quote).toBe(BUILDUP.quote);
  });

  test('moves a span and changes a field (it becomes manual coding), then deletes it; undo brings it back', async () => {
    const { spans } = await coding();
    const ref = spans.find((s) => s.to === 'claim:discuss-russian-buildup')!.ref;
    const moved = span('discuss the buildup of Russia’s military presence');
    const edited = await write(t.app, 'patch', `/api/relationships/${ref}`, {
      ...moved,
      modality: 'future',
    }).expect(200);
    const after = (await coding()).spans.find((s) => s.ref === edited.body.ref)!;
    expect(after).toMatchObject({ quote: moved.quote, start: moved.start, method: 'manual' });
    expect((await coding()).spans.some((s) => s.ref === ref)).toBe(false);

    const before = await datasetFingerprint(t.driver);
    const deleted = await write(t.app, 'delete', `/api/relationships/${edited.body.ref}`).expect(200);
    expect((await coding()).spans.some((s) => s.ref === edited.body.ref)).toBe(false);
    await write(t.app, 'post', `/api/changes/${deleted.body.change}/undo`).expect(200);
    expect(await datasetFingerprint(t.driver)).toBe(before);
    // An undone change cannot be undone twice.
    await write(t.app, 'post', `/api/changes/${deleted.body.change}/undo`).expect(409);
  });
});

describe('suggestions', () => {
  const suggestion = (quote: string, confidence: number, to = 'claim:nato-non-expansion-guarantee') => ({
    relationship: {
      type: 'SUPPORTS',
      from: 'person:jens-stoltenberg',
      to,
      doc: DOC,
      ...span(quote),
      method: 'rule',
      confidence,
      status: 'suggested',
    },
  });

  test('accept keeps the machine’s method; reject removes and remembers it; bulk accept takes those above a confidence', async () => {
    const a = await write(
      t.app,
      'post',
      '/api/relationships',
      suggestion('commitment to dialogue and diplomacy', 0.6),
    ).expect(201);
    const b = await write(
      t.app,
      'post',
      '/api/relationships',
      suggestion('Similar issues will be discussed', 0.5),
    ).expect(201);
    const c = await write(
      t.app,
      'post',
      '/api/relationships',
      suggestion('On the eve of the talks', 0.9),
    ).expect(201);
    const d = await write(
      t.app,
      'post',
      '/api/relationships',
      suggestion('held a meeting with NATO Secretary General', 0.85),
    ).expect(201);
    const queue = await request(t.app)
      .get(`/api/suggestions?doc=${encodeURIComponent(DOC)}`)
      .expect(200);
    expect(queue.body.suggestions.map((s: { confidence: number }) => s.confidence)).toEqual([
      0.9, 0.85, 0.6, 0.5,
    ]);
    const list = await request(t.app).get('/api/documents').expect(200);
    expect(list.body.documents[0]).toMatchObject({ id: DOC, suggested: 4 });

    await write(t.app, 'post', `/api/suggestions/${a.body.ref}/accept`).expect(200);
    const accepted = (await coding()).spans.find((s) => s.ref === a.body.ref)!;
    expect(accepted).toMatchObject({ status: 'accepted', method: 'rule', confidence: 0.6 });

    await write(t.app, 'post', `/api/suggestions/${b.body.ref}/reject`).expect(200);
    expect((await coding()).spans.some((s) => s.ref === b.body.ref)).toBe(false);
    const { records } = await t.driver.executeQuery('MATCH (x:RejectedSuggestion) RETURN x.key AS key');
    expect(records.map((r) => r.get('key'))).toEqual([
      `${DOC}|SUPPORTS|person:jens-stoltenberg|claim:nato-non-expansion-guarantee|${span('Similar issues will be discussed').start}`,
    ]);

    // Extraction leaves out what was rejected, and only that.
    const again = ['Similar issues will be discussed', 'On the eve of the talks'].map(
      (quote) => suggestion(quote, 0.5).relationship,
    );
    const { kept, leftOut } = await withoutRejected(t.driver, again);
    expect(leftOut).toBe(1);
    expect(kept.map((rel) => rel.quote)).toEqual(['On the eve of the talks']);
    const bulk = await write(t.app, 'post', '/api/suggestions/accept', {
      doc: DOC,
      minConfidence: 0.8,
    }).expect(200);
    expect(bulk.body.accepted).toBe(2);
    const spans = (await coding()).spans;
    for (const ref of [c.body.ref, d.body.ref])
      expect(spans.find((s) => s.ref === ref)?.status).toBe('accepted');
    expect((await request(t.app).get('/api/suggestions').expect(200)).body.suggestions).toEqual([]);
  });
});

describe('merging actors', () => {
  test('unites aliases, moves relationships with their provenance, keeps the merged id; undo splits them again', async () => {
    const before = await datasetFingerprint(t.driver);
    const merged = await write(t.app, 'post', '/api/merges', {
      into: 'person:julianne-smith',
      from: 'person:wendy-sherman',
    }).expect(200);
    expect(merged.body.moved).toBeGreaterThan(0);
    // The merged id keeps resolving: to the node it became (test/api/merged-ids.test.ts).
    await request(t.app).get('/api/nodes/person:wendy-sherman').expect(307);
    const smith = await request(t.app).get('/api/nodes/person:julianne-smith').expect(200);
    expect(smith.body.properties.aliases).toContain('Wendy Sherman');
    expect(smith.body.properties.mergedIds).toEqual(['person:wendy-sherman']);
    // Sherman's stances are Smith's now, with their quotes and offsets.
    const moved = (await coding()).spans.filter((s) => s.from === 'person:julianne-smith');
    expect(moved).toContainEqual(
      expect.objectContaining({
        type: 'COMMITS_TO',
        to: 'claim:dialogue-and-diplomacy-with-russia',
        quote: 'reaffirmed [the U.S. and NATO’s] commitment to dialogue and diplomacy [with Russia]',
        start: 1005,
      }),
    );

    await write(t.app, 'post', `/api/changes/${merged.body.change}/undo`).expect(200);
    expect(await datasetFingerprint(t.driver)).toBe(before);
  });
});

describe('bad writes: the field at fault, and the graph unchanged', () => {
  const stance = (overrides: Record<string, unknown>) => newStance(overrides);
  const notRef = Buffer.from(JSON.stringify(['DEMANDS', 'person:nobody', 'claim:x', DOC, 1])).toString(
    'base64url',
  );
  const cases: {
    name: string;
    method: 'post' | 'patch' | 'delete';
    url: string | (() => Promise<string>);
    body?: unknown;
    status: number;
    pointer: string;
    says: RegExp;
  }[] = [
    {
      name: 'no body',
      method: 'post',
      url: '/api/relationships',
      status: 400,
      pointer: '/body',
      says: /expected/,
    },
    {
      name: 'unknown type',
      method: 'post',
      url: '/api/relationships',
      body: stance({ type: 'DEMAND' }),
      status: 400,
      pointer: '/body/relationship/type',
      says: /unknown relationship type "DEMAND"/,
    },
    {
      name: 'lower-case type',
      method: 'post',
      url: '/api/relationships',
      body: stance({ type: 'demands' }),
      status: 400,
      pointer: '/body/relationship/type',
      says: /UPPER_SNAKE_CASE/,
    },
    {
      name: 'malformed id',
      method: 'post',
      url: '/api/relationships',
      body: stance({ from: 'Julianne Smith' }),
      status: 400,
      pointer: '/body/relationship/from',
      says: /expected an id/,
    },
    {
      name: 'dangling speaker',
      method: 'post',
      url: '/api/relationships',
      body: stance({ from: 'person:nobody' }),
      status: 400,
      pointer: '/body/relationship/from',
      says: /dangling reference/,
    },
    {
      name: 'wrong endpoint kind',
      method: 'post',
      url: '/api/relationships',
      body: stance({ type: 'DEMANDS', to: 'person:sergei-ryabkov' }),
      status: 400,
      pointer: '/body/relationship/to',
      says: /goes from an Actor to a Claim/,
    },
    {
      name: 'quote not at its offsets',
      method: 'post',
      url: '/api/relationships',
      body: stance({ start: BUILDUP.start + 1, end: BUILDUP.end + 1 }),
      status: 400,
      pointer: '/body/relationship/quote',
      says: /text\.slice\(start, end\) === quote/,
    },
    {
      name: 'quote not in the text',
      method: 'post',
      url: '/api/relationships',
      body: stance({ quote: 'words nobody said', start: undefined, end: undefined }),
      status: 400,
      pointer: '/body/relationship/quote',
      says: /quote not found/,
    },
    {
      name: 'start after end',
      method: 'post',
      url: '/api/relationships',
      body: stance({ start: 20, end: 10 }),
      status: 400,
      pointer: '/body/relationship/end',
      says: /start` < `end/,
    },
    {
      name: 'start without end',
      method: 'post',
      url: '/api/relationships',
      body: stance({ end: undefined }),
      status: 400,
      pointer: '/body/relationship/start',
      says: /both `start` and `end`/,
    },
    {
      name: 'negative offset',
      method: 'post',
      url: '/api/relationships',
      body: stance({ start: -1 }),
      status: 400,
      pointer: '/body/relationship/start',
      says: /offset ≥ 0/,
    },
    {
      name: 'unknown document',
      method: 'post',
      url: '/api/relationships',
      body: stance({ doc: 'document:nowhere' }),
      status: 400,
      pointer: '/body/relationship/doc',
      says: /no document "document:nowhere"/,
    },
    {
      name: 'confidence above 1',
      method: 'post',
      url: '/api/relationships',
      body: stance({ confidence: 2 }),
      status: 400,
      pointer: '/body/relationship/confidence',
      says: /0\.\.1/,
    },
    {
      name: 'unknown modality',
      method: 'post',
      url: '/api/relationships',
      body: stance({ modality: 'maybe' }),
      status: 400,
      pointer: '/body/relationship/modality',
      says: /asserted/,
    },
    {
      name: 'impossible date',
      method: 'post',
      url: '/api/relationships',
      body: stance({ date: '2022-02-30' }),
      status: 400,
      pointer: '/body/relationship/date',
      says: /real calendar date/,
    },
    {
      name: 'unknown field',
      method: 'post',
      url: '/api/relationships',
      body: stance({ colour: 'red' }),
      status: 400,
      pointer: '/body/relationship/colour',
      says: /unknown field "colour"/,
    },
    {
      name: 'dangling onBehalfOf',
      method: 'post',
      url: '/api/relationships',
      body: stance({ onBehalfOf: 'country:atlantis' }),
      status: 400,
      pointer: '/body/relationship/onBehalfOf',
      says: /no actor "country:atlantis"/,
    },
    {
      name: 'new actor with an id in use',
      method: 'post',
      url: '/api/relationships',
      body: {
        ...stance({ from: 'person:julianne-smith' }),
        actors: [{ id: 'person:julianne-smith', name: 'Someone else' }],
      },
      status: 400,
      pointer: '/body/actors/0/id',
      says: /already in the graph/,
    },
    {
      name: 'new claim without text',
      method: 'post',
      url: '/api/relationships',
      body: { ...stance({}), claims: [{ id: 'claim:discuss-russian-buildup-2' }] },
      status: 400,
      pointer: '/body/claims/0/text',
      says: /expected string/,
    },
    {
      name: 'a stance coded already',
      method: 'post',
      url: '/api/relationships',
      body: {
        relationship: {
          type: 'DEMANDS',
          from: 'country:russia',
          to: 'claim:security-guarantees-for-russia',
          doc: DOC,
          ...span('Moscow’s demands for security guarantees from the West'),
        },
      },
      status: 409,
      pointer: '/body/relationship/start',
      says: /coded already/,
    },
    {
      name: 'edit: not a ref',
      method: 'patch',
      url: '/api/relationships/not-a-ref',
      body: { modality: 'future' },
      status: 400,
      pointer: '/params/ref',
      says: /not a relationship ref/,
    },
    {
      name: 'edit: no such relationship',
      method: 'patch',
      url: `/api/relationships/${notRef}`,
      body: { modality: 'future' },
      status: 404,
      pointer: '/params/ref',
      says: /No relationship/,
    },
    {
      name: 'edit: quote moved off its words',
      method: 'patch',
      url: async () => (await coding()).spans.find((s) => s.type === 'DEMANDS')!.ref,
      body: { start: 0, end: 5 },
      status: 400,
      pointer: '/body/quote',
      says: /text there is "Accor"/,
    },
    {
      name: 'delete: no such relationship',
      method: 'delete',
      url: `/api/relationships/${notRef}`,
      status: 404,
      pointer: '/params/ref',
      says: /No relationship/,
    },
    {
      name: 'accept: not a suggestion',
      method: 'post',
      url: async () => `${(await coding()).spans.find((s) => s.status === 'accepted')!.ref}/accept`,
      status: 409,
      pointer: '/params/ref',
      says: /not a suggestion/,
    },
    {
      name: 'document without text',
      method: 'post',
      url: '/api/documents',
      body: { title: 'A title', published: '2022-01-12', text: '' },
      status: 400,
      pointer: '/body/text',
      says: /document text/,
    },
    {
      name: 'document with a bad date',
      method: 'post',
      url: '/api/documents',
      body: { title: 'A title', published: '12 Jan 2022', text: 'Words.' },
      status: 400,
      pointer: '/body/published',
      says: /YYYY-MM-DD/,
    },
    {
      name: 'document id in use',
      method: 'post',
      url: '/api/documents',
      body: { id: DOC, title: 'Again', published: '2022-01-11', text: 'Words.' },
      status: 409,
      pointer: '/body/id',
      says: /exists already/,
    },
    {
      name: 'merge an actor with a claim',
      method: 'post',
      url: '/api/merges',
      body: { into: 'person:julianne-smith', from: 'claim:nato-open-door-policy-review' },
      status: 400,
      pointer: '/body/from',
      says: /two actors or two claims/,
    },
    {
      name: 'merge a node with itself',
      method: 'post',
      url: '/api/merges',
      body: { into: 'person:julianne-smith', from: 'person:julianne-smith' },
      status: 400,
      pointer: '/body/from',
      says: /two different nodes/,
    },
    {
      name: 'merge a missing node',
      method: 'post',
      url: '/api/merges',
      body: { into: 'person:julianne-smith', from: 'person:nobody' },
      status: 404,
      pointer: '/body/from',
      says: /No node/,
    },
    {
      name: 'undo an unknown change',
      method: 'post',
      url: '/api/changes/00000000-0000-4000-8000-000000000000/undo',
      status: 404,
      pointer: '/params/id',
      says: /No change/,
    },
  ];

  test(`${cases.length} bad writes`, async () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of cases) {
      const before = await graphChecksum(t.driver);
      const url = typeof c.url === 'string' ? c.url : await c.url();
      const full = url.startsWith('/api/')
        ? url
        : c.method === 'post'
          ? `/api/suggestions/${url}`
          : `/api/relationships/${url}`;
      const res = await write(t.app, c.method, full, c.body);
      expect(res.status, c.name).toBe(c.status);
      expect(res.headers['content-type'], c.name).toMatch(/application\/problem\+json/);
      const issue = (res.body.errors as { pointer: string; detail: string }[] | undefined)?.find(
        (e) => e.pointer === c.pointer,
      );
      expect(issue, `${c.name}: ${JSON.stringify(res.body)}`).toBeDefined();
      expect(`${issue!.detail} ${res.body.detail}`, c.name).toMatch(c.says);
      expect(await graphChecksum(t.driver), c.name).toBe(before);
    }
  });
});

describe('idempotent retries', () => {
  test('a retried write with the same Idempotency-Key writes once and answers the same; another request with the key is refused', async () => {
    const body = newStance({ type: 'SUPPORTS', to: 'claim:nato-open-door-policy-review' });
    delete (body as { claims?: unknown }).claims;
    const key = { 'Idempotency-Key': 'retry-1' };
    const first = await write(t.app, 'post', '/api/relationships', body, key).expect(201);
    const afterFirst = await graphChecksum(t.driver);
    const second = await write(t.app, 'post', '/api/relationships', body, key).expect(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await graphChecksum(t.driver)).toBe(afterFirst);
    // Two at once: one writes, the other answers the same.
    const key2 = { 'Idempotency-Key': 'retry-2' };
    const del = await Promise.all(
      Array.from({ length: 4 }, () =>
        write(t.app, 'delete', `/api/relationships/${first.body.ref}`, undefined, key2),
      ),
    );
    expect(del.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    for (const res of del) expect(res.body).toEqual(del[0]!.body);
    const { records } = await t.driver.executeQuery(
      "MATCH (c:Change {idempotencyKey: 'retry-2'}) RETURN count(c) AS n",
    );
    expect(records[0]!.get('n').toNumber()).toBe(1);
    const other = await write(t.app, 'post', '/api/relationships', newStance(), key);
    expect(other.status).toBe(422);
  });
});

describe('who may write', () => {
  test('refuses writes without the token, with a wrong one, from another origin or host; nothing changes', async () => {
    const before = await graphChecksum(t.driver);
    const body = newStance({ type: 'SUPPORTS' });
    const none = await request(t.app).post('/api/relationships').send(body);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/Bearer/);
    expect(
      (
        await request(t.app)
          .post('/api/relationships')
          .set('Authorization', 'Bearer wrong-token-000000')
          .send(body)
      ).status,
    ).toBe(401);
    expect(
      (await write(t.app, 'post', '/api/relationships', body, { Origin: 'http://evil.example' })).status,
    ).toBe(403);
    // Another Host (DNS rebinding) is turned away before any route: 421 for every request.
    expect(
      (await write(t.app, 'post', '/api/relationships', body, { Host: 'evil.example:3000' })).status,
    ).toBe(421);
    const cookie = `${SESSION_COOKIE}=${(await signIn()).value}`;
    // The session cookie without an Origin (not a browser's fetch) is refused too.
    expect((await request(t.app).post('/api/relationships').set('Cookie', cookie).send(body)).status).toBe(
      403,
    );
    expect(
      (
        await request(t.app)
          .delete('/api/relationships/x')
          .set('Cookie', cookie)
          .set('Origin', 'http://evil.example')
      ).status,
    ).toBe(403);
    expect(await graphChecksum(t.driver)).toBe(before);
  });

  test('the sign-in URL sets a session cookie with which the browser writes from its own origin', async () => {
    await request(t.app).get('/api/auth/signin?token=nope').expect(401);
    const { value } = await signIn();
    const auth = await request(t.app)
      .get('/api/auth')
      .set('Cookie', `${SESSION_COOKIE}=${value}`)
      .expect(200);
    expect(auth.body).toEqual({ writesEnabled: true, canWrite: true, via: 'session' });
    // The browser's own origin: the server as it listens.
    const server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const res = await request(origin)
      .post('/api/documents')
      .set('Cookie', `${SESSION_COOKIE}=${value}`)
      .set('Origin', origin)
      .send({ title: 'A pasted article', published: '2022-01-12', text: 'NATO rejects the demands.' });
    server.close();
    expect(res.status).toBe(201);
    expect(res.body.id).toBe('document:2022-01-12-a-pasted-article');
    const changes = await request(t.app).get('/api/changes?limit=1').expect(200);
    expect(changes.body.changes[0]).toMatchObject({ who: 'browser session', action: 'create-document' });
  });
});

describe('the token', () => {
  test('is made once at the first start, owner-only, and kept; STANCEGRAPH_TOKEN wins', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-token-'));
    const first = loadOrCreateToken(home, undefined);
    expect(first.token.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(loadOrCreateToken(home, undefined).token).toBe(first.token);
    expect(loadOrCreateToken(home, 'from-the-environment-123').token).toBe('from-the-environment-123');
    fs.rmSync(home, { recursive: true });
  });

  test('off loopback (HOST=0.0.0.0), reads need the token too; health and sign-in stay open', async () => {
    const config = testConfig({ STANCEGRAPH_REQUEST_LOG: 'off' });
    const writer = writerFor(TOKEN, '0.0.0.0');
    const open = createApp({ driver: t.driver, database: config.neo4j.database, api: config.api, writer });
    await request(open).get('/api/search?q=smith').expect(401);
    await request(open).get('/api/search?q=smith').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    await request(open).get('/api/health').expect(200);
    await request(open).get(`/api/auth/signin?token=${TOKEN}`).expect(303);
    // On loopback, reads stay open.
    const local = createApp({
      driver: t.driver,
      database: config.neo4j.database,
      api: config.api,
      writer: writerFor(TOKEN, '127.0.0.1'),
    });
    await request(local).get('/api/search?q=smith').expect(200);
  });
});

async function signIn(): Promise<{ value: string }> {
  const res = await request(t.app).get(`/api/auth/signin?token=${TOKEN}`).expect(303);
  const set = (res.headers['set-cookie'] as unknown as string[])[0]!;
  expect(set).toMatch(/HttpOnly/);
  expect(set).toMatch(/SameSite=Strict/);
  return { value: decodeURIComponent(set.split(';')[0]!.split('=')[1]!) };
}
