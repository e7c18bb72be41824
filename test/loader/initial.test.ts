// `stancegraph load --initial`: a bulk folder through Neo4j's offline importer into an empty
// embedded database gives the same graph as the online loader, and a refused --initial (a database
// that is not empty, another server, an invalid folder) changes nothing. Runs its own embedded
// Neo4j, since the offline import stops and restarts it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../scripts/generate.ts';
import { loadConfig } from '../../server/config.ts';
import { loadFiles } from '../../server/dataset/load.ts';
import { dumpGraph, graphChecksum, type GraphDump } from '../../server/neo4j/checksum.ts';
import { embeddedAuth } from '../../server/neo4j/credentials.ts';
import * as embedded from '../../server/neo4j/embedded.ts';
import { runCli } from '../_cli.ts';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-initial-'));
const env = {
  STANCEGRAPH_HOME: home,
  STANCEGRAPH_NEO4J_PORT:
    process.env.STANCEGRAPH_TEST_INITIAL_PORT ??
    String(Number(process.env.STANCEGRAPH_TEST_NEO4J_PORT ?? 7697) + 1000),
  STANCEGRAPH_NEO4J_HEAP: '512m',
  STANCEGRAPH_NEO4J_PAGECACHE: '128m',
  // A loaded machine may need longer than the default to start Neo4j.
  STANCEGRAPH_NEO4J_START_TIMEOUT: process.env.STANCEGRAPH_NEO4J_START_TIMEOUT ?? '120',
};
const config = loadConfig(env);

function stancegraph(args: string[], extra: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NEO4J_')));
  return runCli(args, { ...clean, ...env, ...extra });
}

let driver: Driver;
let scratch: string;
let folder: string;

/** The embedded database emptied: stopped, its files removed, started again. */
async function emptyDatabase(): Promise<void> {
  await driver.close();
  await embedded.stop(config);
  fs.rmSync(embedded.embeddedPaths(config).dataDir, { recursive: true, force: true });
  await embedded.start(config);
  driver = neo4j.driver(embedded.boltUri(config), embeddedAuth(config));
}

const counts = async () => {
  const { records } = await driver.executeQuery(
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  return {
    nodes: records[0]!.get('nodes').toNumber(),
    relationships: records[0]!.get('relationships').toNumber(),
  };
};

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-initial-data-'));
  folder = path.join(scratch, 'synthetic');
  await generate({ stances: 1500, seed: 11, out: folder });
  // Values CSV must quote or split with care: quotes, commas, line breaks, semicolons in an array,
  // empty arrays (aliases, which every actor has, and mergedIds, which only one has), non-ASCII;
  // and a document whose relationships come back after another's (so derived MENTIONS are
  // MERGEd), plus a MENTIONS the input states itself.
  const file = (name: string) => path.join(folder, name);
  fs.appendFileSync(
    file('actors.jsonl'),
    `${JSON.stringify({
      id: 'person:tricky',
      name: 'Zoë "Z" O\'Neil, Jr.',
      aliases: ['Z; the envoy', 'Zoë,O', '"quoted"'],
      description: 'Line one\nline two\r\nand "three"',
    })}\n${JSON.stringify({ id: 'institution:bare', name: 'Bare', aliases: [], mergedIds: [] })}\n`,
  );
  const rels = fs.readFileSync(file('relationships.jsonl'), 'utf8').trim().split('\n');
  const firstDoc = rels.map((line) => (JSON.parse(line) as { doc?: string }).doc).find(Boolean)!;
  const interleaved = rels.filter((_, i) => i % 2 === 0).concat(rels.filter((_, i) => i % 2 === 1));
  interleaved.push(
    JSON.stringify({ type: 'MENTIONS', from: firstDoc, to: 'person:tricky', note: 'stated, not derived' }),
  );
  fs.writeFileSync(file('relationships.jsonl'), `${interleaved.join('\n')}\n`);
  await embedded.start(config);
  driver = neo4j.driver(embedded.boltUri(config), embeddedAuth(config));
});

afterAll(async () => {
  await driver?.close();
  await embedded.stop(config);
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('load --initial', () => {
  let online: string;

  it('gives the same graph as an online load of the same folder', { timeout: 600_000 }, async () => {
    await loadFiles(driver, [folder]);
    online = await graphChecksum(driver);
    const onlineDump: GraphDump = await dumpGraph(driver);
    const onlineCounts = await counts();
    expect(onlineCounts.relationships).toBeGreaterThan(3000);

    await emptyDatabase();
    const result = await stancegraph(['load', '--initial', folder, '--json']);
    expect(result.stderr).toContain('IMPORT DONE');
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { relationships: Record<string, { created: number }> };
    const created = Object.values(report.relationships).reduce((sum, c) => sum + c.created, 0);
    expect(created).toBe(onlineCounts.relationships);

    await driver.close();
    driver = neo4j.driver(embedded.boltUri(config), embeddedAuth(config));
    expect(await counts()).toEqual(onlineCounts);
    const dump = await dumpGraph(driver);
    // Line by line first, so that a difference shows where.
    expect(dump.nodes.filter((line) => !onlineDump.nodes.includes(line)).slice(0, 3)).toEqual([]);
    expect(dump.relationships.filter((line) => !onlineDump.relationships.includes(line)).slice(0, 3)).toEqual(
      [],
    );
    expect(await graphChecksum(driver)).toBe(online);
    // The schema is in place: the full-text index finds the actor, the constraint refuses a twin.
    const { records } = await driver.executeQuery(
      "CALL db.index.fulltext.queryNodes('actor_names', 'envoy') YIELD node RETURN node.id AS id",
    );
    expect(records.map((r) => r.get('id'))).toContain('person:tricky');
    await expect(driver.executeQuery("CREATE (:Actor {id: 'person:tricky'})")).rejects.toThrow(
      /already exists/,
    );
  });

  it('refuses a database that is not empty, and changes nothing', async () => {
    const result = await stancegraph(['load', '--initial', folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the database is not empty \([\d,]+ nodes, [\d,]+ relationships\)/);
    expect(embedded.status(config).running).toBe(true);
    expect(await graphChecksum(driver)).toBe(online);
  });

  it('refuses another server (NEO4J_URI), and changes nothing', async () => {
    await emptyDatabase();
    const result = await stancegraph(['load', '--initial', folder], { NEO4J_URI: embedded.boltUri(config) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not the embedded one');
    expect(await counts()).toEqual({ nodes: 0, relationships: 0 });
  });

  it('refuses an invalid folder with file:line, writing nothing and leaving no CSV file', async () => {
    const bad = path.join(scratch, 'bad');
    fs.cpSync(folder, bad, { recursive: true });
    fs.appendFileSync(
      path.join(bad, 'relationships.jsonl'),
      `${JSON.stringify({ type: 'DEMANDS', from: 'person:nobody', to: 'claim:nothing' })}\n`,
    );
    const lines = fs.readFileSync(path.join(bad, 'relationships.jsonl'), 'utf8').trim().split('\n').length;
    const result = await stancegraph(['load', '--initial', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`relationships.jsonl:${lines}`);
    expect(result.stderr).toContain('nothing was written');
    expect(embedded.status(config).running).toBe(true);
    expect(await counts()).toEqual({ nodes: 0, relationships: 0 });
    // The CSV files written while the folder was read (the error is on its last line) are gone.
    const loads = path.join(home, 'loads');
    expect(fs.existsSync(loads) ? fs.readdirSync(loads).filter((f) => f.startsWith('initial-')) : []).toEqual(
      [],
    );
  });
});
