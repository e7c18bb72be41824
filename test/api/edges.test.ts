// Graph views bounded by what the canvas draws: parallel relationships of one type between two
// nodes travel as one edge with their count and first and last date, and GET /api/edges pages
// through them with their quotes. On a synthetic dataset, where busy actors repeat positions.
// The edges among a neighbourhood's nodes are read type by type from the side with fewer of them
// (server/graph/subgraph.ts subgraphEdgeRecords); what comes out is checked against plain Cypher.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generate } from '../../scripts/generate.ts';
import { edgePageSchema, wireGraphSchema } from '../../model/api.ts';
import { loadFiles } from '../../server/dataset/load.ts';
import { DENSE_DEGREE } from '../../server/graph/subgraph.ts';
import { STANCE_TYPES } from '../../server/api/stances.ts';
import { resetGraph } from '../_neo4j.ts';
import { conforms, testApp, type TestApp } from './_app.ts';

let t: TestApp;
let scratch: string;
/** The actor with the most stances. */
let busiest: string;

beforeAll(async () => {
  t = testApp();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-edges-'));
  await generate({ stances: 3000, seed: 5, out: scratch });
  await resetGraph(t.driver);
  await loadFiles(t.driver, [scratch]);
  const { records } = await t.driver.executeQuery(
    'MATCH (a:Actor) RETURN a.id AS id ORDER BY COUNT { (a)-->(:Claim) } DESC, a.id LIMIT 1',
  );
  busiest = records[0]!.get('id') as string;
});

