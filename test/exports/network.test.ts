// POST /api/export with a `network` source on DNA's sample database, imported: every format carries
// the weights the endpoint computes (GET /api/networks/agreement with the same options) and the
// options used; GEXF and GraphML validate against their vendored schemas; CSV adds DNA's matrix
// (matrix.csv, as format=matrix gives it) and options.csv. A network cannot be a Cypher script.

import { MultiGraph } from 'graphology';
import gexf from 'graphology-gexf';
import graphml from 'graphology-graphml';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dnaMatrixSchema, wireGraphSchema } from '../../model/api.ts';
import type { WireGraph } from '../../model/wire.ts';
import { dnaImporter } from '../../server/import/dna.ts';
import { importFiles } from '../../server/import/run.ts';
import { conforms, testApp, type TestApp } from '../api/_app.ts';
import { resetGraph } from '../_neo4j.ts';
import { DNA_SAMPLE } from '../import/_import.ts';
import { csvObjects, download, parseCsv, unzip, validateXml } from './_files.ts';

let t: TestApp;
beforeAll(async () => {
  t = testApp({ STANCEGRAPH_RATE_LIMIT: '1000' });
  await resetGraph(t.driver);
  await importFiles(t.driver, dnaImporter, [DNA_SAMPLE]);
});
afterAll(() => t.driver.close());

/** One-mode (fractional, negative and zero cells) and two-mode networks of the sample. */
const ONEMODE = {
  networkType: 'onemode',
  variable1: 'organization',
  qualifierAggregation: 'subtract',
  normalization: 'average',
} as const;
const TWOMODE = { networkType: 'twomode', variable1: 'person', normalization: 'activity' } as const;

async function endpoint(options: Record<string, string>) {
  const query = new URLSearchParams(options).toString();
  const matrix = conforms(
    dnaMatrixSchema,
    (await request(t.app).get(`/api/networks/agreement?format=matrix&${query}`).expect(200)).body,
  );
  const graph = conforms(
    wireGraphSchema,
    (await request(t.app).get(`/api/networks/agreement?${query}`).expect(200)).body,
  );
  return { matrix, graph };
}

/** The matrix cell of an edge, by its endpoints' labels (one-mode: symmetric). */
function cell(m: { rows: string[]; columns: string[]; matrix: number[][] }, row: string, column: string) {
  const i = m.rows.indexOf(row);
  const j = m.columns.indexOf(column);
  expect(i, row).toBeGreaterThanOrEqual(0);
  expect(j, column).toBeGreaterThanOrEqual(0);
  return m.matrix[i]![j]!;
}

const labels = (graph: WireGraph) => new Map(graph.nodes.map((n) => [n.key, String(n.attributes.label)]));

