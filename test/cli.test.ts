// The `stancegraph` command as people use it in a terminal: help on every subcommand, readable
// errors with file:line, read-only queries as a table or JSON.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../scripts/generate.ts';
import { stancegraph } from './_cli.ts';
import { graphChecksum, loadFounding, resetGraph, testDriver } from './_neo4j.ts';

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await resetGraph(driver);
  await loadFounding(driver);
});
afterAll(() => driver.close());

describe('the stancegraph command', () => {
  it('has --help on every subcommand', async () => {
    const top = await stancegraph(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['start', 'db', 'load', 'validate', 'query', 'summary'])
      expect(top.stdout).toContain(command);
    for (const sub of [['load'], ['query'], ['db', 'start'], ['db', 'status'], ['start']]) {
      const help = await stancegraph([...sub, '--help']);
      expect(help.code, sub.join(' ')).toBe(0);
      expect(help.stdout).toContain(`Usage: stancegraph ${sub.join(' ')}`);
    }
  });

  it('prints every dataset error with file:line and exits 1, writing nothing', async () => {
    const before = await graphChecksum(driver);
    const file = path.join('test', 'fixtures', 'malformed', 'unknown-relationship-type.yaml');
    const result = await stancegraph(['load', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${file}:25:11: relationships[0].type: unknown relationship type "DEMAND" (did you mean DEMANDS?)`,
    );
    expect(result.stderr).toContain('nothing was written');
    expect(await graphChecksum(driver)).toBe(before);
  });

  it('validates a bulk folder without writing, and names the file:line of an error', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-cli-bulk-'));
    try {
      await generate({ stances: 200, seed: 3, out: folder });
      const before = await graphChecksum(driver);
      const valid = await stancegraph(['validate', folder]);
      expect(valid.code, valid.stderr).toBe(0);
      expect(valid.stderr).toContain(`${folder}: valid.`);
      const file = path.join(folder, 'claims.jsonl');
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines[4] = JSON.stringify({ ...JSON.parse(lines[4]!), id: 'claim:' });
      fs.writeFileSync(file, lines.join('\n'));
      const broken = await stancegraph(['validate', folder]);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain(`${file}:5`);
      expect(broken.stderr).toContain('nothing was written');
      expect(await graphChecksum(driver)).toBe(before);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says what a dry run would change', async () => {
    const result = await stancegraph([
      'load',
      '--dry-run',
      path.join('test', 'fixtures', 'valid', 'small.yaml'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Dry run: would load 1 file\(s\) in [\d.]+s.*; nothing was written\./);
    expect(result.stderr).toMatch(/node\s+│ Claim\s+│ 1\s+│ 0\s+│ 0/);
  });

  it('prints a query as a table, or as JSON lines with --json', async () => {
    const cypher = 'MATCH (p:Person) WHERE p.id = $id RETURN p.name AS name, p.aliases AS aliases';
    const table = await stancegraph(['query', cypher, '-p', 'id=person:julianne-smith']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^name\s+│ aliases/);
    expect(table.stdout).toContain('Julianne Smith');

    const json = await stancegraph(['query', cypher, '-p', 'id=person:julianne-smith', '--json']);
    expect(JSON.parse(json.stdout.trim())).toEqual({
      name: 'Julianne Smith',
      aliases: expect.arrayContaining(['Juliana Smith']),
    });
  });

  it('refuses a write through `query`, leaving the graph unchanged', async () => {
    const before = await graphChecksum(driver);
    const result = await stancegraph(['query', "MATCH (p:Person) SET p.name = 'hacked'"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('read-only');
    expect(await graphChecksum(driver)).toBe(before);
  });

  it('names the variable, its value and what was expected when the environment is wrong', async () => {
    const result = await stancegraph(['summary'], { STANCEGRAPH_NEO4J_PORT: 'seventy', NEO4J_URI: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('STANCEGRAPH_NEO4J_PORT="seventy"');
    expect(result.stderr).toMatch(/expected number/);
  });
});
