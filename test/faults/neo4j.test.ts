// Faults injected on purpose into the embedded Neo4j, on a data folder and port of its own, while
// the API serves: a query that runs the heap out gets an error of its own and Neo4j stays up; a
// SIGKILL gives 503 with Retry-After (never a 500) until the supervisor has started Neo4j again,
// the API recovers without a restart of its own, and every committed change is still there; a
// SIGSTOP (a hung Neo4j: the process is there but answers nothing) is found by the supervisor's
// health checks, killed and started again, with the same outcome.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOUNDING_DATASET } from '../../server/cli/commands/start.ts';
import { loadConfig } from '../../server/config.ts';
import { loadFiles } from '../../server/dataset/load.ts';
import { serve, type RunningServer } from '../../server/http.ts';
import { graphChecksum } from '../../server/neo4j/checksum.ts';
import { embeddedAuth } from '../../server/neo4j/credentials.ts';
import * as embedded from '../../server/neo4j/embedded.ts';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-faults-'));
const config = loadConfig({
  STANCEGRAPH_HOME: home,
  STANCEGRAPH_NEO4J_PORT: process.env.STANCEGRAPH_TEST_FAULTS_PORT ?? '7699',
  STANCEGRAPH_NEO4J_HEAP: '512m',
  STANCEGRAPH_NEO4J_PAGECACHE: '128m',
  STANCEGRAPH_CONSOLE_TIMEOUT: '60s',
  STANCEGRAPH_REQUEST_LOG: 'off',
  STANCEGRAPH_RATE_LIMIT: '100000',
});

let server: RunningServer;
let driver: Driver;
const logLines: string[] = [];

beforeAll(async () => {
  await embedded.start(config);
  driver = neo4j.driver(embedded.boltUri(config), embeddedAuth(config));
  await loadFiles(driver, [FOUNDING_DATASET]);
  server = await serve(
    { ...config, http: { host: '127.0.0.1', port: 0 } },
    // Bolt checks 4 s apart instead of 10 (a hang found after 12 s, not 30): the same detector, sooner.
    { log: (line) => logLines.push(line), supervise: { healthIntervalMs: 4000 } },
  );
}, 240_000);

afterAll(async () => {
  const { pid } = embedded.status(config);
  if (pid !== undefined) process.kill(pid, 'SIGCONT'); // a failed hang test must not leave it stopped
  await server?.close();
  await driver?.close();
  await embedded.stop(config);
  fs.rmSync(home, { recursive: true, force: true });
}, 120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the embedded Neo4j under faults', () => {
  it('survives a console query that runs its heap out: an error for that query, the same process after', async () => {
    const pid = embedded.status(config).pid;
    // String building is not counted by the transaction memory limits: 2^30 characters.
    const query = "RETURN size(reduce(s = 'x', i IN range(1, 30) | s + s)) AS n";
    const answers = await Promise.all(
      [1, 2].map(() =>
        fetch(`${server.url}/api/cypher`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        }),
      ),
    );
    for (const res of answers) {
      expect(res.status).toBe(422);
      expect(((await res.json()) as { type: string }).type).toBe('/problems/too-large');
    }
    expect(embedded.status(config)).toMatchObject({ running: true, pid });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 300_000);

  it('is started again after a SIGKILL; the API says 503 with Retry-After meanwhile and loses nothing', async () => {
    const before = await graphChecksum(driver);
    const { pid } = embedded.status(config);
    process.kill(pid!, 'SIGKILL');

    const statuses = new Map<number, number>();
    let recovered = false;
    for (let attempt = 0; attempt < 600 && !recovered; attempt++) {
      for (const url of ['/api/search?q=nato', '/api/health', '/api/nodes/person:sergei-ryabkov']) {
        const res = await fetch(`${server.url}${url}`);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect([200, 503], `${url}: ${res.status} ${await res.clone().text()}`).toContain(res.status);
        if (res.status === 503) expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        if (res.status === 200 && url === '/api/health' && (statuses.get(503) ?? 0) > 0) recovered = true;
      }
      await sleep(250);
    }
    expect(statuses.get(503)).toBeGreaterThan(0);
    expect(recovered).toBe(true);
    expect(server.supervisor?.restarts, logLines.join('\n')).toBe(1);
    expect(embedded.status(config).pid).not.toBe(pid);
    expect(logLines.join('\n')).toContain('exited unexpectedly');

    const res = await fetch(`${server.url}/api/search?q=ryab`);
    expect(res.status).toBe(200);
    expect(await graphChecksum(driver)).toBe(before);
  }, 300_000);

  it('is killed and started again when it hangs (SIGSTOP); the API answers 503 meanwhile and loses nothing', async () => {
    const before = await graphChecksum(driver);
    const { pid } = embedded.status(config);
    const restarts = server.supervisor!.restarts;
    process.kill(pid!, 'SIGSTOP');

    const statuses = new Map<number, number>();
    let recovered = false;
    for (let attempt = 0; attempt < 300 && !recovered; attempt++) {
      for (const url of ['/api/health', '/api/search?q=nato', '/api/nodes/person:sergei-ryabkov']) {
        // A generous client timeout: a request on a connection to the stopped process waits for the kill.
        const res = await fetch(`${server.url}${url}`, { signal: AbortSignal.timeout(120_000) });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect([200, 503], `${url}: ${res.status} ${await res.clone().text()}`).toContain(res.status);
        if (res.status === 503) expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        if (res.status === 200 && url === '/api/health' && (statuses.get(503) ?? 0) > 0) recovered = true;
      }
      await sleep(500);
    }
    expect(statuses.get(503)).toBeGreaterThan(0);
    expect(recovered).toBe(true);
    expect(server.supervisor?.hangs, logLines.join('\n')).toBe(1);
    expect(server.supervisor?.restarts).toBe(restarts + 1);
    expect(embedded.status(config).pid).not.toBe(pid);
    expect(logLines.join('\n')).toContain('hung');

    const node = await fetch(`${server.url}/api/nodes/person:sergei-ryabkov`);
    expect(node.status).toBe(200);
    expect(await graphChecksum(driver)).toBe(before);
  }, 400_000);
});
