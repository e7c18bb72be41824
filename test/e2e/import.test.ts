// Imported event data in the client, in headless Chromium against the real server and Neo4j: a
// GDELT event (record-grounded: no words) shows its dataset, record id, codes and source URL
// where a stance shows its quote; the legend lists the interaction types with their CAMEO roots.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { importerFor } from '../../server/import/index.ts';
import { importFiles } from '../../server/import/run.ts';
import { loadFounding, resetGraph } from '../_neo4j.ts';
import { GDELT2 } from '../import/_import.ts';
import { browserSession, hook } from './_browser.ts';

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
});
