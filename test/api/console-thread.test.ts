// The console runs its queries in a worker thread, so that reading many or large records and
// building their JSON never holds the server's event loop: while `RETURN range(1, 5000000)` or
// 10,000 rows of 64K-character strings are read, health keeps answering, correctly, and the
// console's own answers are the same as before (413 naming the budget, or truncated rows).

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { consoleResultSchema, healthSchema } from '../../model/api.ts';
import { conforms, foundingApp, type TestApp } from './_app.ts';

let t: TestApp;
let server: Server;
let base: string;

beforeAll(async () => {
  t = await foundingApp({ STANCEGRAPH_CONSOLE_TIMEOUT: '90s', STANCEGRAPH_RATE_LIMIT: '100000' });
  await new Promise<void>((resolve) => {
    server = t.app.listen(0, '127.0.0.1', () => resolve());
  });
  // The client keeps connections open between requests; the server must not close them meanwhile.
  server.keepAliveTimeout = 120_000;
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.driver.close();
});

/** A generous client timeout: a blocked server would still answer, late; these must answer at all. */
const TIMEOUT = () => AbortSignal.timeout(200_000);

/** Runs a console query and asks for health again and again until its answer comes. */
async function healthDuring(body: object): Promise<{ console: Response; healthAnswers: number }> {
  let pending = true;
  const console = fetch(`${base}/api/cypher`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: TIMEOUT(),
  }).finally(() => (pending = false));
  let healthAnswers = 0;
  while (pending) {
    const res = await fetch(`${base}/api/health`, { signal: TIMEOUT() });
    expect(res.status).toBe(200);
    const health = conforms(healthSchema, await res.json());
    expect(health).toMatchObject({ status: 'ok', neo4j: { reachable: true } });
    if (pending) healthAnswers++;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { console: await console, healthAnswers };
}

describe('the console off the event loop', () => {
  test('health answers while RETURN range(1, 5000000) is read (and the console says 413, or 422 past its time)', async () => {
    const { console, healthAnswers } = await healthDuring({ query: 'RETURN range(1, 5000000) AS xs' });
    // Over the byte budget; on a busy machine Neo4j and the driver may not even get there in time.
    expect([413, 422]).toContain(console.status);
    const problem = (await console.json()) as { type: string; detail: string };
    expect(problem).toMatchObject(
      console.status === 413
        ? { type: '/problems/too-large', detail: expect.stringContaining('STANCEGRAPH_CONSOLE_MAX_BYTES') }
        : { type: '/problems/query-timeout' },
    );
    expect(healthAnswers).toBeGreaterThan(0);
  }, 400_000);

  test('health answers while 10,000 rows of 64K-character strings are read (truncated at the budget)', async () => {
    const { console, healthAnswers } = await healthDuring({
      query: "UNWIND range(1, 10000) AS i RETURN i, reduce(s = 'x', j IN range(1, 16) | s + s) AS text",
      limit: 10000,
    });
    expect(console.status).toBe(200);
    const result = conforms(consoleResultSchema, await console.json());
    expect(result.summary).toMatchObject({ truncated: true, truncatedBy: 'bytes' });
    expect(result.rows[0]![1]).toHaveLength(65536);
    expect(healthAnswers).toBeGreaterThan(0);
  }, 400_000);

  test('results, problems and the graph come back from the thread as they did', async () => {
    const rows = await fetch(`${base}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: "MATCH (p:Person {id: 'person:sergei-ryabkov'}) RETURN p, $n AS n",
        params: { n: 42 },
      }),
    });
    expect(rows.status).toBe(200);
    const result = conforms(consoleResultSchema, await rows.json());
    expect(result.columns).toEqual(['p', 'n']);
    expect(result.rows[0]![1]).toBe(42);
    expect(result.graph.nodes.map((n) => n.key)).toContain('person:sergei-ryabkov');

    const refused = await fetch(`${base}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'CREATE (n:Person {id: "person:x"})' }),
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ type: '/problems/read-only', reason: 'write' });

    const syntax = await fetch(`${base}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'RETURN (' }),
    });
    expect(syntax.status).toBe(400);
    expect(await syntax.json()).toMatchObject({ type: '/problems/cypher-error', position: { line: 1 } });
  });
});
