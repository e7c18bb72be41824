// The derived views against the founding dataset: positions on a claim, an actor's timeline, the
// agreement/conflict network.

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packedAgreementSchema, positionsSchema, stancesSchema, wireGraphSchema } from '../../model/api.ts';
import { packedAgreementGraph, type WireGraph } from '../../model/wire.ts';
import { conforms, foundingApp, type TestApp } from './_app.ts';

let t: TestApp;
const DOCUMENT = 'document:2022-01-11-us-nato-envoy-on-russia-talks';

beforeAll(async () => {
  t = await foundingApp();
});

afterAll(async () => {
  await t.driver.close();
});

const get = (url: string) => request(t.app).get(url);

describe('GET /api/claims/:id/positions', () => {
  test('lists Ryabkov for the non-expansion guarantee and Smith and Sherman against it, with quotes, sources and dates', async () => {
    const res = await get('/api/claims/claim:nato-non-expansion-guarantee/positions').expect(200);
    const positions = conforms(positionsSchema, res.body);
    expect(positions.claim.text).toBe('NATO should give legal guarantees that it will not expand further');
    expect(positions.for.map((p) => p.actor.id)).toEqual(
      expect.arrayContaining(['person:sergei-ryabkov', 'country:russia']),
    );
    expect(positions.against.map((p) => p.actor.id).sort()).toEqual([
      'person:julianne-smith',
      'person:wendy-sherman',
    ]);

    const ryabkov = positions.for.find((p) => p.actor.id === 'person:sergei-ryabkov')!;
    expect(ryabkov.actor.label).toBe('Sergei Ryabkov');
    expect(ryabkov.stances.map((s) => s.quote)).toContain(
      'We need legal guarantees, legal guarantees not to expand NATO further',
    );
    expect(ryabkov.stances[0]).toMatchObject({
      type: 'DEMANDS',
      verb: 'demands',
      polarity: 1,
      date: '2022-01-11',
      method: 'manual',
    });
    expect(ryabkov.stances[0]!.source).toMatchObject({ id: DOCUMENT, published: '2022-01-11' });

    const sherman = positions.against.find((p) => p.actor.id === 'person:wendy-sherman')!;
    expect(sherman.stances).toEqual([
      expect.objectContaining({ type: 'REJECTS', verb: 'rejects', polarity: -1 }),
    ]);
  });

  test('names what the claim is about', async () => {
    const res = await get('/api/claims/claim:nato-non-expansion-guarantee/positions').expect(200);
    expect(res.body.claim.about.map((n: { id: string }) => n.id)).toContain('topic:nato-enlargement');
  });

  test('answers an unknown claim with 404 and an id of another kind with 400', async () => {
    await get('/api/claims/claim:no-such-claim/positions').expect(404);
    const wrongKind = await get('/api/claims/person:sergei-ryabkov/positions').expect(400);
    expect(wrongKind.body.errors[0]).toMatchObject({
      pointer: '/params/id',
      detail: expect.stringContaining('claim id'),
    });
  });
});

describe('GET /api/actors/:id/stances', () => {
  test("gives an actor's stances in date order with claims, topics and provenance", async () => {
    const res = await get('/api/actors/person:julianne-smith/stances').expect(200);
    const timeline = conforms(stancesSchema, res.body);
    expect(timeline.actor).toMatchObject({
      id: 'person:julianne-smith',
      title: 'US Permanent Representative to NATO',
    });
    expect(timeline.stances.length).toBe(10);
    const dates = timeline.stances.map((s) => s.date ?? '9999');
    expect(dates).toEqual([...dates].sort());
    const rejection = timeline.stances.find((s) => s.claim.id === 'claim:nato-open-door-policy-review')!;
    expect(rejection).toMatchObject({
      type: 'REJECTS',
      quote: expect.any(String),
      start: expect.any(Number),
      source: { id: DOCUMENT },
    });
    expect(
      timeline.stances.find((s) => s.claim.id === 'claim:nato-strengthen-eastern-flank')!.topics,
    ).toContainEqual({
      id: 'topic:eastern-flank-defence',
      name: 'Eastern flank defence',
    });
  });

  test('keeps only the stances inside the window', async () => {
    const res = await get('/api/actors/person:julianne-smith/stances?from=2022-02-01').expect(200);
    expect(conforms(stancesSchema, res.body).stances).toEqual([]);
  });

  test('answers an unknown actor with 404, a claim id with 400', async () => {
    await get('/api/actors/person:nobody/stances').expect(404);
    await get('/api/actors/claim:nato-open-door-policy-review/stances').expect(400);
  });
});

