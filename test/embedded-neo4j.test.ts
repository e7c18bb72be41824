// The embedded Neo4j's life cycle, on its own data folder and port: start, status, stop, and a
// restart that keeps the data. (The rest of the suite runs on the Neo4j of the global setup.)

import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import * as embedded from '../server/neo4j/embedded.ts';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-embedded-'));
const config = loadConfig({
  STANCEGRAPH_HOME: home,
  STANCEGRAPH_NEO4J_PORT: process.env.STANCEGRAPH_TEST_EMBEDDED_PORT ?? '7698',
  STANCEGRAPH_NEO4J_HEAP: '512m',
  STANCEGRAPH_NEO4J_PAGECACHE: '128m',
});

afterAll(async () => {
  await embedded.stop(config);
  fs.rmSync(home, { recursive: true, force: true });
});

async function query<T>(cypher: string): Promise<T[]> {
  const driver = neo4j.driver(embedded.boltUri(config));
  try {
    return (await driver.executeQuery(cypher)).records.map((r) => r.toObject() as T);
  } finally {
    await driver.close();
  }
}

describe('the embedded Neo4j', () => {
  it('starts, reports its status, stops, and keeps its data across a restart', async () => {
    expect(embedded.status(config).running).toBe(false);

    const first = await embedded.start(config);
    expect(first.alreadyRunning).toBe(false);
    expect(embedded.status(config)).toMatchObject({ running: true, pid: first.pid });
    const [component] = await query<{ version: string }>(
      'CALL dbms.components() YIELD versions RETURN versions[0] AS version',
    );
    expect(component?.version).toMatch(/^5\.26\./);
    await query("CREATE (:Claim {id: 'claim:survives-restart', text: 'kept'})");

    const again = await embedded.start(config);
    expect(again).toEqual({ alreadyRunning: true, pid: first.pid });

    expect(await embedded.stop(config)).toEqual({ wasRunning: true });
    expect(embedded.status(config).running).toBe(false);
    await expect(query('RETURN 1')).rejects.toThrow();
    expect(fs.readFileSync(path.join(home, 'neo4j', 'neo4j.log'), 'utf8')).toContain('stopped');

    const second = await embedded.start(config);
    expect(second.alreadyRunning).toBe(false);
    expect(await query("MATCH (c:Claim {id: 'claim:survives-restart'}) RETURN c.text AS text")).toEqual([
      { text: 'kept' },
    ]);
  }, 240_000); // two starts and a graceful stop (Neo4j's Bolt server takes ~10 s to shut down)

  it('is hardened: no file URLs for LOAD CSV, an import folder of its own, a transaction timeout', () => {
    const conf = fs.readFileSync(path.join(home, 'neo4j', 'neo4j.conf'), 'utf8');
    expect(conf).toContain('dbms.security.allow_csv_import_from_file_urls=false');
    expect(conf).toContain(`server.directories.import=${path.join(home, 'neo4j', 'import')}`);
    expect(conf).toMatch(/db\.transaction\.timeout=\d+/);
    expect(conf).toMatch(/db\.memory\.transaction\.max=\d+/);
    expect(conf).toContain('server.bolt.listen_address=127.0.0.1:');
  });

  it('says clearly when its port is taken by another program', async () => {
    await embedded.stop(config);
    const blocker = net.createServer().listen(config.embedded.port, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      await expect(embedded.start(config)).rejects.toThrow(
        /port \d+ on 127\.0\.0\.1 is taken.*STANCEGRAPH_NEO4J_PORT/,
      );
    } finally {
      blocker.close();
    }
  }, 60_000);
});
