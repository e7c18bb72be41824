// Exports of the founding dataset in every format: the right download headers, GEXF valid against
// the GEXF 1.3 RELAX NG schema (viz: data present) and GraphML against its XSD, both read back by
// graphology's parsers with the same nodes, edges and attributes as the JSON export, CSV in a zip,
// provenance on every stance, and bad sources refused before the download starts.

import { MultiDirectedGraph } from 'graphology';
import gexf from 'graphology-gexf';
import graphml from 'graphology-graphml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NODE_KINDS } from '../../model/kinds.ts';
import { VOCABULARY } from '../../model/vocabulary.ts';
import { edgeKey, type WireGraph } from '../../model/wire.ts';
import { foundingApp, type TestApp } from '../api/_app.ts';
import { csvObjects, download, unzip, validateXml } from './_files.ts';

let t: TestApp;
/** The whole graph, documents included, as the JSON export gives it: what the other formats must match. */
let reference: WireGraph;
/** What the graph holds, counted in Neo4j: every export must have exactly these. */
let counts: { nodes: number; relationships: number; stances: number };
const EVERYTHING = { type: 'graph', kinds: [...NODE_KINDS] };
const PROVENANCE = ['doc', 'quote', 'start', 'end', 'date', 'method', 'confidence', 'modality'];

beforeAll(async () => {
  t = await foundingApp({ STANCEGRAPH_RATE_LIMIT: '1000' });
  const { res, text } = await download(t.app, { format: 'json', source: EVERYTHING });
  expect(res.status).toBe(200);
  reference = JSON.parse(text) as WireGraph;
  const stanceTypes = VOCABULARY.filter((row) => row.family === 'stance').map((row) => row.type);
  const { records } = await t.driver.executeQuery(
    `CALL { MATCH (n) RETURN count(n) AS nodes }
     CALL { MATCH ()-[r]->() RETURN count(r) AS relationships }
     CALL { MATCH ()-[r]->() WHERE type(r) IN $stanceTypes RETURN count(r) AS stances }
     RETURN nodes, relationships, stances`,
    { stanceTypes },
  );
  const record = records[0]!;
  counts = {
    nodes: Number(record.get('nodes')),
    relationships: Number(record.get('relationships')),
    stances: Number(record.get('stances')),
  };
  expect(counts.stances).toBeGreaterThan(0);
});

afterAll(async () => {
  await t.driver.close();
});

/** XML has no null: a null attribute (the polarity of structure relationships) is simply absent. */
const withoutNulls = (attributes: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== null));

const stanceEdges = (graph: WireGraph) => graph.edges.filter((e) => e.attributes.family === 'stance');

describe('JSON', () => {
  test('is a SerializedGraph of the whole graph with provenance on every stance', async () => {
    expect(reference.nodes).toHaveLength(counts.nodes);
    expect(reference.edges).toHaveLength(counts.relationships);
    expect(stanceEdges(reference)).toHaveLength(counts.stances);
    for (const edge of stanceEdges(reference))
      for (const key of PROVENANCE) expect(edge.attributes[key]).toBeDefined();
    const document = reference.nodes.find((n) => n.attributes.kind === 'Document')!;
    expect(document.attributes.text).toEqual(expect.stringContaining('open door policy'));
    const graph = new MultiDirectedGraph();
    graph.import(reference as never);
    expect(graph.order).toBe(counts.nodes);
  });

  test('comes as a download with its name', async () => {
    const { res } = await download(t.app, { format: 'json', source: EVERYTHING, filename: 'nato-talks' });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?nato-talks\.json"?$/);
  });
});

