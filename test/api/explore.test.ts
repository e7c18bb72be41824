// The exploration endpoints against the founding dataset: health, search, node details,
// neighbourhoods and the overview, with their bad-input answers.

import type { Driver } from 'neo4j-driver';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { healthSchema, nodeDetailsSchema, searchResultSchema, wireGraphSchema } from '../../model/api.ts';
import { graphChecksum } from '../_neo4j.ts';
import { conforms, foundingApp, type TestApp } from './_app.ts';

let t: TestApp;
let driver: Driver;
const NON_EXPANSION = 'claim:nato-non-expansion-guarantee';

beforeAll(async () => {
  t = await foundingApp();
  driver = t.driver;
});

afterAll(async () => {
  await driver.close();
});

const get = (url: string) => request(t.app).get(url);
const ids = (graph: { nodes: { key: string }[] }) => graph.nodes.map((n) => n.key).sort();

describe('GET /api/health', () => {
  test('says the server is up and which Neo4j answers', async () => {
    const res = await get('/api/health').expect(200);
    const health = conforms(healthSchema, res.body);
    expect(health.neo4j.version).toMatch(/^5\.26\./);
    expect(health.neo4j.reachable).toBe(true);
  });
});

describe('GET /api/search', () => {
  test.each([
    ['a prefix', 'ryab', 'person:sergei-ryabkov'],
    ['a misspelt name', 'Juliana Smith', 'person:julianne-smith'],
    ['the right name', 'Julianne Smith', 'person:julianne-smith'],
    ['a fuzzy word', 'Stoltenburg', 'person:jens-stoltenberg'],
    ['an alias', 'Moscow', 'country:russia'],
    ['words of a claim', 'legal guarantees expand', NON_EXPANSION],
  ])('finds %s first (%s)', async (_what, q, expected) => {
    const res = await get(`/api/search?q=${encodeURIComponent(q)}`).expect(200);
    const body = conforms(searchResultSchema, res.body);
    expect(body.results[0]?.id).toBe(expected);
  });

  test('keeps only the kinds asked for, with labels people read', async () => {
    const res = await get('/api/search?q=nato&kinds=claim,Topic&limit=50').expect(200);
    const { results } = conforms(searchResultSchema, res.body);
    expect(results.length).toBeGreaterThan(3);
    expect(new Set(results.map((r) => r.kind))).toEqual(new Set(['Claim', 'Topic']));
    expect(results.map((r) => r.label)).toContain('NATO enlargement');
  });

  test('ranks results best first and honours the limit', async () => {
    const res = await get('/api/search?q=nato&limit=3').expect(200);
    const { results } = conforms(searchResultSchema, res.body);
    expect(results).toHaveLength(3);
    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((a, b) => b - a));
  });

  test.each([
    '") OR 1=1 //',
    "'}) MATCH (n) DETACH DELETE n //",
    'name:* OR text:*',
    '*:*',
    'AND OR NOT && || ! ( ) { } [ ] ^ " ~ * ? : \\ /',
    '$(q) ${q} `x`',
  ])('treats %j as words to search for, never as a query', async (q) => {
    const before = await graphChecksum(driver);
    const res = await get(`/api/search?q=${encodeURIComponent(q)}`).expect(200);
    const body = conforms(searchResultSchema, res.body);
    expect(body.words.every((word) => /^[\p{L}\p{N}]+$/u.test(word))).toBe(true);
    expect(await graphChecksum(driver)).toBe(before);
  });

  test("finds nothing, rather than everything, for Lucene's match-all", async () => {
    const res = await get(`/api/search?q=${encodeURIComponent('*:*')}`).expect(200);
    expect(res.body).toMatchObject({ words: [], results: [] });
  });

  test.each([
    ['/api/search', '/query/q'],
    ['/api/search?q=%20%20', '/query/q'],
    ['/api/search?q=x&limit=0', '/query/limit'],
    ['/api/search?q=x&limit=many', '/query/limit'],
    ['/api/search?q=x&kinds=Document', '/query/kinds'],
    ['/api/search?q=x&kinds=Robot', '/query/kinds/0'],
    ['/api/search?q=x&sort=name', '/query/sort'],
  ])('answers %s with a 400 that points at %s', async (url, pointer) => {
    const res = await get(url)
      .expect(400)
      .expect('content-type', /application\/problem\+json/);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });
});

