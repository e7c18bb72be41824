// Suggestions (relationships with status `suggested`: machine-made, not yet reviewed) through the
// API: left out of the agreement network and of the positions views unless includeSuggested=true,
// and marked as such when they are shown.

import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { positionsSchema, stancesSchema, wireGraphSchema } from '../../model/api.ts';
import { PROJECT_ROOT } from '../../server/config.ts';
import { loadFiles } from '../../server/dataset/load.ts';
import { conforms, foundingApp, type TestApp } from './_app.ts';

const SUGGESTED = path.join(PROJECT_ROOT, 'test/fixtures/valid/suggested.yaml');
const ANN = 'person:ann-example';

let t: TestApp;
beforeAll(async () => {
  t = await foundingApp();
  await loadFiles(t.driver, [SUGGESTED]);
});
afterAll(() => t.driver.close());

const get = (url: string) => request(t.app).get(url);
const hasActor = (graph: { nodes: { key: string }[] }) => graph.nodes.some((n) => n.key === ANN);

describe('suggestions', () => {
  test('stay out of the agreement network unless includeSuggested=true', async () => {
    const without = conforms(wireGraphSchema, (await get('/api/networks/agreement').expect(200)).body);
    expect(hasActor(without)).toBe(false);
    const withThem = conforms(
      wireGraphSchema,
      (await get('/api/networks/agreement?includeSuggested=true').expect(200)).body,
    );
    expect(hasActor(withThem)).toBe(true);
    const tie = withThem.edges.find(
      (e) =>
        e.attributes.type === 'CONFLICT' &&
        [e.source, e.target].includes(ANN) &&
        [e.source, e.target].includes('person:julianne-smith'),
    );
    expect(tie?.attributes.claims).toEqual(['claim:nato-non-expansion-guarantee']);
    expect(withThem.edges.length).toBeGreaterThan(without.edges.length);
  });

  test("stay out of a claim's positions and an actor's timeline unless asked for, and say they are suggested", async () => {
    const claim = '/api/claims/claim:nato-non-expansion-guarantee/positions';
    const without = conforms(positionsSchema, (await get(claim).expect(200)).body);
    expect(without.for.map((side) => side.actor.id)).not.toContain(ANN);
    for (const side of [...without.for, ...without.against])
      for (const stance of side.stances) expect(stance.status).toBe('accepted');
    const withThem = conforms(
      positionsSchema,
      (await get(`${claim}?includeSuggested=true`).expect(200)).body,
    );
    const ann = withThem.for.find((side) => side.actor.id === ANN);
    expect(ann?.stances[0]).toMatchObject({
      type: 'SUPPORTS',
      status: 'suggested',
      method: 'rule',
      confidence: 0.62,
    });

    const timeline = conforms(stancesSchema, (await get(`/api/actors/${ANN}/stances`).expect(200)).body);
    expect(timeline.stances).toEqual([]);
    const full = conforms(
      stancesSchema,
      (await get(`/api/actors/${ANN}/stances?includeSuggested=true`).expect(200)).body,
    );
    expect(full.stances.map((s) => [s.type, s.status])).toEqual([['SUPPORTS', 'suggested']]);
  });

  test('are drawn in graphs with their status', async () => {
    const res = await get(`/api/nodes/${ANN}/neighborhood`).expect(200);
    const graph = conforms(wireGraphSchema, res.body);
    const edge = graph.edges.find((e) => e.attributes.type === 'SUPPORTS');
    expect(edge?.attributes.status).toBe('suggested');
  });

  test('refuses a bad includeSuggested value, pointing at it', async () => {
    const res = await get('/api/networks/agreement?includeSuggested=yes').expect(400);
    expect(JSON.stringify(res.body)).toContain('includeSuggested');
  });
});
