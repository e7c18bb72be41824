// The read-only Cypher console: results (rows JSON-safe, graph for the canvas), the row cap, syntax
// errors with positions, a runaway query stopped by the timeout while the server keeps answering,
// and a corpus of write and escape attempts that are all refused and leave the graph unchanged.

import type { Driver } from 'neo4j-driver';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { consoleResultSchema } from '../../model/api.ts';
import { graphChecksum } from '../_neo4j.ts';
import { conforms, foundingApp, type TestApp } from './_app.ts';

let t: TestApp;
let driver: Driver;

beforeAll(async () => {
  t = await foundingApp({
    STANCEGRAPH_CONSOLE_TIMEOUT: '2s',
    STANCEGRAPH_CONSOLE_ROWS: '5',
    STANCEGRAPH_CONSOLE_MAX_ROWS: '10',
    STANCEGRAPH_RATE_LIMIT: '1000',
  });
  driver = t.driver;
});

afterAll(async () => {
  await driver.close();
});

const cypher = (body: object) => request(t.app).post('/api/cypher').send(body);

/** Index and constraint names: a refused schema command must leave them as they were. */
async function schemaNames(): Promise<string[]> {
  const indexes = await driver.executeQuery('SHOW INDEXES YIELD name RETURN name');
  const constraints = await driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN name');
  return [...indexes.records, ...constraints.records].map((r) => r.get('name') as string).sort();
}

describe('POST /api/cypher: results', () => {
  test('returns columns, JSON-safe rows and the graph they hold', async () => {
    const res = await cypher({
      query:
        'MATCH p = (a:Person {id: $id})-[s:DEMANDS]->(c:Claim) RETURN a, s, c, p, s.date AS date, COUNT { (a)--() } AS degree ORDER BY s.start LIMIT 1',
      params: { id: 'person:sergei-ryabkov' },
    }).expect(200);
    const result = conforms(consoleResultSchema, res.body);
    expect(result.columns).toEqual(['a', 's', 'c', 'p', 'date', 'degree']);
    const [a, s, c, p, date, degree] = result.rows[0]!;
    expect(a).toMatchObject({
      id: 'person:sergei-ryabkov',
      kind: 'Person',
      labels: expect.arrayContaining(['Person', 'Actor']),
    });
    expect(s).toMatchObject({
      type: 'DEMANDS',
      source: 'person:sergei-ryabkov',
      target: 'claim:nato-return-to-1997-frontiers',
    });
    expect(c).toMatchObject({ id: 'claim:nato-return-to-1997-frontiers', kind: 'Claim' });
    expect(p).toMatchObject({
      nodes: [{ id: 'person:sergei-ryabkov' }, { id: 'claim:nato-return-to-1997-frontiers' }],
    });
    expect(date).toBe('2022-01-11');
    expect(degree).toEqual(expect.any(Number));
    expect(result.graph.nodes.map((n) => n.key).sort()).toEqual([
      'claim:nato-return-to-1997-frontiers',
      'person:sergei-ryabkov',
    ]);
    expect(result.graph.edges).toHaveLength(1);
    expect(result.summary).toMatchObject({ rows: 1, truncated: false, queryType: 'r' });
  });

  test('adds the endpoints of relationships returned alone to the graph', async () => {
    const res = await cypher({ query: 'MATCH ()-[s:REJECTS]->() RETURN s' }).expect(200);
    const result = conforms(consoleResultSchema, res.body);
    expect(result.graph.edges).toHaveLength(5);
    expect(result.graph.nodes.map((n) => n.key)).toContain('person:wendy-sherman');
  });

  test('caps rows at the configured default and says the result was cut', async () => {
    const res = await cypher({ query: 'MATCH (n) RETURN n.id AS id' }).expect(200);
    const result = conforms(consoleResultSchema, res.body);
    expect(result.rows).toHaveLength(5);
    expect(result.summary).toMatchObject({ rows: 5, truncated: true, limit: 5 });
  });

  test('lets a query ask for fewer or more rows, up to the configured maximum only', async () => {
    const fewer = conforms(
      consoleResultSchema,
      (await cypher({ query: 'MATCH (n) RETURN n.id', limit: 2 }).expect(200)).body,
    );
    expect(fewer.rows).toHaveLength(2);
    const more = conforms(
      consoleResultSchema,
      (await cypher({ query: 'MATCH (n) RETURN n.id', limit: 10 }).expect(200)).body,
    );
    expect(more.rows).toHaveLength(10);
    const tooMany = await cypher({ query: 'MATCH (n) RETURN n.id', limit: 11 }).expect(400);
    expect(tooMany.body.errors).toEqual([
      { pointer: '/body/limit', detail: 'expected at most 10 rows (the configured maximum)' },
    ]);
  });

  test('passes values as parameters: an injection string is just a value', async () => {
    const res = await cypher({
      query: 'MATCH (n) WHERE n.id = $id RETURN n',
      params: { id: "x' OR 1=1 //" },
    }).expect(200);
    expect(res.body.rows).toEqual([]);
    const limited = await cypher({ query: 'MATCH (n) RETURN n.id LIMIT $n', params: { n: 1 } }).expect(200);
    expect(limited.body.rows).toHaveLength(1);
  });

  test('answers a syntax error with 400, Neo4j message and the position in the query as written', async () => {
    const res = await cypher({ query: 'MATCH (n RETURN n' })
      .expect(400)
      .expect('content-type', /problem\+json/);
    expect(res.body).toMatchObject({
      title: 'Cypher syntax error',
      code: 'Neo.ClientError.Statement.SyntaxError',
      position: { line: 1, column: 10, offset: 9 },
    });
    expect(res.body.detail).toContain("Invalid input 'RETURN'");
    const multiline = await cypher({ query: 'MATCH (n)\nWHERE n.id = 1\nRETURN m' }).expect(400);
    expect(multiline.body.position).toEqual({ line: 3, column: 8, offset: 32 });
    expect(multiline.body.detail).toContain('Variable `m` not defined');
  });

  test.each([
    [{}, '/body/query'],
    [{ query: '   ' }, '/body/query'],
    [{ query: 'RETURN 1', params: { 'bad name': 1 } }, '/body/params/bad name'],
    [{ query: 'RETURN 1', limit: 0 }, '/body/limit'],
    [{ query: 'RETURN 1', timeout: 99999 }, '/body/timeout'],
  ])('answers a malformed request %j with a 400 pointing at %s', async (body, pointer) => {
    const res = await cypher(body).expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  test('stops a runaway cartesian product at the timeout with a clear error, answering others meanwhile', async () => {
    let settled = false;
    const runaway = cypher({
      query: 'MATCH (a), (b), (c), (d), (e), (f) WHERE a.id < b.id RETURN count(*)',
    }).then((res) => {
      settled = true;
      return res;
    });
    const health = await request(t.app).get('/api/health');
    expect(health.status).toBe(200);
    const search = await request(t.app).get('/api/search?q=ryab');
    expect(search.body.results[0].id).toBe('person:sergei-ryabkov');
    expect(settled).toBe(false);
    const res = await runaway;
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: '/problems/query-timeout', title: 'Query timed out' });
    expect(res.body.detail).toContain('2 s limit');
  });
});

