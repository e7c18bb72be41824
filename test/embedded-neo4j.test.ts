// The embedded Neo4j's life cycle, on its own data folder and port: start, status, stop, a
// restart that keeps the data, auth with the stored password, and the upgrade of a data folder made
// with auth off. (The rest of the suite runs on the Neo4j of the global setup.)

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../server/config.ts';
import { embeddedAuth, passwordFile } from '../server/neo4j/credentials.ts';
import * as embedded from '../server/neo4j/embedded.ts';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-embedded-'));
const configEnv = {
  STANCEGRAPH_NEO4J_PORT: process.env.STANCEGRAPH_TEST_EMBEDDED_PORT ?? '7698',
  STANCEGRAPH_NEO4J_HEAP: '512m',
  STANCEGRAPH_NEO4J_PAGECACHE: '128m',
};
const config = loadConfig({ ...configEnv, STANCEGRAPH_HOME: home });

afterAll(async () => {
  await embedded.stop(config);
  fs.rmSync(home, { recursive: true, force: true });
});

async function query<T>(cypher: string, on: Config = config): Promise<T[]> {
  const driver = neo4j.driver(embedded.boltUri(on), embeddedAuth(on));
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

  it('refuses Bolt without the password, which only its owner can read', async () => {
    await embedded.start(config);
    const anonymous = neo4j.driver(embedded.boltUri(config), undefined, { connectionTimeout: 5000 });
    try {
      await expect(anonymous.verifyConnectivity()).rejects.toMatchObject({
        code: 'Neo.ClientError.Security.Unauthorized',
      });
    } finally {
      await anonymous.close();
    }
    const guess = neo4j.driver(embedded.boltUri(config), neo4j.auth.basic('neo4j', 'neo4j'));
    try {
      await expect(guess.verifyConnectivity()).rejects.toMatchObject({
        code: 'Neo.ClientError.Security.Unauthorized',
      });
    } finally {
      await guess.close();
    }
    expect(fs.statSync(passwordFile(config)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    expect(await query<{ one: number }>('RETURN 1 AS one')).toHaveLength(1);
  }, 120_000);

  it('upgrades a data folder made with auth off (older versions) without losing its graph', async () => {
    await embedded.stop(config);
    const oldHome = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-embedded-old-'));
    const old = loadConfig({ ...configEnv, STANCEGRAPH_HOME: oldHome });
    try {
      // What older versions left: auth off, no password file.
      const paths = embedded.embeddedPaths(old);
      fs.mkdirSync(paths.dataDir, { recursive: true });
      fs.writeFileSync(
        paths.confFile,
        [
          'server.bolt.enabled=true',
          `server.bolt.listen_address=127.0.0.1:${old.embedded.port}`,
          'server.http.enabled=false',
          'dbms.security.auth_enabled=false',
          `server.directories.data=${paths.dataDir}`,
          'server.memory.pagecache.size=128m',
        ].join('\n'),
      );
      const java = spawn(embedded.javaBinary(), embedded.launcherArgs(old), { stdio: 'ignore' });
      try {
        await embedded.waitForBolt(embedded.boltUri(old), 120_000);
        const driver = neo4j.driver(embedded.boltUri(old));
        await driver.executeQuery("CREATE (:Claim {id: 'claim:from-before-auth', text: 'kept'})");
        await driver.close();
      } finally {
        java.kill('SIGTERM');
        await new Promise((resolve) => java.once('exit', resolve));
      }
      expect(fs.existsSync(passwordFile(old))).toBe(false);

      await embedded.start(old);
      expect(
        await query("MATCH (c:Claim {id: 'claim:from-before-auth'}) RETURN c.text AS text", old),
      ).toEqual([{ text: 'kept' }]);
      const anonymous = neo4j.driver(embedded.boltUri(old));
      await expect(anonymous.verifyConnectivity()).rejects.toMatchObject({
        code: 'Neo.ClientError.Security.Unauthorized',
      });
      await anonymous.close();
    } finally {
      await embedded.stop(old);
      fs.rmSync(oldHome, { recursive: true, force: true });
    }
  }, 240_000);
});
