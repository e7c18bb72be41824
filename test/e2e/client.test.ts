// The client end to end, in Debian's headless Chromium, against the real server and Neo4j holding
// the founding dataset: what an analyst does (search, read a position and its quote, expand,
// filter by time, query in Cypher, export, share a link), read from the page's test hook.

import fs from 'node:fs';
import { MultiDirectedGraph } from 'graphology';
import gexf from 'graphology-gexf';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { loadFounding, resetGraph } from '../_neo4j.ts';
import { browserSession, hook, settled } from './_browser.ts';

const RYABKOV = 'person:sergei-ryabkov';
const NON_EXPANSION = 'claim:nato-non-expansion-guarantee';
const RYABKOV_QUOTE = 'We need legal guarantees, legal guarantees not to expand NATO further';
/** The graph views' edge for every DEMANDS from Ryabkov to the claim (source|type|target). */
const RYABKOV_DEMANDS_EDGE = `${RYABKOV}|DEMANDS|${NON_EXPANSION}`;

const session = browserSession(async (running) => {
  await resetGraph(running.driver);
  await loadFounding(running.driver);
});

/** How many DEMANDS from Ryabkov to the claim the graph holds (the founding article has several). */
async function ryabkovDemands(): Promise<number> {
  const { records } = await session.running.driver.executeQuery(
    'MATCH (:Person {id: $actor})-[r:DEMANDS]->(:Claim {id: $claim}) RETURN count(r) AS n',
    { actor: RYABKOV, claim: NON_EXPANSION },
  );
  return records[0]!.get('n').toNumber() as number;
}

const open = (path = '/'): Promise<Page> => session.open(path);