/** Write and escape attempts; each must get a clear 4xx problem and change nothing. */
const ATTEMPTS: [string, string, Record<string, unknown>?][] = [
  ['CREATE', "CREATE (n:Intruder {name: 'x'})"],
  ['MERGE', "MERGE (n:Person {id: 'person:intruder'})"],
  ['SET a property', "MATCH (n:Person {id: 'person:sergei-ryabkov'}) SET n.name = 'Hacked'"],
  ['SET a label', 'MATCH (n:Claim) SET n:Intruder'],
  ['DELETE', 'MATCH ()-[r:REJECTS]->() DELETE r'],
  ['DETACH DELETE', 'MATCH (n) DETACH DELETE n'],
  ['REMOVE a label', 'MATCH (n:Person) REMOVE n:Person'],
  ['REMOVE a property', 'MATCH (n:Person) REMOVE n.name'],
  [
    'CALL {…} IN TRANSACTIONS that writes',
    'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS',
  ],
  [
    'CALL {…} IN TRANSACTIONS that reads',
    'MATCH (n) CALL (n) { RETURN n.id AS id } IN TRANSACTIONS RETURN id',
  ],
  ['a write subquery', 'MATCH (n) WITH n LIMIT 1 CALL (n) { DETACH DELETE n } RETURN 1'],
  [
    'an old-style write subquery',
    'UNWIND range(1, 3) AS i CALL { WITH i CREATE (:Intruder {i: i}) } RETURN i',
  ],
  ['FOREACH with CREATE', 'FOREACH (x IN range(1, 3) | CREATE (:Intruder {x: x}))'],
  ['LOAD CSV from file:', "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row"],
  ['LOAD CSV from https:', "LOAD CSV WITH HEADERS FROM 'https://example.com/data.csv' AS row RETURN row"],
  ['LOAD CSV into the graph', "LOAD CSV FROM 'file:///etc/passwd' AS row CREATE (:Leak {line: row})"],
  ['CREATE INDEX', 'CREATE INDEX intruder FOR (n:Person) ON (n.name)'],
  ['CREATE CONSTRAINT', 'CREATE CONSTRAINT intruder FOR (n:Person) REQUIRE n.name IS UNIQUE'],
  ['DROP INDEX', 'DROP INDEX actor_names'],
  ['DROP CONSTRAINT', 'DROP CONSTRAINT actor_id'],
  ['SHOW TRANSACTIONS', 'SHOW TRANSACTIONS'],
  ['TERMINATE TRANSACTIONS', "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"],
  ['CREATE DATABASE', 'CREATE DATABASE intruder'],
  ['CREATE USER', "CREATE USER intruder SET PASSWORD 'a-secret-password'"],
  ['GRANT', 'GRANT ROLE admin TO neo4j'],
  ['ALTER DATABASE', 'ALTER DATABASE neo4j SET ACCESS READ ONLY'],
  ['STOP DATABASE', 'STOP DATABASE neo4j'],
  ['a writing procedure', "CALL db.createLabel('Intruder')"],
  ['another writing procedure', "CALL db.createProperty('intruder')"],
  ['an admin procedure', 'CALL dbms.listConfig()'],
  ['a procedure outside the allow-list', 'CALL db.clearQueryCaches()'],
  ['a missing procedure', "CALL apoc.create.node(['Intruder'], {})"],
  ['a second statement after ;', 'MATCH (n) RETURN n; CREATE (x:Intruder)'],
  ['a block comment before a write', 'MATCH (n) /* RETURN n */ DETACH DELETE n'],
  ['a line comment hiding the read', '// just a read\nCREATE (x:Intruder)'],
  ['a comment around the only read', '/* MATCH (n) RETURN n */ MERGE (x:Intruder)'],
  ['odd casing', "MaTcH (n:Person) sEt n.name = 'x'"],
  ['a unicode escape in a keyword', 'CR\\u0045ATE (x:Intruder)'],
  ['a unicode escape in a property name', "MATCH (n:Person) SET n.na\\u006De = 'x'"],
  ['a dynamic label from a parameter', 'MATCH (n:Person) SET n:$($label)', { label: 'Intruder' }],
  [
    'a write after a full-text read',
    "CALL db.index.fulltext.queryNodes('actor_names', 'smith') YIELD node SET node.name = 'x'",
  ],
  ['an EXPLAIN prefix', 'EXPLAIN CREATE (x:Intruder)'],
  ['a PROFILE prefix', 'PROFILE MATCH (n) DETACH DELETE n'],
  ['a PROFILE prefix behind a comment', '/* hi */ PROFILE MATCH (n) RETURN n'],
  ['a CYPHER runtime prefix', 'CYPHER runtime=slotted CREATE (x:Intruder)'],
  ['a CYPHER planner prefix', 'CYPHER planner=dp MATCH (n) DETACH DELETE n'],
  ['USE system', 'USE system SHOW USERS'],
  ['a write in a UNION', 'MATCH (n) RETURN n.id AS id UNION MATCH (m) DETACH DELETE m RETURN m.id AS id'],
];