describe('GET /api/nodes/:id', () => {
  test('gives a node with its properties and what it is connected to', async () => {
    const res = await get('/api/nodes/person:julianne-smith').expect(200);
    const node = conforms(nodeDetailsSchema, res.body);
    expect(node).toMatchObject({ id: 'person:julianne-smith', kind: 'Person', label: 'Julianne Smith' });
    expect(node.properties.aliases).toEqual(['Juliana Smith', 'Smith']);
    expect(node.relationships).toContainEqual({ type: 'REJECTS', direction: 'out', count: 3 });
    expect(node.degree).toBe(node.relationships.reduce((sum, r) => sum + r.count, 0));
  });

  test('gives a document with its full text and its date as YYYY-MM-DD', async () => {
    const res = await get('/api/nodes/document%3A2022-01-11-us-nato-envoy-on-russia-talks').expect(200);
    expect(res.body.properties.published).toBe('2022-01-11');
    expect(res.body.properties.text).toContain('open door policy');
  });

  test('answers an unknown id with 404 and a malformed one with 400', async () => {
    const missing = await get('/api/nodes/person:nobody').expect(404);
    expect(missing.body).toMatchObject({ status: 404, errors: [{ pointer: '/params/id' }] });
    const malformed = await get(`/api/nodes/${encodeURIComponent("x' OR 1=1")}`).expect(400);
    expect(malformed.body.errors[0].pointer).toBe('/params/id');
  });
});