describe("a network export carries the endpoint's weights", () => {
  test('CSV: matrix.csv is the endpoint matrix, edges.csv one row per non-zero cell with its weight, options.csv the options', async () => {
    for (const options of [ONEMODE, TWOMODE]) {
      const { matrix, graph } = await endpoint(options);
      const { res, bytes } = await download(t.app, {
        format: 'csv',
        source: { type: 'network', ...options },
      });
      expect(res.status).toBe(200);
      const files = unzip(bytes);
      expect([...files.keys()]).toEqual(['nodes.csv', 'edges.csv', 'matrix.csv', 'options.csv']);

      const [header, ...rows] = parseCsv(files.get('matrix.csv')!.toString('utf8'));
      expect(header).toEqual(['', ...matrix.columns]);
      expect(rows.map((r) => r[0])).toEqual(matrix.rows);
      expect(rows.map((r) => r.slice(1).map(Number))).toEqual(matrix.matrix);

      const nodes = csvObjects(files.get('nodes.csv')!.toString('utf8'));
      const label = new Map(nodes.map((n) => [n.id!, n.label!]));
      const edgesCsv = files.get('edges.csv')!.toString('utf8');
      // One name per column: the imported statements' `source` property is not the start node's column.
      const columns = parseCsv(edgesCsv)[0]!;
      expect(new Set(columns).size).toBe(columns.length);
      expect(columns).toContain('property:source');
      const edges = csvObjects(edgesCsv);
      expect(edges).toHaveLength(graph.edges.length);
      expect(edges.length).toBeGreaterThan(0);
      for (const edge of edges)
        expect(Number(edge.weight)).toBe(cell(matrix, label.get(edge.source!)!, label.get(edge.target!)!));

      const used = Object.fromEntries(
        csvObjects(files.get('options.csv')!.toString('utf8')).map((r) => [r.option, r.value]),
      );
      expect(used).toMatchObject({ ...options, duplicates: 'include' });
    }
  });

  test('the one-mode cells checked by hand: EEA–Senate 4/4.5 (subtract, average), a negative and a fractional weight', async () => {
    const { res, bytes } = await download(t.app, { format: 'csv', source: { type: 'network', ...ONEMODE } });
    expect(res.status).toBe(200);
    const m = parseCsv(unzip(bytes).get('matrix.csv')!.toString('utf8'));
    const at = (row: string, column: string) => Number(m.find((r) => r[0] === row)![m[0]!.indexOf(column)]);
    // EEA: 4 statements, Senate 5; congruence 5, conflict 1 (test/api/dna-networks.test.ts)
    expect(at('Energy and Environmental Analysis, Inc.', 'Senate')).toBeCloseTo(4 / 4.5, 12);
    // Senate–NPRA: congruence 4, conflict 4
    expect(at('Senate', 'National Petrochemical & Refiners Association')).toBe(0);
  });

  test('GEXF: valid GEXF 1.3, undirected for one-mode, each edge weighing its matrix cell, the options in its meta', async () => {
    for (const options of [ONEMODE, TWOMODE]) {
      const { matrix, graph } = await endpoint(options);
      const { res, text } = await download(t.app, {
        format: 'gexf',
        source: { type: 'network', ...options },
      });
      expect(res.status).toBe(200);
      const { status, output } = validateXml(text, 'gexf');
      expect(output).toContain('validates');
      expect(status).toBe(0);
      expect(text).toContain(
        `<keywords>networkType=${options.networkType}; variable1=${options.variable1}; qualifierAggregation=`,
      );
      expect(text).toContain(
        `defaultedgetype="${options.networkType === 'onemode' ? 'undirected' : 'directed'}"`,
      );
      const parsed = gexf.parse(MultiGraph, text);
      expect(parsed.size).toBe(graph.edges.length);
      const label = labels(graph);
      parsed.forEachEdge((_edge, attributes, source, target) => {
        const expected = cell(matrix, label.get(source)!, label.get(target)!);
        expect(attributes.weight).toBeCloseTo(expected, 6);
      });
    }
  });

  test('GraphML: valid against its XSD, a weight key on every edge, the options as graph data', async () => {
    const { matrix, graph } = await endpoint(ONEMODE);
    const { res, text } = await download(t.app, {
      format: 'graphml',
      source: { type: 'network', ...ONEMODE },
    });
    expect(res.status).toBe(200);
    const { status, output } = validateXml(text, 'graphml');
    expect(output).toContain('validates');
    expect(status).toBe(0);
    expect(text).toContain('edgedefault="undirected"');
    const parsed = graphml.parse(MultiGraph, text);
    expect(parsed.getAttributes()).toMatchObject(ONEMODE);
    expect(parsed.size).toBe(graph.edges.length);
    const label = labels(graph);
    parsed.forEachEdge((_edge, attributes, source, target) =>
      expect(attributes.weight).toBe(cell(matrix, label.get(source)!, label.get(target)!)),
    );
  });

  test("JSON: the endpoint's graph, its options as the graph's attributes", async () => {
    const { graph } = await endpoint(TWOMODE);
    const { res, text } = await download(t.app, { format: 'json', source: { type: 'network', ...TWOMODE } });
    expect(res.status).toBe(200);
    const exported = JSON.parse(text) as WireGraph;
    expect(exported.attributes).toMatchObject({ ...TWOMODE, qualifierAggregation: 'ignore' });
    expect(exported.edges).toEqual(graph.edges);
    expect(exported.nodes.map((n) => n.key)).toEqual(graph.nodes.map((n) => n.key));
  });

  test('the agreement network (no DNA option): weights and claims as the endpoint gives them, no matrix', async () => {
    const graph = conforms(
      wireGraphSchema,
      (await request(t.app).get('/api/networks/agreement?kind=agreement').expect(200)).body,
    );
    const { bytes } = await download(t.app, {
      format: 'csv',
      source: { type: 'network', kind: 'agreement' },
    });
    const files = unzip(bytes);
    expect([...files.keys()]).toEqual(['nodes.csv', 'edges.csv', 'options.csv']);
    const edges = csvObjects(files.get('edges.csv')!.toString('utf8'));
    expect(edges.length).toBe(graph.edges.length);
    const byKey = new Map(graph.edges.map((e) => [e.key, e.attributes]));
    for (const edge of edges) {
      const expected = byKey.get(edge.key!)!;
      expect(Number(edge.weight)).toBe(expected.weight);
      expect(JSON.parse(edge.claims!)).toEqual(expected.claims);
      expect(edge).toMatchObject({ relationship: 'AGREEMENT', family: 'stance', polarity: '1' });
    }
  });

  test('refuses a Cypher script of a network, options that do not fit, and an unknown topic, before the download', async () => {
    const cypher = await request(t.app)
      .post('/api/export')
      .send({ format: 'cypher', source: { type: 'network', ...ONEMODE } })
      .expect(400);
    expect(JSON.stringify(cypher.body)).toContain('a network is computed, not stored');
    const combine = await request(t.app)
      .post('/api/export')
      .send({
        format: 'csv',
        source: { type: 'network', networkType: 'onemode', qualifierAggregation: 'combine' },
      })
      .expect(400);
    expect(JSON.stringify(combine.body)).toContain('/body/source/qualifierAggregation');
    const topic = await request(t.app)
      .post('/api/export')
      .send({ format: 'csv', source: { type: 'network', topic: 'topic:no-such-topic' } })
      .expect(404);
    expect(JSON.stringify(topic.body)).toContain('topic:no-such-topic');
  });
});
