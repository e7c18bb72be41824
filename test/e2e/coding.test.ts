// Coding and review end to end, in Chromium against the real server and Neo4j: select words and
// code a stance, then find it in the graph with the exact quote; accept, reject and edit
// suggestions with the keyboard; merge two actors and undo; a write without the token or from
// another origin changes nothing; a reload keeps everything.

import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../scripts/chromium.ts';
import { ownHosts } from '../../server/write/auth.ts';
import { graphChecksum, loadFounding, resetGraph } from '../_neo4j.ts';
import { DOC, span, TOKEN } from '../api/_write.ts';
import { buildClient, hook, settled, startApp, type RunningApp } from './_browser.ts';

const QUOTE = 'will discuss the buildup of Russia’s military presence on the border with Ukraine';
const NEW_CLAIM = 'The OSCE should discuss the Russian military buildup';

let clientDir: string;
let running: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  clientDir = await buildClient();
  running = await startApp(clientDir, { token: TOKEN, hosts: ownHosts('127.0.0.1') });
  await resetGraph(running.driver);
  await loadFounding(running.driver);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The sign-in URL the server prints: sets the session cookie and opens the client.
  await page.goto(`${running.url}/api/auth/signin?token=${TOKEN}`);
  await settled(page);
  expect(errors).toEqual([]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
  if (clientDir) fs.rmSync(clientDir, { recursive: true, force: true });
});

async function openDocument(p: Page): Promise<void> {
  if (await p.locator('section.documents').isHidden())
    await p.getByRole('button', { name: 'Documents', exact: true }).click();
  await p.getByRole('tab', { name: 'Documents' }).click();
  await p.locator(`.doc-row[data-doc="${DOC}"]`).click();
  await p.locator(`.doc-text[data-doc="${DOC}"]`).waitFor();
}

/** Selects words of the open document as a drag of the mouse would (across highlighted pieces too), and lets go. */
async function selectWords(p: Page, words: string): Promise<void> {
  const { start, end } = span(words);
  await p.evaluate(
    ({ start, end }) => {
      const text = document.querySelector('.doc-text')!;
      const pieces = [...text.querySelectorAll<HTMLElement>('[data-start]')];
      const at = (offset: number): [Node, number] => {
        const piece = pieces.filter((el) => Number(el.dataset.start) <= offset).pop()!;
        return [piece.firstChild!, offset - Number(piece.dataset.start)];
      };
      const range = document.createRange();
      range.setStart(...at(start));
      range.setEnd(...at(end));
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      text.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    },
    { start, end },
  );
}

async function pick(p: Page, field: string, typed: string, id: string): Promise<void> {
  await p.locator(`.coding-form input[name="${field}"]`).fill(typed);
  await p.locator(`.coding-form .picker-item[data-id="${id}"]`).first().click();
}

const relationship = async (cypher: string) =>
  (await running.driver.executeQuery(cypher)).records.map((r) => r.toObject());