describe('GET /api/nodes/:id/neighborhood', () => {
  test('gives the node and its direct neighbours with the relationships among them', async () => {
    const res = await get(`/api/nodes/${NON_EXPANSION}/neighborhood`).expect(200);
    const graph = conforms(wireGraphSchema, res.body);
    expect(ids(graph)).toEqual(
      expect.arrayContaining([
        NON_EXPANSION,
        'person:sergei-ryabkov',
        'person:julianne-smith',
        'person:wendy-sherman',
      ]),
    );
    const stance = graph.edges.find((e) => e.source === 'person:wendy-sherman' && e.target === NON_EXPANSION);
    expect(stance?.attributes).toMatchObject({
      type: 'REJECTS',
      family: 'stance',
      polarity: -1,
      date: '2022-01-11',
      count: 1,
      first: '2022-01-11',
      last: '2022-01-11',
    });
    // Quotes come on demand (GET /api/edges), not with the graph.
    expect(stance?.attributes.quote).toBeUndefined();
    const document = graph.nodes.find((n) => n.attributes.kind === 'Document');
    expect(document?.attributes.text).toBeUndefined();
    expect(graph.attributes).toMatchObject({ center: NON_EXPANSION, depth: 1, truncated: false, omitted: 0 });
    // Few enough edges among these nodes to send them all.
    expect(graph.attributes).toMatchObject({ edgesTotal: graph.edges.length, omittedEdges: 0 });
  });

  test('follows only the kinds and types asked for', async () => {
    const res = await get(`/api/nodes/${NON_EXPANSION}/neighborhood?kinds=Person&types=REJECTS`).expect(200);
    const graph = conforms(wireGraphSchema, res.body);
    expect(ids(graph)).toEqual([NON_EXPANSION, 'person:julianne-smith', 'person:wendy-sherman'].sort());
    expect(new Set(graph.edges.map((e) => e.attributes.type))).toEqual(new Set(['REJECTS']));
  });

  test('reaches further with depth', async () => {
    const one = conforms(
      wireGraphSchema,
      (await get('/api/nodes/person:wendy-sherman/neighborhood?kinds=Person,Claim').expect(200)).body,
    );
    const two = conforms(
      wireGraphSchema,
      (await get('/api/nodes/person:wendy-sherman/neighborhood?kinds=Person,Claim&depth=2').expect(200)).body,
    );
    expect(ids(one)).not.toContain('person:sergei-ryabkov');
    expect(ids(two)).toContain('person:sergei-ryabkov');
  });

  test('leaves out relationships dated outside the window, keeping undated ones', async () => {
    const res = await get(`/api/nodes/${NON_EXPANSION}/neighborhood?to=2021-12-31`).expect(200);
    const graph = conforms(wireGraphSchema, res.body);
    expect(graph.edges.filter((e) => e.attributes.family === 'stance')).toEqual([]);
    expect(graph.edges.some((e) => e.attributes.type === 'ABOUT')).toBe(true);
  });

  test('says what the limit left out, keeping the most connected', async () => {
    const res = await get(`/api/nodes/${NON_EXPANSION}/neighborhood?kinds=Person,Country&limit=2`).expect(
      200,
    );
    const graph = conforms(wireGraphSchema, res.body);
    expect(graph.nodes).toHaveLength(3);
    expect(graph.attributes).toMatchObject({ truncated: true, omitted: 4 });
    expect(ids(graph)).toContain('person:julianne-smith');
  });

  test.each([
    ['depth=4', '/query/depth'],
    ['depth=0', '/query/depth'],
    ['types=LIKES', '/query/types/0'],
    ['from=2022-02-30', '/query/from'],
    ['from=2022-02-01&to=2022-01-01', '/query/to'],
    ['limit=-1', '/query/limit'],
  ])('answers %s with a 400 that points at %s', async (query, pointer) => {
    const res = await get(`/api/nodes/${NON_EXPANSION}/neighborhood?${query}`).expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  test('answers an unknown centre with 404', async () => {
    await get('/api/nodes/claim:nothing-at-all/neighborhood').expect(404);
  });
});

describe('GET /api/graph', () => {
  test('gives the whole graph but documents when it fits', async () => {
    const res = await get('/api/graph').expect(200);
    const graph = conforms(wireGraphSchema, res.body);
    expect(graph.nodes).toHaveLength(42); // 14 actors, 16 claims, 9 topics, 3 events
    expect(graph.nodes.some((n) => n.attributes.kind === 'Document')).toBe(false);
    expect(graph.attributes).toMatchObject({ truncated: false, total: 42 });
    expect(graph.edges.length).toBeGreaterThan(50);
  });

  test('keeps the most connected nodes first when it must cut', async () => {
    const res = await get('/api/graph?limit=3&types=DEMANDS,REJECTS,PROPOSES,COMMITS_TO,SUPPORTS').expect(
      200,
    );
    const graph = conforms(wireGraphSchema, res.body);
    expect(graph.attributes).toMatchObject({ truncated: true, limit: 3 });
    expect(ids(graph)).toEqual([
      'claim:nato-non-expansion-guarantee',
      'person:julianne-smith',
      'person:sergei-ryabkov',
    ]);
  });

  test('with a type filter, drops nodes without such relationships', async () => {
    const res = await get('/api/graph?types=WARNS').expect(200);
    const graph = conforms(wireGraphSchema, res.body);
    expect(graph.edges.map((e) => e.attributes.type)).toEqual(['WARNS']);
    expect(graph.nodes).toHaveLength(2);
  });

  test.each(['kinds=', 'limit=10001', 'types=DEMANDS&types=nope', 'from=yesterday'])(
    'answers %s with a 400',
    async (query) => {
      const res = await get(`/api/graph?${query}`).expect(400);
      expect(res.body.type).toBe('/problems/invalid-request');
    },
  );
});