describe('GEXF', () => {
  let text: string;

  beforeAll(async () => {
    const result = await download(t.app, {
      format: 'gexf',
      source: EVERYTHING,
      positions: { 'person:sergei-ryabkov': { x: 12.5, y: -40 } },
    });
    expect(result.res.status).toBe(200);
    expect(result.res.headers['content-type']).toBe('application/gexf+xml; charset=utf-8');
    expect(result.res.headers['content-disposition']).toMatch(
      /^attachment; filename="?stancegraph-\d{4}-\d{2}-\d{2}\.gexf"?$/,
    );
    text = result.text;
  });

  test('is valid GEXF 1.3 with viz data (RELAX NG)', () => {
    expect(text).toContain('<viz:color');
    const { status, output } = validateXml(text, 'gexf');
    expect(output).toContain('validates');
    expect(status).toBe(0);
  });

  test('reads back with graphology-gexf: same nodes, edges and attributes, with colours, sizes and positions', () => {
    const graph = gexf.parse(MultiDirectedGraph, text);
    expect(graph.order).toBe(reference.nodes.length);
    expect(graph.size).toBe(reference.edges.length);
    for (const { key, attributes } of reference.nodes) {
      const { id: _id, ...expected } = attributes;
      const parsed = graph.getNodeAttributes(key);
      expect(parsed).toMatchObject(expected);
      expect(parsed).toMatchObject({
        color: expect.stringMatching(/^rgb\(/),
        size: expect.any(Number),
        x: expect.any(Number),
        y: expect.any(Number),
      });
    }
    for (const { key, attributes } of reference.edges)
      expect(graph.getEdgeAttributes(key)).toMatchObject(withoutNulls(attributes));
    expect(graph.getNodeAttributes('person:sergei-ryabkov')).toMatchObject({
      x: 12.5,
      y: -40,
      color: 'rgb(78,121,167)',
    });
  });

  test('dates stances as GEXF time', () => {
    expect(text).toContain('mode="dynamic" timeformat="date" timerepresentation="timestamp"');
    expect(text).toMatch(/<edge id="person:sergei-ryabkov\|DEMANDS\|[^"]+" [^>]*timestamp="2022-01-11"/);
  });
});

describe('GraphML', () => {
  let text: string;

  beforeAll(async () => {
    const result = await download(t.app, { format: 'graphml', source: EVERYTHING });
    expect(result.res.status).toBe(200);
    expect(result.res.headers['content-type']).toBe('application/graphml+xml; charset=utf-8');
    expect(result.res.headers['content-disposition']).toMatch(/\.graphml"?$/);
    text = result.text;
  });

  test('is valid GraphML (XSD)', () => {
    const { status, output } = validateXml(text, 'graphml');
    expect(output).toContain('validates');
    expect(status).toBe(0);
  });

  test('reads back with graphology-graphml: same nodes, edges and attributes (lists as JSON text)', () => {
    const graph = graphml.parse(MultiDirectedGraph, text);
    expect(graph.order).toBe(reference.nodes.length);
    expect(graph.size).toBe(reference.edges.length);
    const asGraphml = (attributes: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(attributes).map(([k, v]) => [k, Array.isArray(v) ? JSON.stringify(v) : v]),
      );
    for (const { key, attributes } of reference.nodes) {
      const { id: _id, ...expected } = attributes;
      expect(graph.getNodeAttributes(key)).toMatchObject(asGraphml(expected));
      expect(graph.getNodeAttributes(key)).toMatchObject({
        color: expect.stringMatching(/^#[0-9a-f]{6}$/),
        x: expect.any(Number),
      });
    }
    const byKey = new Map(
      graph.mapEdges(
        (_e, a, source, target) => [edgeKey(source, a.type, target, a.doc, a.start), a] as const,
      ),
    );
    expect(byKey.size).toBe(reference.edges.length);
    for (const { key, attributes } of reference.edges)
      expect(byKey.get(key)).toMatchObject(withoutNulls(attributes));
  });
});

describe('CSV', () => {
  test('is nodes.csv and edges.csv in a zip, a row per node and relationship, provenance on every stance', async () => {
    const { res, bytes } = await download(t.app, { format: 'csv', source: EVERYTHING });
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/\.zip"?$/);
    const files = unzip(bytes);
    expect([...files.keys()]).toEqual(['nodes.csv', 'edges.csv']);
    const nodes = csvObjects(files.get('nodes.csv')!.toString('utf8'));
    const edges = csvObjects(files.get('edges.csv')!.toString('utf8'));
    expect(nodes).toHaveLength(counts.nodes);
    expect(edges).toHaveLength(counts.relationships);
    const smith = nodes.find((n) => n.id === 'person:julianne-smith')!;
    expect(smith).toMatchObject({ label: 'Julianne Smith', kind: 'Person', labels: 'Actor:Person' });
    expect(JSON.parse(smith.aliases!)).toEqual(['Juliana Smith', 'Smith']);
    const document = nodes.find((n) => n.kind === 'Document')!;
    expect(document.text).toBe(
      reference.nodes.find((n) => n.attributes.kind === 'Document')!.attributes.text,
    );
    const stances = edges.filter((e) => e.family === 'stance');
    expect(stances).toHaveLength(counts.stances);
    for (const stance of stances) for (const key of PROVENANCE) expect(stance[key]).not.toBe('');
    expect(
      stances.find(
        (e) => e.source === 'person:wendy-sherman' && e.target === 'claim:nato-non-expansion-guarantee',
      ),
    ).toMatchObject({
      relationship: 'REJECTS',
      polarity: '-1',
      date: '2022-01-11',
    });
  });
});

describe('sources', () => {
  test('exports the neighbourhood of ids to a depth', async () => {
    const { res, text } = await download(t.app, {
      format: 'json',
      source: {
        type: 'ids',
        ids: ['claim:nato-non-expansion-guarantee'],
        depth: 1,
        kinds: ['Person', 'Claim'],
      },
    });
    expect(res.status).toBe(200);
    const graph = JSON.parse(text) as WireGraph;
    expect(graph.nodes.map((n) => n.key).sort()).toEqual([
      'claim:nato-non-expansion-guarantee',
      'person:julianne-smith',
      'person:sergei-ryabkov',
      'person:wendy-sherman',
    ]);
    expect(graph.edges.every((e) => e.attributes.family === 'stance')).toBe(true);
  });

  test("exports what a read-only query returns, relationships' endpoints included", async () => {
    const { res, text } = await download(t.app, {
      format: 'json',
      source: {
        type: 'query',
        query: 'MATCH ()-[r:REJECTS]->(c:Claim {id: $id}) RETURN r',
        params: { id: 'claim:nato-non-expansion-guarantee' },
      },
    });
    expect(res.status).toBe(200);
    const graph = JSON.parse(text) as WireGraph;
    expect(graph.edges).toHaveLength(2);
    expect(graph.nodes).toHaveLength(3);
  });

  test('exports each node and relationship of a query once, however often and deep the result names them', async () => {
    // Every relationship comes back once per node of the graph (43 times), in a path, in a list and
    // in a map; the export must still be the whole graph, once.
    const { res, text } = await download(t.app, {
      format: 'json',
      source: {
        type: 'query',
        query: 'MATCH p = ()-[r]->(), (x) RETURN p, [x] AS xs, {r: [r]} AS m',
        params: {},
      },
    });
    expect(res.status).toBe(200);
    const graph = JSON.parse(text) as WireGraph;
    expect(graph.nodes.map((n) => n.key).sort()).toEqual(reference.nodes.map((n) => n.key).sort());
    expect(graph.edges.map((e) => e.key).sort()).toEqual(reference.edges.map((e) => e.key).sort());
    expect(graph.edges).toEqual(expect.arrayContaining(reference.edges));
  });

  // Every stance of the founding dataset is dated 2022-01-11; ABOUT is undated and passes any window.
  test.each([
    { from: '2022-01-11', to: '2022-01-11', kept: ['ABOUT', 'DEMANDS', 'REJECTS'] },
    { from: '2022-01-12', to: undefined, kept: ['ABOUT'] },
  ])(
    'exports exactly the relationships of the kept types dated from $from to $to, and their endpoints',
    async ({ from, to, kept }) => {
      const types = ['DEMANDS', 'REJECTS', 'ABOUT'];
      const { text } = await download(t.app, {
        format: 'json',
        source: { type: 'graph', kinds: [...NODE_KINDS], types, from, to },
      });
      const graph = JSON.parse(text) as WireGraph;
      const date = (e: WireGraph['edges'][number]) => e.attributes.date as string | undefined;
      const edges = reference.edges.filter(
        (e) =>
          types.includes(e.attributes.type as string) &&
          (!date(e) || (date(e)! >= from && (to === undefined || date(e)! <= to))),
      );
      expect([...new Set(edges.map((e) => e.attributes.type))].sort()).toEqual(kept);
      expect(graph.edges.map((e) => e.key).sort()).toEqual(edges.map((e) => e.key).sort());
      const endpoints = new Set(edges.flatMap((e) => [e.source, e.target]));
      expect(graph.nodes.map((n) => n.key).sort()).toEqual([...endpoints].sort());
    },
  );

  test('exports the most connected nodes of the overview filters', async () => {
    const { text } = await download(t.app, {
      format: 'json',
      source: { type: 'graph', types: ['DEMANDS', 'REJECTS'], limit: 3 },
    });
    expect((JSON.parse(text) as WireGraph).nodes).toHaveLength(3);
  });

  test.each([
    [{ type: 'query', query: 'MATCH (n) DETACH DELETE n' }, 403, '/problems/read-only'],
    [{ type: 'query', query: 'MATCH (n RETURN n' }, 400, '/problems/cypher-error'],
    [{ type: 'query', query: 'UNWIND [1, 0] AS z RETURN 1 / z AS x' }, 400, '/problems/cypher-error'],
    [{ type: 'ids', ids: ['person:sergei-ryabkov', 'person:nobody'] }, 404, '/problems/not-found'],
    [{ type: 'ids', ids: [] }, 400, '/problems/invalid-request'],
    [{ type: 'ids', ids: ['claim:x'], depth: 4 }, 400, '/problems/invalid-request'],
    [{ type: 'graph', kinds: ['Robot'] }, 400, '/problems/invalid-request'],
  ])('refuses the source %j with %i before the download starts', async (source, status, type) => {
    const { res, text } = await download(t.app, { format: 'gexf', source });
    expect(res.status).toBe(status);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(JSON.parse(text)).toMatchObject({ status, type });
  });

  test('points at the unknown id', async () => {
    const { text } = await download(t.app, {
      format: 'json',
      source: { type: 'ids', ids: ['person:sergei-ryabkov', 'person:nobody'] },
    });
    expect(JSON.parse(text).errors).toEqual([
      { pointer: '/body/source/ids/1', detail: 'no node has this id' },
    ]);
  });
});