describe('coding in the browser', () => {
  test('select words, code a stance with a new claim; it is in the graph with the exact quote and offsets', async () => {
    await openDocument(page);
    await selectWords(page, QUOTE);
    await page.locator('.coding-form').waitFor();
    await pick(page, 'speaker', 'OSCE Permanent', 'institution:osce-permanent-council');
    await page.locator('.coding-form select[name="type"]').selectOption('PROPOSES');
    await pick(page, 'target', NEW_CLAIM, 'claim:the-osce-should-discuss-the-russian-military-buildup');
    await page.locator('.coding-form button[type="submit"]').click();
    await page.locator('.coding-form').waitFor({ state: 'detached' });

    const rows = await relationship(
      "MATCH (:Actor {id: 'institution:osce-permanent-council'})-[r:PROPOSES]->(c:Claim) RETURN c.text AS claim, r.quote AS quote, r.start AS start, r.end AS end, r.method AS method",
    );
    const { start, end } = span(QUOTE);
    expect(rows).toEqual([
      {
        claim: NEW_CLAIM,
        quote: QUOTE,
        start: expect.objectContaining({ low: start }),
        end: expect.objectContaining({ low: end }),
        method: 'manual',
      },
    ]);
    // The document shows the span; the graph draws the new claim.
    await page
      .locator('.doc-text mark.span', { hasText: 'buildup of Russia’s military presence' })
      .first()
      .waitFor();
    await page.waitForFunction(
      (id) => window.__stancegraph!.visibleNodes().includes(id),
      'claim:the-osce-should-discuss-the-russian-military-buildup',
      { timeout: 30_000 },
    );
    // Clicking the span opens its relationship and selects its speaker in the graph.
    await page
      .locator('.doc-text mark.span', { hasText: 'buildup of Russia’s military presence' })
      .first()
      .click();
    await page.locator('.span-details', { hasText: 'PROPOSES' }).waitFor();
    await page.waitForFunction(() => {
      const s = window.__stancegraph!.selected();
      return s?.type === 'node' && s.id === 'institution:osce-permanent-council';
    });
  });

  test('the review queue: a accepts, r rejects, e edits, with the keyboard', async () => {
    const suggest = (quote: string, confidence: number) =>
      request(running.url)
        .post('/api/relationships')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send({
          relationship: {
            type: 'SUPPORTS',
            from: 'person:jens-stoltenberg',
            to: 'claim:nato-non-expansion-guarantee',
            doc: DOC,
            ...span(quote),
            method: 'rule',
            confidence,
            status: 'suggested',
          },
        })
        .expect(201);
    await suggest('Similar issues will be discussed', 0.9);
    await suggest('On the eve of the talks', 0.8);
    await suggest('voiced Washington’s position', 0.7);

    await page.getByRole('tab', { name: 'Review queue' }).click();
    await page.locator('.review-item').nth(2).waitFor();
    await page.locator('.review-item.current', { hasText: 'Similar issues' }).waitFor();
    await page.keyboard.press('a');
    await page.locator('.review-item.current', { hasText: 'On the eve' }).waitFor();
    await page.keyboard.press('r');
    await page.locator('.review-item.current', { hasText: 'voiced Washington' }).waitFor();
    await page.keyboard.press('e');
    await page.locator('.coding-form[aria-label="Edit the relationship"]').waitFor();
    await page.locator('.coding-form select[name="modality"]').selectOption('future');
    await page.locator('.coding-form button[type="submit"]').click();
    await page.locator('.coding-form').waitFor({ state: 'detached' });

    const rows = await relationship(
      "MATCH (:Person {id: 'person:jens-stoltenberg'})-[r:SUPPORTS]->(:Claim {id: 'claim:nato-non-expansion-guarantee'}) RETURN r.quote AS quote, r.status AS status, r.method AS method, r.modality AS modality ORDER BY r.start",
    );
    expect(rows).toEqual([
      { quote: 'Similar issues will be discussed', status: 'accepted', method: 'rule', modality: 'asserted' },
      { quote: 'voiced Washington’s position', status: 'accepted', method: 'manual', modality: 'future' },
    ]);
    expect(await relationship('MATCH (x:RejectedSuggestion) RETURN x.quote AS quote')).toEqual([
      { quote: 'On the eve of the talks' },
    ]);
  });

  test('merge two actors in the client, then undo', async () => {
    await page.getByRole('tab', { name: 'Changes' }).click();
    await page.locator('.merge-form input[name="into"]').fill('person:julianne-smith');
    await page.locator('.merge-form input[name="from"]').fill('person:wendy-sherman');
    await page.locator('.merge-form button[type="submit"]').click();
    await page.locator('.change[data-action="merge"]').first().waitFor();
    expect(await relationship("MATCH (n {id: 'person:wendy-sherman'}) RETURN n.id AS id")).toEqual([]);
    expect(
      await relationship("MATCH (n {id: 'person:julianne-smith'}) RETURN n.mergedIds AS merged"),
    ).toEqual([{ merged: ['person:wendy-sherman'] }]);

    await page.locator('.change[data-action="merge"] button.undo').first().click();
    await page.locator('.change[data-action="merge"].undone').first().waitFor();
    expect(await relationship("MATCH (n {id: 'person:wendy-sherman'})-[r]->() RETURN count(r) AS n")).toEqual(
      [{ n: expect.objectContaining({ low: 6 }) }],
    );
    expect(
      await relationship("MATCH (n {id: 'person:julianne-smith'}) RETURN n.mergedIds AS merged"),
    ).toEqual([{ merged: null }]);
  });

  test('a write from a browser without the token is refused and changes nothing', async () => {
    const before = await graphChecksum(running.driver);
    const body = {
      relationship: {
        type: 'REJECTS',
        from: 'person:julianne-smith',
        to: 'claim:nato-open-door-policy-review',
        doc: DOC,
        ...span(QUOTE),
      },
    };
    // A browser that has not signed in.
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`${running.url}/api/health`);
    const status = await strangerPage.evaluate(async (body) => {
      const res = await fetch('/api/relationships', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return res.status;
    }, body);
    expect(status).toBe(401);
    await stranger.close();

    // Writes from another origin with the token are refused by the server (test/api/write.test.ts);
    // a browser does not even send a cross-origin JSON write without a CORS preflight, which the
    // server never grants.
    expect(await graphChecksum(running.driver)).toBe(before);
  });

  test('from an edge’s panel, “open in Documents” opens its document at the quote', async () => {
    // Graph views draw one edge per (source, type, target); its panel lists the relationships.
    const ryabkov = 'person:sergei-ryabkov|DEMANDS|claim:nato-non-expansion-guarantee';
    const linked = await context.newPage();
    await linked.setViewportSize({ width: 1400, height: 900 });
    await linked.goto(`${running.url}/?edge=${encodeURIComponent(ryabkov)}`);
    await settled(linked);
    await linked
      .locator('.edge-relationship', { hasText: 'We need legal guarantees' })
      .getByRole('button', { name: 'in the text' })
      .click();
    await linked.getByRole('button', { name: 'open in Documents' }).click();
    await linked.locator(`.doc-text[data-doc="${DOC}"]`).waitFor();
    const mark = linked.locator('.doc-text mark.span[data-start="3768"]');
    await expect.poll(() => mark.innerText()).toContain('We need legal guarantees');
    await expect.poll(() => mark.isVisible()).toBe(true);
    await linked.close();
  });

  test('a reload keeps everything', async () => {
    await page.reload();
    await settled(page);
    await openDocument(page);
    await page
      .locator('.doc-text mark.span', { hasText: 'buildup of Russia’s military presence' })
      .first()
      .waitFor();
    await page.locator('.doc-text mark.span', { hasText: 'voiced Washington’s position' }).first().waitFor();
    expect(await hook(page).visibleNodes()).toContain(
      'claim:the-osce-should-discuss-the-russian-military-buildup',
    );
    const rows = await page.locator(`.doc-row[data-doc="${DOC}"] td.num`).allTextContents();
    expect(rows[1]).toBe('0'); // no suggestion waits
  });
});