describe('POST /api/cypher: the console is read-only', () => {
  let checksum: string;
  let schema: string[];

  beforeAll(async () => {
    checksum = await graphChecksum(driver);
    schema = await schemaNames();
  });

  test.each(ATTEMPTS)(
    'refuses %s with a clear 4xx and leaves the graph unchanged',
    async (_what, query, params) => {
      const res = await cypher({ query, ...(params ? { params } : {}) });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: res.status,
        title: expect.any(String),
        detail: expect.any(String),
      });
      expect(res.body.detail.length).toBeGreaterThan(20);
      expect(await graphChecksum(driver)).toBe(checksum);
    },
  );

  test('says why: a write is a 403 read-only problem with its reason', async () => {
    const res = await cypher({ query: 'MATCH (n) DETACH DELETE n' }).expect(403);
    expect(res.body).toMatchObject({
      type: '/problems/read-only',
      reason: 'write',
      detail: expect.stringContaining('read-only'),
    });
    const csv = await cypher({ query: "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row" }).expect(403);
    expect(csv.body).toMatchObject({ reason: 'load-csv', detail: expect.stringContaining('LOAD CSV') });
    const terminate = await cypher({ query: 'TERMINATE TRANSACTIONS "x"' }).expect(403);
    expect(terminate.body.reason).toBe('admin');
  });

  test('leaves the schema as it was', async () => {
    expect(await schemaNames()).toEqual(schema);
  });
});
