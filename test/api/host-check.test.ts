// DNS rebinding: a page whose name was rebound to 127.0.0.1 still sends its own name in Host, and
// gets a 421, for the API and the client alike; the server's own names on its port are served.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp } from './_app.ts';

function listen(env: Record<string, string> = {}): Promise<{ server: http.Server; port: number }> {
  const { app } = testApp({ STANCEGRAPH_REQUEST_LOG: 'off', ...env });
  const server = http.createServer(app);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })),
  );
}

let plain: { server: http.Server; port: number };
let proxied: { server: http.Server; port: number };

beforeAll(async () => {
  plain = await listen();
  proxied = await listen({ STANCEGRAPH_ALLOWED_HOSTS: 'graph.example.org, other.example.org:8443' });
});

afterAll(() => {
  plain.server.close();
  proxied.server.close();
});

describe('the Host check (DNS rebinding)', () => {
  test('serves its own names on its own port', async () => {
    for (const host of ['127.0.0.1', 'localhost', 'LOCALHOST']) {
      await request(plain.server).get('/api/openapi.json').set('Host', `${host}:${plain.port}`).expect(200);
    }
  });

  test.each([
    ['a rebound name', (port: number) => `evil.example:${port}`],
    ['a rebound name without port', () => 'evil.example'],
    ['a loopback name on another port', () => '127.0.0.1:1'],
    ['localhost with a suffix', (port: number) => `localhost.evil.example:${port}`],
    ['garbage', () => 'a b c'],
  ])('answers %s with a 421 problem that says what it serves', async (_what, host) => {
    const res = await request(plain.server)
      .get('/api/search?q=nato')
      .set('Host', host(plain.port))
      .expect(421)
      .expect('content-type', /^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: '/problems/misdirected-request',
      detail: expect.stringContaining('STANCEGRAPH_ALLOWED_HOSTS'),
    });
  });

  test('refuses the console to a rebound name too (no query runs)', async () => {
    await request(plain.server)
      .post('/api/cypher')
      .set('Host', `evil.example:${plain.port}`)
      .send({ query: 'MATCH (n) RETURN n' })
      .expect(421);
  });

  test('serves the names of STANCEGRAPH_ALLOWED_HOSTS (a reverse proxy in front)', async () => {
    await request(proxied.server).get('/api/openapi.json').set('Host', 'graph.example.org').expect(200);
    await request(proxied.server).get('/api/openapi.json').set('Host', 'graph.example.org:443').expect(200);
    await request(proxied.server).get('/api/openapi.json').set('Host', 'other.example.org:8443').expect(200);
    await request(proxied.server).get('/api/openapi.json').set('Host', 'other.example.org:80').expect(421);
    await request(proxied.server).get('/api/openapi.json').set('Host', 'evil.example').expect(421);
  });
});
