// What every answer shares: problem+json errors (never a 500 for bad input), security headers,
// CORS only when configured, the rate limit on the console and exports, one JSON log line per
// request, 503 with Retry-After while Neo4j is away and recovery when it is back, the OpenAPI
// document.

import neo4j from 'neo4j-driver';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inject } from 'vitest';
import { API_ROUTES } from '../../server/api/routes/index.ts';
import { startProxy } from './_proxy.ts';
import { foundingApp, testApp, type TestApp } from './_app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await foundingApp();
});

afterAll(async () => {
  await t.driver.close();
});

describe('errors', () => {
  test('answers an unknown endpoint with a 404 problem', async () => {
    const res = await request(t.app)
      .get('/api/nothing-here')
      .expect(404)
      .expect('content-type', /^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: '/problems/not-found',
      status: 404,
      detail: expect.stringContaining('/api/nothing-here'),
    });
  });

  test.each([
    [
      'malformed JSON',
      () => request(t.app).post('/api/cypher').set('content-type', 'application/json').send('{"query": '),
      '/body',
    ],
    [
      'a body that is not JSON',
      () => request(t.app).post('/api/cypher').set('content-type', 'text/plain').send('MATCH (n) RETURN n'),
      '/body',
    ],
    ['a JSON array body', () => request(t.app).post('/api/cypher').send([1, 2]), '/body'],
    [
      'a repeated scalar parameter',
      () => request(t.app).get('/api/search?q=a&limit=1&limit=2'),
      '/query/limit',
    ],
    [
      'an object where a string goes',
      () =>
        request(t.app)
          .post('/api/cypher')
          .send({ query: { $ne: 1 } }),
      '/body/query',
    ],
    ['a bad percent-encoding', () => request(t.app).get('/api/nodes/%E0%A4%A'), undefined],
    [
      'an export without a source',
      () => request(t.app).post('/api/export').send({ format: 'gexf' }),
      '/body/source',
    ],
    [
      'an export with an unknown source type',
      () =>
        request(t.app)
          .post('/api/export')
          .send({ format: 'gexf', source: { type: 'all' } }),
      '/body/source/type',
    ],
  ])('answers %s with a 400 problem, never a 500', async (_what, send, pointer) => {
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (pointer) expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  test('answers a body over the size limit with 413', async () => {
    const res = await request(t.app)
      .post('/api/cypher')
      .send({ query: 'RETURN 1', params: { big: 'x'.repeat(3_000_000) } });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('headers', () => {
  test('sends security headers and a request id', async () => {
    const res = await request(t.app).get('/api/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('sends no CORS header unless origins are configured', async () => {
    const res = await request(t.app).get('/api/health').set('Origin', 'https://evil.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('allows the configured origins only, preflight included', async () => {
    const cors = testApp({ STANCEGRAPH_CORS_ORIGINS: 'http://localhost:5173' });
    try {
      const allowed = await request(cors.app)
        .get('/api/health')
        .set('Origin', 'http://localhost:5173')
        .expect(200);
      expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      const other = await request(cors.app)
        .get('/api/health')
        .set('Origin', 'https://evil.example')
        .expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await request(cors.app)
        .options('/api/cypher')
        .set('Origin', 'http://localhost:5173')
        .set('Access-Control-Request-Method', 'POST')
        .expect(204);
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    } finally {
      await cors.driver.close();
    }
  });
});

describe('rate limit', () => {
  test('refuses console requests over the limit with a 429 problem and Retry-After, other endpoints unaffected', async () => {
    const limited = testApp({ STANCEGRAPH_RATE_LIMIT: '2' });
    try {
      for (let i = 0; i < 2; i++)
        await request(limited.app).post('/api/cypher').send({ query: 'RETURN 1 AS one' }).expect(200);
      const res = await request(limited.app)
        .post('/api/cypher')
        .send({ query: 'RETURN 1 AS one' })
        .expect(429);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body).toMatchObject({
        type: '/problems/too-many-requests',
        detail: expect.stringContaining('2 console and export requests'),
      });
      await request(limited.app).get('/api/search?q=ryab').expect(200);
    } finally {
      await limited.driver.close();
    }
  });
});

describe('request log', () => {
  test('writes one JSON line per request with what an operator needs', async () => {
    const logged = testApp();
    try {
      const ok = await request(logged.app).get('/api/search?q=ryab').expect(200);
      await request(logged.app).get('/api/nodes/person:nobody').expect(404);
      expect(logged.logLines).toHaveLength(2);
      const [first, second] = logged.logLines.map((line) => JSON.parse(line));
      expect(first).toMatchObject({
        level: 'info',
        msg: 'request',
        method: 'GET',
        url: '/api/search?q=ryab',
        status: 200,
        requestId: ok.headers['x-request-id'],
        durationMs: expect.any(Number),
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      expect(second).toMatchObject({ level: 'warn', status: 404 });
    } finally {
      await logged.driver.close();
    }
  });
});

describe('Neo4j away', () => {
  test('answers 503 with Retry-After when Neo4j does not answer', async () => {
    const away = testApp({}, neo4j.driver('bolt://127.0.0.1:1', undefined, { connectionTimeout: 2000 }));
    try {
      const health = await request(away.app).get('/api/health').expect(503).expect('retry-after', '5');
      expect(health.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(health.body).toMatchObject({ type: '/problems/neo4j-unavailable', neo4j: { reachable: false } });
      // Where Neo4j runs is for the server's log, not for whoever asks.
      expect(health.text).not.toMatch(/127\.0\.0\.1|:1\b|ECONNREFUSED/);
      await request(away.app).get('/api/search?q=ryab').expect(503).expect('retry-after', '5');
      await request(away.app).post('/api/cypher').send({ query: 'RETURN 1' }).expect(503);
      await request(away.app)
        .post('/api/export')
        .send({ format: 'json', source: { type: 'graph' } })
        .expect(503);
    } finally {
      await away.driver.close();
    }
  });

  test('recovers by itself when Neo4j comes back, without a restart', async () => {
    const proxy = await startProxy(inject('neo4jUri'));
    const password = inject('neo4jPassword');
    const app = testApp(
      {},
      neo4j.driver(proxy.uri, password ? neo4j.auth.basic(inject('neo4jUser'), password) : undefined),
    );
    try {
      await request(app.app).get('/api/health').expect(200);
      await proxy.stop();
      await request(app.app).get('/api/health').expect(503).expect('retry-after', '5');
      await request(app.app).get('/api/nodes/person:sergei-ryabkov').expect(503);
      await proxy.start();
      await request(app.app).get('/api/health').expect(200);
      const node = await request(app.app).get('/api/nodes/person:sergei-ryabkov').expect(200);
      expect(node.body.label).toBe('Sergei Ryabkov');
    } finally {
      await app.driver.close();
      await proxy.stop();
    }
  });
});

describe('GET /api/openapi.json', () => {
  test('documents every route, generated from the schemas that validate requests', async () => {
    const res = await request(t.app).get('/api/openapi.json').expect(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    );
    expect(operations).toHaveLength(API_ROUTES.length);
    expect(operations).toContain('GET /api/nodes/{id}/neighborhood getNeighborhood');
    const depth = doc.paths['/api/nodes/{id}/neighborhood'].get.parameters.find(
      (p: { name: string }) => p.name === 'depth',
    );
    expect(depth).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 3, default: 1 },
    });
    const exportBody = doc.paths['/api/export'].post.requestBody.content['application/json'].schema;
    expect(exportBody.properties.format.enum).toEqual(['gexf', 'graphml', 'json', 'csv', 'cypher']);
    expect(doc.paths['/api/cypher'].post.responses['403'].content['application/problem+json']).toBeDefined();
    expect(doc.paths['/api/export'].post.responses['200'].content['application/gexf+xml']).toBeDefined();
  });
});
