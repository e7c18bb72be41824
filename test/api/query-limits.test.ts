// Limits on users' queries that keep the server and Neo4j answering: shapes Neo4j's parser or the
// driver cannot take are refused before planning (400 naming the limit), the console reads to a
// byte budget (truncated, or 413), exports from a query get the console's time limit, at most N
// users' queries run at once (503 beyond), and an exhausted driver pool is a 503, never a 500.

import neo4j from 'neo4j-driver';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inject } from 'vitest';
import { consoleResultSchema } from '../../model/api.ts';
import { MAX_PARAMS_DEPTH, MAX_QUERY_NESTING, MAX_QUERY_UNIONS } from '../../model/query-shape.ts';
import { graphChecksum } from '../_neo4j.ts';
import { conforms, foundingApp, testApp, type TestApp } from './_app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await foundingApp({
    STANCEGRAPH_CONSOLE_TIMEOUT: '2s',
    STANCEGRAPH_RATE_LIMIT: '1000',
    STANCEGRAPH_CONSOLE_MAX_BYTES: '1m',
  });
});

afterAll(async () => {
  await t.driver.close();
});

const cypher = (body: object) =>
  request(t.app).post('/api/cypher').set('content-type', 'application/json').send(rawJson(body));

/** JSON.stringify, except that `DEEP` stands for a list nested 5,000 deep (superagent cannot send one). */
const DEEP = { deep: true };
function rawJson(body: object): string {
  return JSON.stringify(body, (_key, value: unknown) => (value === DEEP ? '__DEEP__' : value)).replace(
    '"__DEEP__"',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
  );
}

/** A long-running read: Neo4j's timeout (or ours) stops it. */
const SLOW_QUERY = 'UNWIND range(1, 2000000000) AS i WITH i WHERE i < 0 RETURN i';

describe('query shapes refused before planning', () => {
  test.each([
    [
      'brackets nested 5,000 deep',
      { query: `RETURN ${'('.repeat(5000)}1${')'.repeat(5000)}` },
      `more than ${MAX_QUERY_NESTING} deep`,
      '/body/query',
    ],
    [
      'a list nested 5,000 deep',
      { query: `RETURN ${'['.repeat(5000)}${']'.repeat(5000)}` },
      `more than ${MAX_QUERY_NESTING} deep`,
      '/body/query',
    ],
    [
      '1,300 chained UNION ALLs',
      { query: Array.from({ length: 1301 }, (_, i) => `RETURN ${i} AS x`).join(' UNION ALL ') },
      `more than ${MAX_QUERY_UNIONS} UNIONs`,
      '/body/query',
    ],
    [
      'parameters nested 5,000 deep',
      {
        query: 'RETURN $p AS p',
        params: { p: DEEP },
      },
      `more than ${MAX_PARAMS_DEPTH} arrays or objects deep`,
      '/body/params',
    ],
  ])('%s: a 400 that names the limit', async (_what, body, detail, at) => {
    const res = await cypher(body).expect(400);
    expect(res.body).toMatchObject({
      type: '/problems/invalid-request',
      detail: expect.stringContaining(detail),
    });
    expect(res.body.errors[0].pointer).toBe(at);
  });

  test('brackets and UNION inside strings and comments do not count', async () => {
    const res = await cypher({
      query: `RETURN '${'('.repeat(200)}' AS s // ${'UNION '.repeat(200)}\n, 1 AS one /* ${'['.repeat(200)} */`,
    }).expect(200);
    expect(res.body.columns).toEqual(['s', 'one']);
  });
});

