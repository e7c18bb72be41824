// `stancegraph import` as people run it: help, a dry run that writes nothing, the summary with
// the rows that could not be mapped, and a readable refusal with file:line.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stancegraph } from '../_cli.ts';
import { countAll, resetGraph, testDriver } from '../_neo4j.ts';
import { DNA_SAMPLE, GDELT2 } from './_import.ts';

let driver: Driver;
let scratch: string;
beforeAll(async () => {
  driver = testDriver();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-import-cli-'));
  await resetGraph(driver);
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('stancegraph import', () => {
  it('explains itself with --help and names the formats', async () => {
    const { code, stdout } = await stancegraph(['import', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('one of dna, gdelt, icews');
    expect(stdout).toContain('--dry-run');
    expect(stdout).toContain('--from <date>');
    const unknown = await stancegraph(['import', 'acled', 'x.csv']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown format "acled"; expected one of dna, gdelt, icews');
  });

  it('reports what a dry run would do and writes nothing', async () => {
    const { code, stderr } = await stancegraph(['import', 'dna', '--dry-run', DNA_SAMPLE]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/stance\s+│ 40 /);
    expect(stderr).toContain('nothing was written');
    expect(stderr).toContain(
      'statement type "Annotation" has no person/organization, concept and agreement variables',
    );
    expect(await countAll(driver)).toEqual({ nodes: 0, relationships: 0 });
  });

  it('imports and lists the unmappable rows with their lines', async () => {
    const { code, stderr } = await stancegraph(['import', 'gdelt', '--list-skipped', '2', GDELT2]);
    expect(code).toBe(0);
    expect(stderr).toContain('Read 50 gdelt row(s) from 1 file(s)');
    expect(stderr).toContain('18 row(s) could not be mapped');
    expect(stderr).toContain(`${GDELT2}:1 (GDELT 881990832): one actor only (Actor1Code empty)`);
    expect(stderr).toContain('… and 16 more');
  });

  it('refuses a malformed file with file:line, field and expectation, writing nothing, exit code 1', async () => {
    await resetGraph(driver);
    const bad = path.join(scratch, 'bad.CSV');
    const lines = fs.readFileSync(GDELT2, 'utf8').split('\n');
    lines[2] = lines[2]!.replace(/^\d+/, 'x1');
    fs.writeFileSync(bad, lines.join('\n'));
    const { code, stderr } = await stancegraph(['import', 'gdelt', bad]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${bad}:3 (GLOBALEVENTID): expected a numeric event id, got "x1"`);
    expect(stderr).toContain('Nothing was written.');
    expect(await countAll(driver)).toEqual({ nodes: 0, relationships: 0 });
  });
});