afterAll(async () => {
  await t.driver.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const get = (url: string) => request(t.app).get(url);

async function page(edge: { source: string; target: string; type: string }, offset: number, limit: number) {
  const query = new URLSearchParams({ ...edge, offset: String(offset), limit: String(limit) });
  return conforms(edgePageSchema, (await get(`/api/edges?${query}`).expect(200)).body);
}

interface Filters {
  types: string[] | null;
  from: string | null;
  to: string | null;
}

/** The edges among these nodes as plain Cypher counts them: relationships per (source, type, target). */
async function plainEdges(ids: string[], filters: Filters): Promise<Map<string, number>> {
  const { records } = await t.driver.executeQuery(
    `MATCH (a)-[r]->(b) WHERE a.id IN $ids AND b.id IN $ids
       AND ($types IS NULL OR type(r) IN $types)
       AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
       AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
     RETURN a.id + '|' + type(r) + '|' + b.id AS key, count(r) AS n`,
    { ids, ...filters },
  );
  return new Map(records.map((r) => [r.get('key') as string, r.get('n').toNumber() as number]));
}

/** A neighbourhood whose edgesTotal, omittedEdges and every edge sent agree with plain Cypher. */
async function exactNeighbourhood(id: string, limit: number, filters: Filters) {
  const params = new URLSearchParams({ limit: String(limit) });
  if (filters.types) params.set('types', filters.types.join(','));
  for (const end of ['from', 'to'] as const) if (filters[end] !== null) params.set(end, filters[end]);
  const graph = conforms(
    wireGraphSchema,
    (await get(`/api/nodes/${id}/neighborhood?${params}`).expect(200)).body,
  );
  const plain = await plainEdges(
    graph.nodes.map((n) => n.key),
    filters,
  );
  expect(graph.attributes).toMatchObject({
    edgesTotal: plain.size,
    omittedEdges: plain.size - graph.edges.length,
  });
  for (const edge of graph.edges)
    expect(edge.attributes.count, edge.key).toBe(
      plain.get(`${edge.source}|${edge.attributes.type}|${edge.target}`),
    );
  return { graph, plain };
}

describe('graph views and GET /api/edges', () => {
  test('a neighbourhood sends one edge per pair and type, with the count, and no quote', async () => {
    const res = await get(`/api/nodes/${busiest}/neighborhood?limit=1000`).expect(200);
    const graph = conforms(wireGraphSchema, res.body);
    const keys = graph.edges.map((e) => `${e.source}|${e.attributes.type}|${e.target}`);
    expect(new Set(keys).size).toBe(keys.length);
    const { records } = await t.driver.executeQuery(
      'MATCH (a:Actor {id: $id})-[r]->(c:Claim) RETURN c.id AS claim, type(r) AS type, count(r) AS n',
      { id: busiest },
    );
    const parallel = records.filter((r) => r.get('n').toNumber() > 1);
    expect(parallel.length).toBeGreaterThan(0);
    for (const record of parallel) {
      const edge = graph.edges.find(
        (e) =>
          e.source === busiest &&
          e.target === record.get('claim') &&
          e.attributes.type === record.get('type'),
      );
      expect(edge?.attributes.count).toBe(record.get('n').toNumber());
      expect(String(edge?.attributes.first) <= String(edge?.attributes.last)).toBe(true);
    }
    expect(JSON.stringify(graph)).not.toContain('"quote"');
  });

  test("says exactly how many edges a hub's neighbourhood has, though it sends only some", async () => {
    const { graph, plain } = await exactNeighbourhood(busiest, 100, { types: null, from: null, to: null });
    expect(graph.nodes).toHaveLength(101);
    expect(graph.attributes.omittedEdges).toBeGreaterThan(0);
    expect(plain.size).toBeGreaterThan(graph.edges.length);
  });

  test("reads a claim's stances where they arrive when its actors have more of their own, with the same edges", async () => {
    const { records } = await t.driver.executeQuery(
      `MATCH (c:Claim) WITH c, COUNT { (c)<-[r]-() WHERE type(r) IN $stances } AS stances
       ORDER BY stances DESC, c.id LIMIT 1
       RETURN c.id AS id, stances, COUNT { (c)--() } AS degree`,
      { stances: STANCE_TYPES },
    );
    const claim = records[0]!.get('id') as string;
    // Five of its actors: the stances of the others arrive at the claim too, and are left out.
    const { graph, plain } = await exactNeighbourhood(claim, 5, {
      types: STANCE_TYPES,
      from: '2019-06-01',
      to: '2023-12-31',
    });
    expect(graph.attributes).toMatchObject({ omittedEdges: 0 });
    expect(
      new Map(graph.edges.map((e) => [`${e.source}|${e.attributes.type}|${e.target}`, e.attributes.count])),
    ).toEqual(plain);
    // The claim is dense and receives fewer stances than its dense actors send: the incoming side is read.
    expect(records[0]!.get('degree').toNumber()).toBeGreaterThanOrEqual(DENSE_DEGREE);
    const sent = await t.driver.executeQuery(
      `MATCH (a:Actor) WHERE a.id IN $ids AND COUNT { (a)--() } >= $dense
       RETURN sum(COUNT { (a)-[r]->() WHERE type(r) IN $stances }) AS n`,
      { ids: graph.nodes.map((n) => n.key), dense: DENSE_DEGREE, stances: STANCE_TYPES },
    );
    expect(sent.records[0]!.get('n').toNumber()).toBeGreaterThan(records[0]!.get('stances').toNumber());
    expect(graph.nodes).toHaveLength(6);
    expect(plain.size).toBeGreaterThan(5);
  });

  test('pages through the relationships behind an edge, earliest first, each with its quote and source', async () => {
    const { records } = await t.driver.executeQuery(
      'MATCH (a:Actor {id: $id})-[r]->(c:Claim) WITH c, type(r) AS type, count(r) AS n ORDER BY n DESC, c.id LIMIT 1 RETURN c.id AS claim, type, n',
      { id: busiest },
    );
    const edge = {
      source: busiest,
      type: records[0]!.get('type') as string,
      target: records[0]!.get('claim') as string,
    };
    const count = records[0]!.get('n').toNumber() as number;
    expect(count).toBeGreaterThan(2);

    const seen: string[] = [];
    const dates: string[] = [];
    for (let offset = 0; offset < count; offset += 2) {
      const body = await page(edge, offset, 2);
      expect(body.total).toBe(count);
      expect(body.relationships.length).toBe(Math.min(2, count - offset));
      for (const rel of body.relationships) {
        expect(rel.type).toBe(edge.type);
        expect(rel.properties.quote).toEqual(expect.any(String));
        expect(rel.source?.id).toBe(rel.properties.doc);
        expect(rel.source).not.toHaveProperty('text');
        seen.push(`${rel.properties.doc}|${rel.properties.start}`);
        dates.push(String(rel.properties.date));
      }
    }
    expect(new Set(seen).size).toBe(count);
    expect(dates).toEqual([...dates].sort());
    expect((await page(edge, count, 2)).relationships).toEqual([]);
  });

  test('keeps to a window, and answers bad parameters with a 400 that says where', async () => {
    const { records } = await t.driver.executeQuery(
      'MATCH (a:Actor {id: $id})-[r]->(c:Claim) WITH c, type(r) AS type, collect(r.date) AS dates ORDER BY size(dates) DESC, c.id LIMIT 1 RETURN c.id AS claim, type, dates',
      { id: busiest },
    );
    const edge = {
      source: busiest,
      type: records[0]!.get('type') as string,
      target: records[0]!.get('claim') as string,
    };
    const first = (records[0]!.get('dates') as { toString(): string }[]).map(String).sort()[0]!;
    const query = new URLSearchParams({ ...edge, from: first, to: first });
    const body = conforms(edgePageSchema, (await get(`/api/edges?${query}`).expect(200)).body);
    expect(body.total).toBeGreaterThan(0);
    expect(body.relationships.every((rel) => rel.properties.date === first)).toBe(true);

    for (const [params, pointer] of [
      [{ ...edge, type: 'LIKES' }, '/query/type'],
      [{ ...edge, limit: '0' }, '/query/limit'],
      [{ source: busiest, type: edge.type }, '/query/target'],
    ] as const) {
      const res = await get(`/api/edges?${new URLSearchParams(params)}`).expect(400);
      expect(JSON.stringify(res.body.errors)).toContain(pointer);
    }
  });
});
