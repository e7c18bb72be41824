// The Cypher export recreates what it exported: the whole graph, run into an emptied database,
// gives the same checksum (every node, relationship and property, types included); a subgraph
// gives exactly its nodes and relationships, property for property.

import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { NODE_KINDS } from '../../model/kinds.ts';
import type { WireGraph } from '../../model/wire.ts';
import { cypherLiteral } from '../../server/exports/cypher.ts';
import { dumpGraph } from '../../server/neo4j/checksum.ts';
import { splitStatements } from '../../server/neo4j/schema.ts';
import neo4j from 'neo4j-driver';
import { graphChecksum, loadFounding, resetGraph } from '../_neo4j.ts';
import { foundingApp, type TestApp } from '../api/_app.ts';
import { download } from './_files.ts';

let t: TestApp;
let driver: Driver;

beforeAll(async () => {
  t = await foundingApp({ STANCEGRAPH_RATE_LIMIT: '1000' });
  driver = t.driver;
});

afterAll(async () => {
  await resetGraph(driver);
  await loadFounding(driver);
  await driver.close();
});

/** Runs a script statement by statement, as cypher-shell would. */
async function runScript(script: string): Promise<number> {
  const statements = splitStatements(script);
  for (const statement of statements) await driver.executeQuery(statement);
  return statements.length;
}

test('recreates the whole graph exactly in an emptied database', async () => {
  const before = await graphChecksum(driver);
  const { res, text } = await download(t.app, {
    format: 'cypher',
    source: { type: 'graph', kinds: [...NODE_KINDS] },
  });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(res.headers['content-disposition']).toMatch(/\.cypher"?$/);
  await resetGraph(driver);
  expect((await driver.executeQuery('MATCH (n) RETURN count(n) AS n')).records[0]!.get('n').toNumber()).toBe(
    0,
  );
  expect(await runScript(text)).toBeGreaterThan(8);
  expect(await graphChecksum(driver)).toBe(before);
});

test('recreates a subgraph with exactly its nodes and relationships', async () => {
  const source = { type: 'ids', ids: ['claim:nato-non-expansion-guarantee'], depth: 1 };
  const original = await dumpGraph(driver);
  const expected = JSON.parse((await download(t.app, { format: 'json', source })).text) as WireGraph;
  const { text } = await download(t.app, { format: 'cypher', source });
  await resetGraph(driver);
  await runScript(text);
  const recreated = await dumpGraph(driver);
  expect(recreated.nodes).toHaveLength(expected.nodes.length);
  expect(recreated.relationships).toHaveLength(expected.edges.length);
  const originalLines = new Set([...original.nodes, ...original.relationships]);
  for (const line of [...recreated.nodes, ...recreated.relationships]) expect(originalLines).toContain(line);
});

test('writes values with their Neo4j types', () => {
  expect(cypherLiteral(neo4j.int(3768))).toBe('3768');
  expect(cypherLiteral(1)).toBe('1.0');
  expect(cypherLiteral(0.25)).toBe('0.25');
  expect(cypherLiteral(new neo4j.types.Date(2022, 1, 11))).toBe("date('2022-01-11')");
  expect(cypherLiteral(["it's", 'a\\b', 'line\nbreak'])).toBe("['it\\'s', 'a\\\\b', 'line\\nbreak']");
});
