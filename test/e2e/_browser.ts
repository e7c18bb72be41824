// Helpers for the end-to-end tests: the client built once with Vite into a temporary folder, the
// real Express app (createApp) serving it and the API on an ephemeral port against the test
// Neo4j, and Debian's Chromium driven by playwright-core. Nothing here skips: a missing browser
// is an error that says how to install it.

import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Driver } from 'neo4j-driver';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium } from '../../scripts/chromium.ts';
import { createApp } from '../../server/app.ts';
import { PROJECT_ROOT } from '../../server/config.ts';
import type { WriterAuth } from '../../server/write/auth.ts';
import type { ExtractionQueue } from '../../server/jobs/extraction.ts';
import { testConfig, testDriver } from '../_neo4j.ts';

/** Builds the client (client/vite.config.ts) into a fresh temporary folder and returns it. */
export async function buildClient(): Promise<string> {
  const { build } = await import('vite');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-client-'));
  await build({
    configFile: path.join(PROJECT_ROOT, 'client', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  if (!fs.existsSync(path.join(outDir, 'index.html')))
    throw new Error(`e2e: the client build left no index.html in ${outDir}`);
  return outDir;
}

export interface RunningApp {
  url: string;
  driver: Driver;
  close(): Promise<void>;
}

/** The app as `stancegraph start` serves it, on 127.0.0.1 and a port the system picks (writes with `writer`). */
export async function startApp(
  clientDir: string,
  writer?: WriterAuth,
  /** Background extraction on this app's driver (and database), when the test needs it. */
  extraction?: (db: { driver: Driver; database: string | undefined }) => ExtractionQueue,
): Promise<RunningApp> {
  const driver = testDriver();
  const config = testConfig({ STANCEGRAPH_REQUEST_LOG: 'off', STANCEGRAPH_RATE_LIMIT: '1000' });
  const queue = extraction?.({ driver, database: config.neo4j.database });
  const app = createApp({
    driver,
    database: config.neo4j.database,
    api: config.api,
    clientDir,
    writer,
    extraction: queue,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    driver,
    close: async () => {
      await queue?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await driver.close();
    },
  };
}

/** Waits until the canvas is drawn, laid out and no action is running. */
export async function settled(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const hook = window.__stancegraph;
      if (!hook) return false;
      const status = hook.status();
      return status.canvas !== 'loading' && status.layout === 'idle' && status.busy === null;
    },
    null,
    { timeout },
  );
}

/** Reads the test hook (window.__stancegraph) from the page. */
export function hook(page: Page) {
  return {
    graphOrder: () => page.evaluate(() => window.__stancegraph!.graphOrder()),
    visibleNodes: () => page.evaluate(() => window.__stancegraph!.visibleNodes().sort()),
    visibleEdges: () => page.evaluate(() => window.__stancegraph!.visibleEdges().sort()),
    selected: () => page.evaluate(() => window.__stancegraph!.selected()),
    status: () => page.evaluate(() => window.__stancegraph!.status()),
  };
}

/** Opens a page of the running app at a desktop size, waits until it settles, and asserts it threw nothing. */
export async function openPage(
  browser: Browser,
  running: RunningApp,
  path = '/',
  before?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await before?.(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The server's Content-Security-Policy must let the client do all it does.
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  await page.goto(`${running.url}${path}`);
  await settled(page);
  expect(errors).toEqual([]);
  return page;
}

export interface BrowserSession {
  running: RunningApp;
  browser: Browser;
  /** Opens a page of the app (see openPage); `before` runs on the page before it loads. */
  open(path?: string, before?: (page: Page) => Promise<void>): Promise<Page>;
}

/**
 * Registers the hooks of an end-to-end test file: the client built, the app started, `prepare`
 * run on its database, Chromium launched; all closed after the file.
 */
export function browserSession(prepare: (running: RunningApp) => Promise<void>): BrowserSession {
  let clientDir: string | undefined;
  const session = {
    open: (path = '/', before) => openPage(session.browser, session.running, path, before),
  } as BrowserSession;
  beforeAll(async () => {
    clientDir = await buildClient();
    session.running = await startApp(clientDir);
    await prepare(session.running);
    session.browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.running?.close();
    if (clientDir) fs.rmSync(clientDir, { recursive: true, force: true });
  });
  return session;
}
