// One measured page load in headless Chromium: a fresh browser context (cold HTTP cache), the
// probes of probes.ts installed before the page's scripts, then the first frame, for the client
// its settled layout, and the frame rate while panning.

import type { Browser, Page } from 'playwright-core';
import {
  CLIENT_POSITIONS_SCRIPT,
  GRAPH_FETCH_SCRIPT,
  INIT_SCRIPT,
  panScript,
  type GraphFetch,
  type PageMarks,
  type PanResult,
} from './probes.ts';

export const VIEWPORT = { width: 1280, height: 720 };

export interface PageRun {
  /** Navigation to asking for the graph, and to having it. */
  graphFetch: GraphFetch;
  firstFrameMs: number;
  /** The client only: navigation to the first frame after its layout (ForceAtlas2, noverlap) ended. */
  settledMs: number | null;
  /** With the CPU time Chromium's GPU process and renderers spent per frame. */
  pan: PanResult & { cpuMsPerFrame: number };
  /** The sigma canvas's size in CSS pixels. */
  canvas: { width: number; height: number };
}

/**
 * CPU seconds used so far by Chromium's GPU process (where SwiftShader rasterises) and renderers:
 * per frame, the cost of drawing that contention on a shared machine does not inflate.
 */
async function chromiumCpuSeconds(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo' as never)) as {
      processInfo: { type: string; cpuTime: number }[];
    };
    return processInfo
      .filter((p) => p.type === 'GPU' || p.type === 'renderer')
      .reduce((sum, p) => sum + p.cpuTime, 0);
  } finally {
    await session.detach();
  }
}

async function marks(page: Page): Promise<PageMarks> {
  return page.evaluate('window.__bench') as Promise<PageMarks>;
}

/**
 * Loads `url`, waits for its first frame (and, with `settles`, for the client's layout to end),
 * lets it rest, then pans for `panMs`. `inspect` runs on the page before it closes.
 */
export async function measurePage<T = undefined>(
  browser: Browser,
  url: string,
  options: {
    selector: string;
    settles: boolean;
    panMs: number;
    timeoutMs: number;
    inspect?: (page: Page) => Promise<T>;
  },
): Promise<PageRun & { inspected: T | undefined }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript({ content: INIT_SCRIPT });
    await page.goto(url);
    const failed = () => (errors.length ? `; page errors: ${errors.join('; ')}` : '');
    const waitFor = (condition: string, what: string) =>
      page
        .waitForFunction(condition, null, { timeout: options.timeoutMs, polling: 50 })
        .catch((error: Error) => {
          throw new Error(`client bench: ${url}: no ${what} within ${options.timeoutMs} ms${failed()}`, {
            cause: error,
          });
        });
    await waitFor('window.__bench.firstFrame !== null', 'first frame');
    if (options.settles) await waitFor('window.__bench.settled !== null', 'settled layout');
    // Let the last refreshes and any idle work pass; nothing draws a still graph after that.
    await page.waitForTimeout(500);
    const { firstFrame, lastFrame } = await marks(page);
    const graphFetch = (await page.evaluate(GRAPH_FETCH_SCRIPT)) as GraphFetch | null;
    if (!graphFetch) throw new Error(`client bench: ${url}: the page never asked for /api/graph`);
    const cpuBefore = await chromiumCpuSeconds(browser);
    const pan = (await page.evaluate(panScript(options.selector, options.panMs))) as PanResult;
    const cpuMsPerFrame = (((await chromiumCpuSeconds(browser)) - cpuBefore) * 1000) / pan.frames;
    const canvas = await page.locator(options.selector).boundingBox();
    const inspected = options.inspect ? await options.inspect(page) : undefined;
    if (errors.length) throw new Error(`client bench: ${url}: page errors: ${errors.join('; ')}`);
    return {
      graphFetch,
      firstFrameMs: firstFrame!,
      settledMs: options.settles ? lastFrame : null,
      pan: { ...pan, cpuMsPerFrame },
      canvas: { width: Math.round(canvas?.width ?? 0), height: Math.round(canvas?.height ?? 0) },
      inspected,
    };
  } finally {
    await context.close();
  }
}

/** The client's positions after its layout, as the bare page takes them. */
export async function clientPositions(
  page: Page,
): Promise<{ positions: Record<string, [number, number]>; missing: number }> {
  return page.evaluate(CLIENT_POSITIONS_SCRIPT) as Promise<{
    positions: Record<string, [number, number]>;
    missing: number;
  }>;
}
