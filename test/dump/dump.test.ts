// `stancegraph dump`: the graph written back as a dataset file loads into an empty database as the
// same graph (the same checksum), and one document's dump holds that document's coding.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../server/dataset/load.ts';
import { datasetYaml, dumpDataset } from '../../server/dump/dataset.ts';
import { stancegraph } from '../_cli.ts';
import { countAll, graphChecksum, loadFounding, resetGraph, testDriver } from '../_neo4j.ts';

const DOC = 'document:2022-01-11-us-nato-envoy-on-russia-talks';
let driver: Driver;
let dir: string;

beforeAll(async () => {
  driver = testDriver();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-dump-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await driver.close();
});

describe('stancegraph dump', () => {
  it('dumps the founding graph so that loading it into an empty database gives the same checksum', async () => {
    await resetGraph(driver);
    await loadFounding(driver);
    const before = await graphChecksum(driver);
    const counts = await countAll(driver);

    const file = path.join(dir, 'founding-dump.yaml');
    const { stderr, code } = await stancegraph(['dump', '--out', file]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/Dumped 1 document\(s\), 14 actor\(s\)/);
    expect(stderr).not.toContain('left out');
    const yaml = fs.readFileSync(file, 'utf8');
    // Defaults and derived MENTIONS stay out: the file reads like a hand-written one.
    expect(yaml).not.toContain('method: manual');
    expect(yaml).not.toContain('MENTIONS');

    await resetGraph(driver);
    expect((await countAll(driver)).nodes).toBe(0);
    await loadFiles(driver, [file]);
    expect(await countAll(driver)).toEqual(counts);
    expect(await graphChecksum(driver)).toBe(before);
  });

  it("dumps one document's coding: the document, its stances and their endpoints", async () => {
    await resetGraph(driver);
    await loadFounding(driver);
    const { dataset, skipped } = await dumpDataset(driver, { doc: DOC });
    expect(skipped).toEqual([]);
    expect(dataset.documents.map((d) => d.id)).toEqual([DOC]);
    expect(dataset.relationships.length).toBeGreaterThan(10);
    expect(dataset.relationships.every((r) => r.doc === DOC)).toBe(true);
    const ends = new Set(dataset.relationships.flatMap((r) => [r.from, r.to]));
    const defined = new Set(
      [...dataset.actors, ...dataset.claims, ...dataset.events, ...dataset.topics].map((n) => n.id),
    );
    for (const end of ends) expect(defined.has(end), String(end)).toBe(true);
    // It loads on its own into an empty database.
    const file = path.join(dir, 'doc.yaml');
    fs.writeFileSync(file, datasetYaml(dataset, 'one document'));
    expect(parse(fs.readFileSync(file, 'utf8')).stancegraph).toBe(1);
    await resetGraph(driver);
    const report = await loadFiles(driver, [file]);
    expect(report.nodes.Document?.created).toBe(1);
  });

  it('names a document that is not in the graph', async () => {
    await expect(dumpDataset(driver, { doc: 'document:nowhere' })).rejects.toThrow(
      'no document "document:nowhere"',
    );
  });
});