describe('the console byte budget', () => {
  test('one row over the budget (a 300,000-item list) is a 413 naming the budget', async () => {
    const res = await cypher({ query: 'RETURN range(1, 300000) AS xs' }).expect(413);
    expect(res.body).toMatchObject({
      type: '/problems/too-large',
      detail: expect.stringContaining('STANCEGRAPH_CONSOLE_MAX_BYTES'),
    });
    await request(t.app).get('/api/health').expect(200);
  });

  test('rows of 64K-character strings stop at the budget: truncated, with the rows that fit', async () => {
    const res = await cypher({
      query: "UNWIND range(1, 10000) AS i RETURN i, reduce(s = 'x', j IN range(1, 16) | s + s) AS text",
      limit: 10000,
    }).expect(200);
    const result = conforms(consoleResultSchema, res.body);
    expect(result.summary).toMatchObject({ truncated: true, truncatedBy: 'bytes', byteBudget: 1024 * 1024 });
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.length).toBeLessThan(20); // 1 MiB of 64 KiB strings
    expect(res.text.length).toBeLessThan(1.2 * 1024 * 1024);
  });

  test('the row cap still reports itself', async () => {
    const res = await cypher({ query: 'UNWIND range(1, 100) AS i RETURN i', limit: 10 }).expect(200);
    expect(res.body.summary).toMatchObject({ truncated: true, truncatedBy: 'rows', rows: 10 });
  });
});

describe('exports from a query', () => {
  test("get the console's time limit, not the export's ten minutes", async () => {
    const res = await request(t.app)
      .post('/api/export')
      .send({ format: 'json', source: { type: 'query', query: SLOW_QUERY } })
      .expect(422);
    expect(res.body).toMatchObject({
      type: '/problems/query-timeout',
      detail: expect.stringContaining('2 s limit'),
    });
  }, 60_000);

  test('refuse the same query shapes as the console', async () => {
    await request(t.app)
      .post('/api/export')
      .send({
        format: 'json',
        source: { type: 'query', query: `RETURN ${'('.repeat(5000)}1${')'.repeat(5000)}` },
      })
      .expect(400);
  });
});

describe('concurrency', () => {
  test("beyond STANCEGRAPH_QUERY_CONCURRENCY users' queries get a 503 with Retry-After, the rest run", async () => {
    const one = testApp({
      STANCEGRAPH_CONSOLE_TIMEOUT: '3s',
      STANCEGRAPH_QUERY_CONCURRENCY: '1',
      STANCEGRAPH_RATE_LIMIT: '1000',
    });
    try {
      const answers = await Promise.all(
        [1, 2, 3].map(() => request(one.app).post('/api/cypher').send({ query: SLOW_QUERY })),
      );
      const statuses = answers.map((res) => res.status).sort();
      expect(statuses).toEqual([422, 503, 503]);
      const busy = answers.find((res) => res.status === 503)!;
      expect(busy.headers['retry-after']).toBe('2');
      expect(busy.body).toMatchObject({
        type: '/problems/busy',
        detail: expect.stringContaining('STANCEGRAPH_QUERY_CONCURRENCY'),
      });
      // The slot is free again once Neo4j has let the query go (it may answer after our deadline).
      let status = 503;
      for (let attempt = 0; attempt < 60 && status === 503; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
        status = (await request(one.app).post('/api/cypher').send({ query: 'RETURN 1 AS one' })).status;
      }
      expect(status).toBe(200);
    } finally {
      await one.driver.close();
    }
  }, 60_000);

  test('an exhausted driver pool answers 503 with Retry-After, never 500', async () => {
    const password = inject('neo4jPassword');
    const driver = neo4j.driver(
      inject('neo4jUri'),
      password ? neo4j.auth.basic(inject('neo4jUser'), password) : undefined,
      {
        maxConnectionPoolSize: 1,
        connectionAcquisitionTimeout: 1000,
      },
    );
    const small = testApp({}, driver);
    const holder = driver.session();
    const tx = await holder.beginTransaction();
    try {
      await tx.run('RETURN 1');
      const res = await request(small.app).get('/api/search?q=nato').expect(503);
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.body).toMatchObject({ type: '/problems/neo4j-unavailable' });
    } finally {
      await tx.rollback();
      await holder.close();
    }
    await request(small.app).get('/api/search?q=nato').expect(200);
    await driver.close();
  }, 30_000);

  test('none of this changed the graph', async () => {
    const before = await graphChecksum(t.driver);
    await cypher({ query: 'RETURN range(1, 300000) AS xs' });
    expect(await graphChecksum(t.driver)).toBe(before);
  });
});