describe('GET /api/networks/agreement', () => {
  const tie = (
    graph: { edges: { source: string; target: string; attributes: Record<string, unknown> }[] },
    a: string,
    b: string,
    type: string,
  ) =>
    graph.edges.find(
      (e) => e.attributes.type === type && [e.source, e.target].sort().join() === [a, b].sort().join(),
    );

  test('ties actors who took the same side as agreement and opposite sides as conflict, weighted by claims', async () => {
    const res = await get('/api/networks/agreement').expect(200);
    const graph = conforms(wireGraphSchema, res.body);
    const conflict = tie(graph, 'person:sergei-ryabkov', 'person:julianne-smith', 'CONFLICT');
    expect(conflict?.attributes).toMatchObject({ polarity: -1, family: 'stance' });
    expect(conflict?.attributes.claims).toEqual(
      expect.arrayContaining(['claim:nato-non-expansion-guarantee', 'claim:nato-return-to-1997-frontiers']),
    );
    expect(conflict?.attributes.weight).toBe((conflict?.attributes.claims as string[]).length);
    const agreement = tie(graph, 'country:russia', 'person:sergei-ryabkov', 'AGREEMENT');
    expect(agreement?.attributes.claims).toContain('claim:nato-non-expansion-guarantee');
    expect(
      tie(graph, 'person:julianne-smith', 'person:wendy-sherman', 'AGREEMENT')?.attributes.weight,
    ).toBeGreaterThanOrEqual(1);
  });

  test('gives only conflicts when asked, on one topic', async () => {
    const res = await get('/api/networks/agreement?kind=conflict&topic=topic:nato-enlargement').expect(200);
    const graph = conforms(wireGraphSchema, res.body);
    expect(new Set(graph.edges.map((e) => e.attributes.type))).toEqual(new Set(['CONFLICT']));
    expect(graph.nodes.every((n) => ['Person', 'Institution', 'Country'].includes(n.attributes.kind))).toBe(
      true,
    );
    expect(graph.attributes).toMatchObject({ kind: 'conflict', topic: 'topic:nato-enlargement' });
  });

  test('is empty for a window without stances', async () => {
    const res = await get('/api/networks/agreement?from=2023-01-01&to=2023-12-31').expect(200);
    expect(res.body.nodes).toEqual([]);
  });

  test('packed (format=ties, what the client loads) is the same network as the graph, in fewer bytes', async () => {
    const byKey = (graph: WireGraph) => ({
      ...graph,
      edges: [...graph.edges].sort((x, y) => (x.key < y.key ? -1 : 1)),
    });
    for (const params of [
      '',
      'kind=agreement',
      'kind=conflict&topic=topic:nato-enlargement',
      'from=2022-01-11&to=2022-01-11',
    ]) {
      const graph = (await get(`/api/networks/agreement?${params}`).expect(200)).body as WireGraph;
      const res = await get(`/api/networks/agreement?${params}&format=ties`).expect(200);
      const packed = conforms(packedAgreementSchema, res.body);
      expect(graph.edges.length, params).toBeGreaterThan(0);
      expect(byKey(packedAgreementGraph(packed)), params).toEqual(byKey(graph));
      expect(res.text.length, params).toBeLessThan(JSON.stringify(graph).length);
    }
    const agreementOnly = conforms(
      packedAgreementSchema,
      (await get('/api/networks/agreement?kind=agreement&format=ties')).body,
    );
    expect(Object.keys(agreementOnly.ties)).toEqual(['AGREEMENT']);
  });

  test('with a limit, sends the edges on the most claims and says how many it left out', async () => {
    const all = conforms(wireGraphSchema, (await get('/api/networks/agreement')).body);
    const weights = all.edges.map((e) => e.attributes.weight as number).sort((x, y) => y - x);
    expect(all.attributes).toMatchObject({ edgesTotal: all.edges.length, omittedEdges: 0 });
    const limited = conforms(wireGraphSchema, (await get('/api/networks/agreement?limit=3')).body);
    expect(limited.edges).toHaveLength(3);
    expect(limited.attributes).toMatchObject({
      edgesTotal: all.edges.length,
      omittedEdges: all.edges.length - 3,
    });
    expect(limited.edges.map((e) => e.attributes.weight as number).sort((x, y) => y - x)).toEqual(
      weights.slice(0, 3),
    );
    // Each kept edge is the whole edge, and only actors with a kept edge are nodes.
    for (const edge of limited.edges) expect(all.edges).toContainEqual(edge);
    const ends = new Set(limited.edges.flatMap((e) => [e.source, e.target]));
    expect(new Set(limited.nodes.map((n) => n.key))).toEqual(ends);
    await get('/api/networks/agreement?limit=0').expect(400);
  });

  test("refuses format=ties with DNA's options (its networks are not packed)", async () => {
    const res = await get('/api/networks/agreement?format=ties&networkType=onemode').expect(400);
    expect(res.body.errors[0].pointer).toBe('/query/format');
  });

  test('answers an unknown topic with 404 and a bad kind with 400', async () => {
    const missing = await get('/api/networks/agreement?topic=topic:no-such-topic').expect(404);
    expect(missing.body.errors[0].pointer).toBe('/query/topic');
    const bad = await get('/api/networks/agreement?kind=love').expect(400);
    expect(bad.body.errors[0].pointer).toBe('/query/kind');
  });
});
