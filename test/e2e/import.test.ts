// Imported event data in the client, in headless Chromium against the real server and Neo4j: a
// GDELT event (record-grounded: no words) shows its dataset, record id, codes and source URL
// where a stance shows its quote; the legend lists the interaction types with their CAMEO roots;
// the agreement view's options round-trip through the URL, and its export carries its network.

import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { importerFor } from '../../server/import/index.ts';
import { importFiles } from '../../server/import/run.ts';
import { loadFounding, resetGraph } from '../_neo4j.ts';
import { GDELT2 } from '../import/_import.ts';
import { csvObjects, parseCsv, unzip } from '../exports/_files.ts';
import { browserSession, hook, settled } from './_browser.ts';

const session = browserSession(async (running) => {
  await resetGraph(running.driver);
  await loadFounding(running.driver);
  await importFiles(running.driver, importerFor('gdelt'), [GDELT2]);
});
const open = (path: string): Promise<Page> => session.open(path);

describe('imported event data in the client', () => {
  test("shows a GDELT event's record, codes and source URL in the relationship panel", async () => {
    const { records } = await session.running.driver.executeQuery(
      "MATCH (a)-[r {source: 'gdelt', record: '881990835'}]->(b), (d:Document {id: r.doc}) RETURN r.cameo AS cameo, r.goldstein AS goldstein, d.url AS url, type(r) AS type",
    );
    const event = records[0]!.toObject() as { cameo: string; goldstein: number; url: string; type: string };
    const query = "MATCH (a)-[r {source: 'gdelt', record: '881990835'}]->(b) RETURN a, r, b";
    const drawn = await open(`/?q=${encodeURIComponent(query)}&qv=replace`);
    const edges = await hook(drawn).visibleEdges();
    expect(edges).toHaveLength(1);
    await drawn.close();

    const page = await open(
      `/?q=${encodeURIComponent(query)}&qv=replace&edge=${encodeURIComponent(edges[0]!)}`,
    );
    const panel = page.locator('.panel');
    const codes = panel.locator('.record-codes');
    await expect.poll(() => codes.innerText()).toContain('881990835');
    const text = await codes.innerText();
    expect(text).toContain('gdelt');
    expect(text).toContain(`CAMEO code\n${event.cameo}`);
    expect(text).toContain(`Goldstein scale\n${event.goldstein}`);
    await expect.poll(() => codes.locator('a').getAttribute('href')).toBe(event.url);
    await page.close();
  });

  test('lists the interaction types of event data in the legend with their CAMEO roots', async () => {
    const page = await open('/');
    const fights = page.locator('.legend-item.type', { hasText: 'fights' });
    await fights.waitFor();
    expect(await fights.locator('.legend-codes').innerText()).toBe('19');
    expect(await fights.getAttribute('title')).toBe('FIGHTS: CAMEO 19');
    expect(await page.locator('.legend-item.type', { hasText: 'yields to' }).getAttribute('title')).toBe(
      'YIELDS_TO: CAMEO 08 · PLOVER CONCEDE, RETREAT',
    );
    await page.close();
  });

  test("offers DNA's options in the agreement view, and they round-trip through the URL", async () => {
    const page = await open(
      '/?mode=agreement&networkType=onemode&variable1=actor&qualifierAggregation=subtract',
    );
    const options = page.locator('.dna-network');
    expect(await options.locator('.dna-toggle').isChecked()).toBe(true);
    expect(await options.locator('select[data-option="qualifierAggregation"]').inputValue()).toBe('subtract');
    // combine is for two-mode networks: not offered here.
    expect(
      await options
        .locator('select[data-option="qualifierAggregation"] option[value="combine"]')
        .isDisabled(),
    ).toBe(true);
    // Ryabkov and Sherman took opposite sides on the non-expansion claim: a negative weight.
    // The network loads after the page settles: wait for its edges, however long the machine takes.
    await page.waitForFunction(() => window.__stancegraph!.visibleEdges().length > 0, null, {
      timeout: 60_000,
    });
    expect(await hook(page).visibleEdges()).toContainEqual(
      expect.stringContaining('person:sergei-ryabkov|CONFLICT|person:wendy-sherman'),
    );
    await options.locator('select[data-option="normalization"]').selectOption('jaccard');
    await page.waitForFunction(
      () => new URL(window.location.href).searchParams.get('normalization') === 'jaccard',
    );
    await settled(page);
    const shared = page.url();
    await page.close();

    const reopened = await open(new URL(shared).search);
    const again = reopened.locator('.dna-network');
    expect(await again.locator('select[data-option="normalization"]').inputValue()).toBe('jaccard');
    expect(await again.locator('select[data-option="variable1"]').inputValue()).toBe('actor');
    // Back to the plain agreement network: the options leave the URL.
    await again.locator('.dna-toggle').uncheck();
    await reopened.waitForFunction(() => !new URL(window.location.href).searchParams.has('networkType'));
    await reopened.close();
  });

  test("exports the agreement view's network as shown: DNA's matrix and the options in the CSV", async () => {
    const options = 'networkType=onemode&variable1=actor&qualifierAggregation=subtract';
    const page = await open(`/?mode=agreement&${options}`);
    await page.waitForFunction(() => window.__stancegraph!.visibleEdges().length > 0, null, {
      timeout: 60_000,
    });
    await page.getByRole('button', { name: 'Export ▾' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.menu-item[data-format="csv"]').click(),
    ]);
    const files = unzip(fs.readFileSync((await download.path())!));
    expect([...files.keys()]).toEqual(['nodes.csv', 'edges.csv', 'matrix.csv', 'options.csv']);
    const expected = await (
      await fetch(`${session.running.url}/api/networks/agreement?format=matrix&${options}`)
    ).json();
    const [header, ...rows] = parseCsv(files.get('matrix.csv')!.toString('utf8'));
    expect(header!.slice(1)).toEqual(expected.columns);
    expect(rows.map((r) => r.slice(1).map(Number))).toEqual(expected.matrix);
    expect(
      Object.fromEntries(
        csvObjects(files.get('options.csv')!.toString('utf8')).map((r) => [r.option, r.value]),
      ),
    ).toMatchObject({ networkType: 'onemode', variable1: 'actor', qualifierAggregation: 'subtract' });
    await page.close();
  });
});
