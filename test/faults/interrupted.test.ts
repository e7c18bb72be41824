// Queries whose transaction or session ends under them, against the real HTTP server and the test
// Neo4j: an administrator's TERMINATE TRANSACTIONS, connections cut mid-query, a transaction that
// reaches its time limit while its records stream, and a client that goes away. None may answer
// 500: the first two are a 503 with Retry-After (the request may be sent again), a time limit is
// the timeout problem, and a client that is gone gets no answer and leaves no error in the log.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import { graphChecksum, testDriver } from '../_neo4j.ts';
import { startProxy } from '../api/_proxy.ts';
import { foundingApp, testApp, type TestApp } from '../api/_app.ts';

/** A read that runs until something stops it; the marker finds its transaction. */
const slowQuery = (marker: string) =>
  `UNWIND range(1, 2000000000) AS i WITH i, '${marker}' AS marker WHERE i < 0 RETURN i`;

let t: TestApp;
let base: string;
let server: Server;
const admin = testDriver();

function listen(app: TestApp['app']): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () =>
      resolve({ server: s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}` }),
    );
  });
}

beforeAll(async () => {
  t = await foundingApp({ STANCEGRAPH_CONSOLE_TIMEOUT: '60s', STANCEGRAPH_RATE_LIMIT: '100000' });
  ({ server, url: base } = await listen(t.app));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.driver.close();
  await admin.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The ids of running transactions whose query holds `marker` (polls until there is one). */
async function transactionsOf(marker: string): Promise<string[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { records } = await admin.executeQuery(
      'SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE currentQuery CONTAINS $marker RETURN transactionId',
      { marker: `'${marker}'` },
    );
    const ids = records.map((r) => r.get('transactionId') as string);
    if (ids.length > 0) return ids;
    await sleep(100);
  }
  return [];
}

function post(url: string, body: object, signal?: AbortSignal): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: signal ?? AbortSignal.timeout(110_000),
  });
}

/** Everything the server writes to stderr while `work` runs (its error log lines). */
async function stderrDuring(work: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines.join('');
}

describe('a transaction that ends under its query', () => {
  test('TERMINATE TRANSACTIONS on a console query: 503 query-interrupted with Retry-After', async () => {
    const log = await stderrDuring(async () => {
      const answer = post(`${base}/api/cypher`, { query: slowQuery('terminate-console') });
      const ids = await transactionsOf('terminate-console');
      expect(ids).toHaveLength(1);
      await admin.executeQuery('TERMINATE TRANSACTIONS $ids', { ids });
      const res = await answer;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await res.json()).toMatchObject({
        type: '/problems/query-interrupted',
        status: 503,
        detail: expect.stringContaining('Try again'),
      });
    });
    expect(log).not.toContain('"level":"error"');
    // The server goes on answering.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  test('TERMINATE TRANSACTIONS on an export from a query: 503 before the first byte', async () => {
    const answer = post(`${base}/api/export`, {
      format: 'json',
      source: { type: 'query', query: `MATCH (n) WITH n ${slowQuery('terminate-export').slice(0)}` },
    });
    const ids = await transactionsOf('terminate-export');
    expect(ids.length).toBeGreaterThan(0);
    await admin.executeQuery('TERMINATE TRANSACTIONS $ids', { ids });
    const res = await answer;
    expect(res.status).toBe(503);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(await res.json()).toMatchObject({ type: '/problems/query-interrupted' });
  });

  test('connections cut mid-query (the pool loses them): 503 with Retry-After, then it recovers', async () => {
    const proxy = await startProxy(inject('neo4jUri'));
    const password = inject('neo4jPassword');
    const viaProxy = testApp(
      { STANCEGRAPH_CONSOLE_TIMEOUT: '60s', STANCEGRAPH_RATE_LIMIT: '100000' },
      neo4j.driver(proxy.uri, password ? neo4j.auth.basic(inject('neo4jUser'), password) : undefined),
    );
    const { server: cut, url } = await listen(viaProxy.app);
    try {
      const answers = [
        post(`${url}/api/cypher`, { query: slowQuery('cut-console') }),
        post(`${url}/api/export`, {
          format: 'csv',
          source: { type: 'query', query: `MATCH (n) WITH n ${slowQuery('cut-export')}` },
        }),
      ];
      expect(await transactionsOf('cut-console')).toHaveLength(1);
      expect((await transactionsOf('cut-export')).length).toBeGreaterThan(0);
      await proxy.stop();
      for (const res of await Promise.all(answers)) {
        expect(res.status, await res.clone().text()).toBe(503);
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      }
      expect((await fetch(`${url}/api/search?q=nato`)).status).toBe(503);
      await proxy.start();
      const search = await fetch(`${url}/api/search?q=nato`);
      expect(search.status).toBe(200);
    } finally {
      await new Promise((resolve) => cut.close(resolve));
      await viaProxy.driver.close();
      await proxy.stop();
    }
  });

  test('a time limit reached while records stream is a timeout problem every time, never a 500', async () => {
    const short = testApp({ STANCEGRAPH_CONSOLE_TIMEOUT: '1s', STANCEGRAPH_RATE_LIMIT: '100000' });
    const { server: s, url } = await listen(short.app);
    try {
      const queries = [
        slowQuery('timeout-plain'),
        // Rows stream, a few at a time, until the limit stops the transaction between two PULLs.
        'UNWIND range(1, 100000000) AS i RETURN i, reduce(s = 0, j IN range(1, 300) | s + j) AS x',
      ];
      for (const query of queries) {
        for (let round = 0; round < 3; round++) {
          const res = await post(`${url}/api/cypher`, { query, limit: 10000 });
          // A fast machine may read 10,000 rows within the second: that is a 200 with the row cap.
          if (res.status === 200) continue;
          expect(res.status, await res.clone().text()).toBe(422);
          expect(await res.json()).toMatchObject({ type: '/problems/query-timeout' });
        }
      }
    } finally {
      await new Promise((resolve) => s.close(resolve));
      await short.driver.close();
    }
  });
});

describe('a client that goes away', () => {
  test('its query is stopped, no answer is attempted and no error is logged', async () => {
    const log = await stderrDuring(async () => {
      const aborter = new AbortController();
      const answers = [
        post(`${base}/api/cypher`, { query: slowQuery('gone-console') }, aborter.signal),
        post(
          `${base}/api/export`,
          {
            format: 'graphml',
            source: { type: 'query', query: `MATCH (n) WITH n ${slowQuery('gone-export')}` },
          },
          aborter.signal,
        ),
      ];
      expect(await transactionsOf('gone-console')).toHaveLength(1);
      expect((await transactionsOf('gone-export')).length).toBeGreaterThan(0);
      aborter.abort();
      for (const answer of answers) await expect(answer).rejects.toThrow();
      // Neo4j lets the queries go: the server closed their sessions.
      let left = 1;
      for (let attempt = 0; attempt < 100 && left > 0; attempt++) {
        await sleep(200);
        const { records } = await admin.executeQuery(
          "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'gone-' AND NOT currentQuery CONTAINS 'SHOW' RETURN count(*) AS n",
        );
        left = (records[0]!.get('n') as { toNumber(): number }).toNumber();
      }
      expect(left).toBe(0);
      await sleep(500); // whatever the handlers do after the abort has happened by now
    });
    expect(log).not.toContain('"level":"error"');
    expect(log).not.toContain('ERR_STREAM_PREMATURE_CLOSE');
    const lines = t.logLines.map(
      (line) => JSON.parse(line) as { url: string; status: number; aborted?: boolean },
    );
    for (const line of lines.filter((l) => l.url === '/api/cypher' || l.url === '/api/export')) {
      expect(line.status).not.toBe(500);
    }
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  test('none of this changed the graph', async () => {
    const before = await graphChecksum(admin);
    await post(`${base}/api/cypher`, { query: 'RETURN 1 AS one' });
    expect(await graphChecksum(admin)).toBe(before);
  });
});
