// POST /api/documents/fetch does not open the server's network to whoever may write: by default a
// page on a loopback, private or link-local address is refused (by literal address and by a name
// that resolves to one, also behind a redirect) before any request reaches it, and the graph is
// unchanged; STANCEGRAPH_FETCH_PRIVATE=on allows it (an intranet); a page over
// STANCEGRAPH_FETCH_MAX_BYTES is refused. The pages come from a real HTTP server on 127.0.0.1.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isPublicAddress } from '../../server/extract/fetch-guard.ts';
import { datasetFingerprint, write, writeApp, type WriteApp } from './_write.ts';

const ARTICLE = fs.readFileSync(
  path.join(import.meta.dirname, '..', 'fixtures', 'extract', 'articles', 'article.html'),
  'utf8',
);

let site: http.Server;
let port = 0;
const requests: string[] = [];
let guarded: WriteApp;
let open: WriteApp;
let small: WriteApp;

beforeAll(async () => {
  site = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/article.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(ARTICLE);
    } else if (req.url?.startsWith('/hop/')) {
      const left = Number(req.url.slice('/hop/'.length));
      res.writeHead(302, { Location: left > 0 ? `/hop/${left - 1}` : '/article.html' });
      res.end();
    } else {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  port = (site.address() as AddressInfo).port;
  guarded = await writeApp();
  open = await writeApp({ STANCEGRAPH_FETCH_PRIVATE: 'on' });
  small = await writeApp({ STANCEGRAPH_FETCH_PRIVATE: 'on', STANCEGRAPH_FETCH_MAX_BYTES: '1k' });
});

afterAll(async () => {
  await new Promise<void>((resolve) => site.close(() => resolve()));
  for (const app of [guarded, open, small]) await app?.driver.close();
});

describe('addresses', () => {
  test.each([
    ['8.8.8.8', true],
    ['151.101.1.69', true],
    ['2606:4700:4700::1111', true],
    ['127.0.0.1', false],
    ['10.20.30.40', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['224.0.0.251', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd12:3456::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['not an address', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('POST /api/documents/fetch', () => {
  test.each([
    ['a literal loopback address', () => `http://127.0.0.1:${port}/article.html`],
    ['a name that resolves to loopback', () => `http://localhost:${port}/article.html`],
    ['a link-local address (cloud metadata)', () => 'http://169.254.169.254/latest/meta-data/'],
  ])('refuses %s, reaching nothing and writing nothing', async (_, url) => {
    const before = await datasetFingerprint(guarded.driver);
    const seen = requests.length;
    const res = await write(guarded.app, 'post', '/api/documents/fetch', {
      url: url(),
      extract: false,
    }).expect(422);
    expect(res.body.type).toBe('/problems/unreadable-page');
    expect(res.body.errors[0].pointer).toBe('/body/url');
    expect(res.body.detail).toMatch(/not a public internet address.*STANCEGRAPH_FETCH_PRIVATE=on/);
    expect(requests.length).toBe(seen);
    expect(await datasetFingerprint(guarded.driver)).toBe(before);
  });

  test('fetches the same page with STANCEGRAPH_FETCH_PRIVATE=on, following redirects', async () => {
    const res = await write(open.app, 'post', '/api/documents/fetch', {
      url: `http://localhost:${port}/hop/2`,
      extract: false,
    }).expect(201);
    expect(res.body.id).toMatch(/^document:/);
    expect(requests.slice(-4)).toEqual(['/hop/2', '/hop/1', '/hop/0', '/article.html']);
  });

  test('stops after five redirects', async () => {
    const res = await write(open.app, 'post', '/api/documents/fetch', {
      url: `http://127.0.0.1:${port}/hop/9`,
      extract: false,
    }).expect(422);
    expect(res.body.detail).toMatch(/more than 5 redirects/);
  });

  test('refuses a page larger than STANCEGRAPH_FETCH_MAX_BYTES, writing nothing', async () => {
    const before = await datasetFingerprint(small.driver);
    const res = await write(small.app, 'post', '/api/documents/fetch', {
      url: `http://127.0.0.1:${port}/article.html`,
      extract: false,
    }).expect(422);
    expect(res.body.detail).toMatch(/larger than 1024 bytes \(STANCEGRAPH_FETCH_MAX_BYTES\)/);
    expect(await datasetFingerprint(small.driver)).toBe(before);
  });
});
