// Adding a document in the client, end to end in Chromium against the real server, Neo4j and
// CoreNLP: paste a text → the extraction's progress shows (server-sent events) → its suggestions
// arrive in the open document and the review queue → accept one with the keyboard → it is in the
// graph, accepted, with its exact quote.

import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../scripts/chromium.ts';
import { annotatorsOf, ExtractionQueue } from '../../server/jobs/extraction.ts';
import { ownHosts } from '../../server/write/auth.ts';
import { corenlpConfig } from '../_corenlp.ts';
import { loadFounding, resetGraph } from '../_neo4j.ts';
import { TOKEN } from '../api/_write.ts';
import { buildClient, settled, startApp, type RunningApp } from './_browser.ts';

const DOC = 'document:2022-01-11-envoys-on-nato-s-open-door';
const TEXT = [
  'The US Permanent Representative to NATO, Julianne Smith, said that NATO’s open door policy would not be reviewed.',
  'Deputy Foreign Minister Sergei Ryabkov said that Russia demands legal guarantees that the alliance will not expand further to the east.',
].join('\n\n');

let clientDir: string;
let running: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  clientDir = await buildClient();
  running = await startApp(
    clientDir,
    { token: TOKEN, hosts: ownHosts('127.0.0.1') },
    (db) => new ExtractionQueue({ db, annotators: annotatorsOf(corenlpConfig()), timeoutMs: 60_000 }),
  );
  await resetGraph(running.driver);
  await loadFounding(running.driver);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(`${running.url}/api/auth/signin?token=${TOKEN}`);
  await settled(page);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
  if (clientDir) fs.rmSync(clientDir, { recursive: true, force: true });
});

describe('adding a document in the client', () => {
  test('paste → progress → suggestions arrive → accept one with the keyboard → in the graph with its quote', async () => {
    // Every state the progress panel shows for the document, as the user sees them change.
    await page.evaluate((doc) => {
      const seen: string[] = [];
      (window as unknown as { seenStates: string[] }).seenStates = seen;
      new MutationObserver(() => {
        const row = document.querySelector<HTMLElement>(`.extraction[data-doc="${doc}"]`);
        const state = row?.dataset.state;
        if (state && seen.at(-1) !== state) seen.push(state);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    }, DOC);

    await page.getByRole('button', { name: 'Documents', exact: true }).click();
    await page.locator('details.add-document summary').click();
    const form = page.locator('form.add-document-form');
    await form.locator('input[name="title"]').fill('Envoys on NATO’s open door');
    await form.locator('input[name="published"]').fill('2022-01-11');
    await form.locator('textarea[name="text"]').fill(TEXT);
    await expect(form.locator('input[name="extract"]').isChecked()).resolves.toBe(true);
    await form.locator('button[type="submit"]').click();

    // The document opens at once; its extraction shows its progress, then is done.
    await page.locator(`.doc-text[data-doc="${DOC}"]`).waitFor();
    const progress = page.locator(`.extraction[data-doc="${DOC}"]`);
    await progress.waitFor();
    await page.locator(`.extraction[data-doc="${DOC}"][data-state="done"]`).waitFor({ timeout: 300_000 });
    expect(await progress.locator('progress').evaluate((el) => (el as HTMLProgressElement).value)).toBe(1);
    await expect(progress.locator('.extraction-state').textContent()).resolves.toMatch(/\d+ suggestion/);
    const states = await page.evaluate(() => (window as unknown as { seenStates: string[] }).seenStates);
    expect(states.at(-1)).toBe('done');
    expect(states.some((state) => state === 'queued' || state === 'running')).toBe(true);

    // The suggestions are marked in the open document (dashed) without a reload.
    await page.locator(`.doc-text[data-doc="${DOC}"] mark.span.suggested`).first().waitFor();

    // The review queue has them; `a` accepts the current one.
    await page.getByRole('tab', { name: 'Review queue' }).click();
    const current = page.locator('.review-item.current');
    await current.waitFor();
    const ref = await current.getAttribute('data-ref');
    await page.keyboard.press('a');
    // The accept is written: the document's coding says so (asked until it does).
    type Span = {
      ref: string;
      status: string;
      method: string;
      quote: string;
      start: number;
      end: number;
      from: string;
    };
    let accepted: Span | undefined;
    let text = '';
    while (!accepted) {
      const coding = await request(running.url).get(`/api/documents/${DOC}/coding`).expect(200);
      accepted = (coding.body.spans as Span[]).find((s) => s.ref === ref && s.status === 'accepted');
      text = coding.body.document.text as string;
      if (!accepted) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(accepted).toMatchObject({ method: 'rule' });
    expect(text.slice(accepted!.start, accepted!.end)).toBe(accepted!.quote);

    // In the graph: the speaker is drawn, and its edge carries the exact quote.
    await page.waitForFunction((id) => window.__stancegraph!.visibleNodes().includes(id), accepted!.from, {
      timeout: 60_000,
    });
    const rows = (
      await running.driver.executeQuery(
        'MATCH (a {id: $from})-[r]->() WHERE r.doc = $doc AND r.status = "accepted" RETURN r.quote AS quote, r.method AS method',
        { from: accepted!.from, doc: DOC },
      )
    ).records.map((r) => r.toObject());
    expect(rows).toContainEqual({ quote: accepted!.quote, method: 'rule' });
  });
});