describe('the client in a browser', () => {
  test('loads and draws the founding dataset', async () => {
    const page = await open();
    const view = hook(page);
    expect(await view.status()).toMatchObject({ canvas: 'ready', mode: 'stances' });
    const order = await view.graphOrder();
    const { records } = await session.running.driver.executeQuery(
      'MATCH (n) WHERE NOT n:Document RETURN count(n) AS n',
    );
    expect(order).toBe(records[0]!.get('n').toNumber());
    expect((await view.visibleNodes()).length).toBe(order);
    expect((await view.visibleEdges()).length).toBeGreaterThan(50);
    await page.locator('.sigma-container canvas').first().waitFor();
    await page.locator('.legend-item[title="DEMANDS"]', { hasText: 'demands' }).waitFor();
    await page.close();
  });

  test('finds Ryabkov by search, selects him and shows his demand for legal guarantees with its quote', async () => {
    const page = await open();
    await page.locator('.search-input').fill('Ryabkov');
    await page.locator('.hit', { hasText: 'Sergei Ryabkov' }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => window.__stancegraph!.selected()?.id === id, RYABKOV);
    expect(await hook(page).selected()).toEqual({ type: 'node', id: RYABKOV });
    expect(new URL(page.url()).searchParams.get('node')).toBe(RYABKOV);

    const panel = page.locator('.panel');
    await expect.poll(() => panel.locator('.node-name').innerText()).toBe('Sergei Ryabkov');
    await expect.poll(() => panel.locator('.node-title').innerText()).toBe('Deputy Foreign Minister');
    const demands = panel.locator('.position-group[data-type="DEMANDS"]');
    await expect.poll(() => demands.locator('h4').textContent()).toContain('demands');
    const position = demands.locator(`.position[data-other="${NON_EXPANSION}"]`, { hasText: RYABKOV_QUOTE });
    await expect
      .poll(() => position.innerText())
      .toContain('NATO should give legal guarantees that it will not expand further');
    await expect.poll(() => position.locator('.quote').innerText()).toBe(`“${RYABKOV_QUOTE}”`);
    await expect.poll(() => position.locator('.source').innerText()).toContain('2022-01-11');

    // The quote inside its document, from the edge: the canvas draws his two demands of this claim
    // as one edge (×2); its panel lists both, and shows the one asked for in its document.
    await position.getByRole('button', { name: /in the text/ }).click();
    expect(await hook(page).selected()).toEqual({ type: 'edge', id: RYABKOV_DEMANDS_EDGE });
    await expect
      .poll(async () => (await panel.locator('.edge-sentence').innerText()).replace(/\s+/g, ' ').trim())
      .toBe('Sergei Ryabkov demands NATO should give legal guarantees that it will not expand further');
    const parallel = await ryabkovDemands();
    expect(parallel).toBeGreaterThan(1);
    await expect.poll(() => panel.locator('.properties').innerText()).toContain(`Relationships\n${parallel}`);
    const item = panel.locator('.edge-relationship', { hasText: RYABKOV_QUOTE });
    await expect.poll(() => item.locator('.quote').innerText()).toBe(`“${RYABKOV_QUOTE}”`);
    expect(await panel.locator('.edge-relationship').count()).toBe(parallel);
    await item.getByRole('button', { name: 'in the text' }).click();
    await expect.poll(() => panel.locator('.document-text mark').innerText()).toBe(RYABKOV_QUOTE);
    await panel.locator('.edge-back').click();
    await expect.poll(() => panel.locator('.edge-relationship').count()).toBe(parallel);
    await page.close();
  });

  test('draws parallel stances as one edge with its count, and the edge panel pages through them', async () => {
    // Twelve more reports of the same demand, dated after the founding article's.
    const founding = await ryabkovDemands();
    const total = founding + 12;
    await session.running.driver.executeQuery(
      `MATCH (p:Person {id: $actor}), (c:Claim {id: $claim})
       UNWIND range(1, 12) AS i
       CREATE (p)-[:DEMANDS {doc: $doc, start: 100000 + i, end: 100010 + i, quote: 'Extra demand ' + i,
         date: date('2022-02-01') + duration({days: i}), method: 'manual', confidence: 1.0, modality: 'asserted'}]->(c)`,
      { actor: RYABKOV, claim: NON_EXPANSION, doc: 'document:2022-01-11-us-nato-envoy-on-russia-talks' },
    );
    try {
      const page = await open(`/?edge=${encodeURIComponent(RYABKOV_DEMANDS_EDGE)}`);
      const view = hook(page);
      expect(await view.visibleEdges()).toContain(RYABKOV_DEMANDS_EDGE);
      expect(await view.selected()).toEqual({ type: 'edge', id: RYABKOV_DEMANDS_EDGE });
      const panel = page.locator('.panel');
      await expect.poll(() => panel.locator('.properties').innerText()).toContain(`Relationships\n${total}`);
      const items = panel.locator('.edge-relationship');
      await expect.poll(() => items.count()).toBe(10);
      await expect.poll(() => panel.locator('.edge-pages').innerText()).toContain(`1–10 of ${total}`);
      await expect.poll(() => items.nth(0).locator('.quote').innerText()).not.toContain('Extra demand');
      await panel.getByRole('button', { name: 'Later' }).click();
      await expect.poll(() => panel.locator('.edge-pages').innerText()).toContain(`11–${total} of ${total}`);
      await expect.poll(() => items.count()).toBe(total - 10);
      await expect.poll(() => items.last().locator('.quote').innerText()).toBe('“Extra demand 12”');
      expect(await panel.getByRole('button', { name: 'Later' }).isDisabled()).toBe(true);
      await panel.getByRole('button', { name: 'Earlier' }).click();
      await expect.poll(() => panel.locator('.edge-pages').innerText()).toContain(`1–10 of ${total}`);
      await page.close();
    } finally {
      await session.running.driver.executeQuery('MATCH ()-[r:DEMANDS]->() WHERE r.start > 100000 DELETE r');
    }
  });

  test('points at a relationship on the canvas and clicks it to read it; a click on nothing clears', async () => {
    // Only Ryabkov, the claim and one of his demands on the canvas: one straight relationship.
    const query = `MATCH (p:Person {id: '${RYABKOV}'})-[r:DEMANDS]->(c:Claim {id: '${NON_EXPANSION}'}) RETURN p, r, c LIMIT 1`;
    const page = await open(`/?q=${encodeURIComponent(query)}&qv=replace`);
    const edges = await hook(page).visibleEdges();
    expect(edges).toHaveLength(1);
    const canvas = (await page.locator('.sigma-container').boundingBox())!;
    const at = (id: string) =>
      page.evaluate((node) => window.__stancegraph!.nodePosition(node), id) as Promise<{
        x: number;
        y: number;
      }>;
    const [from, to] = [await at(RYABKOV), await at(NON_EXPANSION)];
    const middle = { x: canvas.x + (from.x + to.x) / 2, y: canvas.y + (from.y + to.y) / 2 };

    await page.mouse.move(middle.x, middle.y);
    await expect
      .poll(() => page.locator('.sigma-container').evaluate((e) => (e as HTMLElement).style.cursor))
      .toBe('pointer');
    await page.mouse.click(middle.x, middle.y);
    await expect.poll(() => hook(page).selected()).toEqual({ type: 'edge', id: edges[0] });
    await expect
      .poll(async () => (await page.locator('.panel .edge-sentence').innerText()).replace(/\s+/g, ' ').trim())
      .toBe('Sergei Ryabkov demands NATO should give legal guarantees that it will not expand further');

    // Off the line, away from both nodes: the stage.
    const off = { x: middle.x + (to.y - from.y) * 0.3, y: middle.y - (to.x - from.x) * 0.3 };
    await page.mouse.move(off.x, off.y);
    await expect
      .poll(() => page.locator('.sigma-container').evaluate((e) => (e as HTMLElement).style.cursor))
      .toBe('');
    // Two clicks within sigma's double-click delay would be a double click (which zooms).
    await page.waitForTimeout(600);
    await page.mouse.click(off.x, off.y);
    await expect.poll(() => hook(page).selected()).toBeNull();
    await page.close();
  });

  test('expands a neighbourhood, says when the cap left some out, and collapses it again', async () => {
    const page = await open(
      `/?q=${encodeURIComponent(`MATCH (p:Person {id: '${RYABKOV}'}) RETURN p`)}&qv=replace&node=${RYABKOV}`,
    );
    const view = hook(page);
    expect(await view.graphOrder()).toBe(1);
    // No node of the founding dataset has more neighbours than the cap, nor more edges among them
    // than the API sends: say it left three neighbours and seven edges out.
    await page.route('**/neighborhood?*', async (route) => {
      const response = await route.fetch();
      const graph = await response.json();
      await route.fulfill({
        response,
        json: { ...graph, attributes: { ...graph.attributes, truncated: true, omitted: 3, omittedEdges: 7 } },
      });
    });
    await page.locator('.panel').getByRole('button', { name: 'Expand', exact: true }).click();
    await settled(page);
    await expect
      .poll(() => page.locator('.panel .notice-inline').allInnerTexts())
      .toEqual([
        expect.stringContaining('3 more neighbours not shown'),
        expect.stringContaining('7 edges among these neighbours not drawn'),
      ]);
    const expanded = await view.visibleNodes();
    expect(expanded).toEqual(expect.arrayContaining([RYABKOV, NON_EXPANSION, 'country:russia']));
    expect(expanded.length).toBeGreaterThan(4);
    expect(await view.visibleEdges()).toContain(RYABKOV_DEMANDS_EDGE);
    expect(new URL(page.url()).searchParams.get('expand')).toBe(RYABKOV);

    await page.locator('.panel').getByRole('button', { name: 'Collapse', exact: true }).click();
    await settled(page);
    expect(await view.visibleNodes()).toEqual([RYABKOV]);
    expect(new URL(page.url()).searchParams.get('expand')).toBeNull();
    await page.close();
  });

  test('moving the time slider past 11 January hides the relationships dated that day', async () => {
    const page = await open();
    const view = hook(page);
    const before = await view.visibleEdges();
    expect(before).toContain(RYABKOV_DEMANDS_EDGE);
    const from = page.getByLabel('From date');
    await from.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => new URL(window.location.href).searchParams.get('from') === '2022-01-12');
    const after = await view.visibleEdges();
    expect(after.length).toBeLessThan(before.length);
    expect(after).not.toContain(RYABKOV_DEMANDS_EDGE);
    // Undated relationships (claims ABOUT topics) stay; dated ones from 11 January go.
    expect(after.some((key) => key.includes('|ABOUT|'))).toBe(true);
    expect(after.filter((key) => key.includes('|DEMANDS|'))).toEqual([]);
    await expect.poll(() => page.locator('.window-label').innerText()).toBe('2022-01-12 → 2022-06-30');
    await page.close();
  });

  test('runs a Cypher query in the console and draws its result on the canvas', async () => {
    const page = await open();
    const query = 'MATCH (a:Actor)-[r:REJECTS]->(c:Claim) RETURN a, r, c';
    await page.keyboard.press('c');
    await page.locator('.console').waitFor();
    await page.locator('.console select.target').selectOption('replace');
    await page.locator('.cypher-editor .cm-content').click();
    await page.keyboard.type(query);
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => page.locator('.console-result .summary').innerText())
      .toContain('drawn on the canvas');
    await settled(page);
    const ids = await session.running.driver.executeQuery(
      'MATCH (a:Actor)-[:REJECTS]->(c:Claim) UNWIND [a.id, c.id] AS id RETURN collect(DISTINCT id) AS ids',
    );
    expect(await hook(page).visibleNodes()).toEqual((ids.records[0]!.get('ids') as string[]).sort());
    const { records } = await session.running.driver.executeQuery(
      'MATCH (:Actor)-[r:REJECTS]->(:Claim) RETURN count(r) AS n',
    );
    expect((await hook(page).visibleEdges()).length).toBe(records[0]!.get('n').toNumber());
    await expect
      .poll(() => page.locator('table.rows tbody tr').count())
      .toBe(records[0]!.get('n').toNumber());
    expect(new URL(page.url()).searchParams.get('q')).toBe(query);

    // A syntax error is shown with its position.
    await page.locator('.cypher-editor .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('MATCH (n RETURN n');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.console-error').innerText()).toContain('Cypher syntax error');
    await expect.poll(() => page.locator('.console-error .position').innerText()).toContain('line 1, column');
    await page.close();
  });

  test('exports the visible view as GEXF', async () => {
    const page = await open(
      `/?q=${encodeURIComponent(`MATCH (a:Actor)-[r:DEMANDS]->(c:Claim) RETURN a, r, c`)}&qv=replace`,
    );
    const visible = await hook(page).visibleNodes();
    const edges = await hook(page).visibleEdges();
    await page.getByRole('button', { name: 'Export ▾' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.menu-item[data-format="gexf"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.gexf$/);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('<gexf');
    expect(text).toContain('version="1.3"');
    const graph = gexf.parse(MultiDirectedGraph, text);
    expect(graph.nodes().sort()).toEqual(visible);
    expect(graph.size).toBe(edges.length);
    await page.close();
  });

  test('draws the agreement network the API computes and lists the claims of a tie', async () => {
    const answer = (await (await fetch(`${session.running.url}/api/networks/agreement`)).json()) as {
      edges: { key: string; attributes: { claims: string[] } }[];
    };
    const tie = 'person:julianne-smith|CONFLICT|person:sergei-ryabkov';
    const claims = answer.edges.find((edge) => edge.key === tie)!.attributes.claims;
    const page = await open(`/?mode=agreement&edge=${encodeURIComponent(tie)}`);
    const view = hook(page);
    await page.waitForFunction(() => window.__stancegraph!.status().canvas === 'ready', null, {
      timeout: 30_000,
    });
    await settled(page);
    expect((await view.visibleEdges()).sort()).toEqual(answer.edges.map((edge) => edge.key).sort());
    expect(await view.selected()).toEqual({ type: 'edge', id: tie });
    const panel = page.locator('.panel');
    await expect.poll(() => panel.locator('h3').first().textContent()).toBe(`On ${claims.length} claims`);
    expect(await panel.locator('.tie-claims li').allInnerTexts()).toContain(
      'NATO should give legal guarantees that it will not expand further',
    );
    await page.close();
  });

  test('draws only the ties the API sends when it leaves some out, and says how many', async () => {
    // A view gets the `limit` strongest ties (20,000 by default, more than the founding data has):
    // the page's requests ask for 2 here, the server answers as it would for a big graph.
    const limit = 2;
    const answer = (await (
      await fetch(`${session.running.url}/api/networks/agreement?limit=${limit}`)
    ).json()) as { attributes: { edgesTotal: number; omittedEdges: number }; edges: { key: string }[] };
    expect(answer.edges).toHaveLength(limit);
    expect(answer.attributes.omittedEdges).toBe(answer.attributes.edgesTotal - limit);
    expect(answer.attributes.omittedEdges).toBeGreaterThan(0);
    const page = await session.open('/?mode=agreement', async (page) => {
      await page.route('**/api/networks/agreement?*', (route) => {
        const url = new URL(route.request().url());
        url.searchParams.set('limit', String(limit));
        return route.continue({ url: url.toString() });
      });
    });
    await page.waitForFunction(() => window.__stancegraph!.status().canvas === 'ready', null, {
      timeout: 30_000,
    });
    await settled(page);
    expect((await hook(page).visibleEdges()).sort()).toEqual(answer.edges.map((edge) => edge.key).sort());
    const note = page.locator('.agreement-omitted');
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await note.innerText()).toBe(
      `The ${limit} strongest of ${answer.attributes.edgesTotal} ties are drawn (those on the most claims); an export of the network has them all.`,
    );
    await page.close();
  });

  test('reopens a shared URL on the same view', async () => {
    const page = await open(`/?node=${RYABKOV}&types=DEMANDS,REJECTS,ABOUT&hide=topic:nato-enlargement`);
    await page.locator('.legend-item', { hasText: 'Topic' }).locator('input').uncheck();
    await page.waitForFunction(() => new URL(window.location.href).searchParams.has('kinds'));
    const shared = page.url();
    const before = {
      nodes: await hook(page).visibleNodes(),
      edges: await hook(page).visibleEdges(),
      selected: await hook(page).selected(),
    };
    expect(before.nodes).not.toContain('topic:nato-enlargement');
    expect(before.edges.every((key) => /\|(DEMANDS|REJECTS|ABOUT)\|/.test(key))).toBe(true);
    await page.close();

    const reopened = await open(new URL(shared).search);
    expect(await hook(reopened).selected()).toEqual(before.selected);
    expect(await hook(reopened).visibleNodes()).toEqual(before.nodes);
    expect(await hook(reopened).visibleEdges()).toEqual(before.edges);
    await expect.poll(() => reopened.locator('.panel .node-name').innerText()).toBe('Sergei Ryabkov');
    expect(await reopened.locator('.legend-item', { hasText: 'Topic' }).locator('input').isChecked()).toBe(
      false,
    );
    await reopened.close();
  });

  test('draws the main view with a node selected (the screenshot of docs/CLIENT.md)', async () => {
    const page = await open(`/?node=${NON_EXPANSION}`);
    // The selected claim's panel shows who is for and against it.
    await page.locator('.panel .side.against .position').first().waitFor();
    expect(await page.locator('.panel').isVisible()).toBe(true);
    // The canvas has drawn the graph: its labels layer holds painted pixels.
    await expect
      .poll(() =>
        page.locator('.sigma-container canvas.sigma-labels').evaluate((canvas) => {
          const c = canvas as HTMLCanvasElement;
          const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
          return painted;
        }),
      )
      .toBeGreaterThan(1000);
    const png = await page.screenshot();
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(50_000);
    // STANCEGRAPH_SCREENSHOT=docs/screenshot.png refreshes the picture in the docs.
    if (process.env.STANCEGRAPH_SCREENSHOT) fs.writeFileSync(process.env.STANCEGRAPH_SCREENSHOT, png);
    await page.close();
  });

  test('says clearly when the API does not answer', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.goto(`${session.running.url}/`);
    await expect.poll(() => page.locator('.error-card').innerText()).toContain('Cannot reach Stancegraph');
    await expect.poll(() => page.locator('.error-card').innerText()).toContain('npm start');
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await page.close();
  });
});
