// The entry point that listens (server/http.ts) and the API's configuration: it binds 127.0.0.1
// unless told otherwise, serves the client's build at / next to the API, and on close stops
// listening and closes the driver; bad settings stop it with a message naming the variable.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { serve, type RunningServer } from '../../server/http.ts';
import { testConfig, testDriver } from '../_neo4j.ts';

describe('serve', () => {
  let server: RunningServer;
  let clientDir: string;
  const driver = testDriver();

  beforeAll(async () => {
    clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-client-'));
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Stancegraph</title>');
    const config = testConfig({ STANCEGRAPH_REQUEST_LOG: 'off' });
    server = await serve({ ...config, http: { host: '127.0.0.1', port: 0 } }, { driver, clientDir });
  });

  afterAll(async () => {
    await server.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
  });

  test('answers the API over HTTP on 127.0.0.1', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('ok');
  });

  test("serves the client's build at / and its routes, the API still at /api", async () => {
    expect(server.servesClient).toBe(true);
    expect(await (await fetch(`${server.url}/`)).text()).toContain('<title>Stancegraph</title>');
    expect(await (await fetch(`${server.url}/claims/claim:x`)).text()).toContain(
      '<title>Stancegraph</title>',
    );
    const missing = await fetch(`${server.url}/api/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  test('on close stops listening and closes the driver', async () => {
    const otherDriver = testDriver();
    const closeDriver = vi.spyOn(otherDriver, 'close');
    const other = await serve(
      { ...testConfig(), http: { host: '127.0.0.1', port: 0 } },
      { driver: otherDriver },
    );
    await other.close();
    await other.closed;
    await expect(fetch(`${other.url}/api/health`)).rejects.toThrow();
    expect(closeDriver).toHaveBeenCalledOnce();
  });
});

describe('configuration', () => {
  test('binds 127.0.0.1 and keeps CORS off by default', () => {
    const config = loadConfig({});
    expect(config.http.host).toBe('127.0.0.1');
    expect(config.api.corsOrigins).toEqual([]);
    expect(config.api).toMatchObject({ consoleTimeoutMs: 10_000, consoleRows: 1000, consoleMaxRows: 10_000 });
  });

  test('refuses bad API settings with the variable, its value and what was expected', () => {
    expect(() =>
      loadConfig({ STANCEGRAPH_CONSOLE_TIMEOUT: 'forever', STANCEGRAPH_CORS_ORIGINS: 'localhost' }),
    ).toThrow(
      /STANCEGRAPH_CONSOLE_TIMEOUT="forever": expected a duration such as 30s or 2m[\s\S]*STANCEGRAPH_CORS_ORIGINS="localhost": expected origins/,
    );
    expect(() =>
      loadConfig({ STANCEGRAPH_CONSOLE_ROWS: '500', STANCEGRAPH_CONSOLE_MAX_ROWS: '100' }),
    ).toThrow(/STANCEGRAPH_CONSOLE_ROWS="500": expected at most STANCEGRAPH_CONSOLE_MAX_ROWS \(100\)/);
  });
});
