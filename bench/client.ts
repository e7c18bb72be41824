// Benchmark 4: the client in headless Chromium on graphs of 1k, 10k and 50k nodes (5 relationships
// per node): navigation to the first drawn frame and to a settled layout, and frames per second
// while panning, next to a bare sigma page (bench/client/bare) drawing the same graph at the
// positions the client settled on, in the same run.

import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../server/config.ts';
import { launchChromium } from '../scripts/chromium.ts';
import { clientPositions, measurePage, type PageRun } from './client/browser.ts';
import { syntheticOverview } from './client/graph.ts';
import { startBenchServer, type BenchServer } from './client/serve.ts';
import type { Benchmark, BenchContext } from './context.ts';
import { round, summarize, type Sample } from './lib/stats.ts';

/** The ratio that counts: the client's first frame and panning frame rate within 1.5× of bare sigma. */
export const TARGET_RATIO = 1.5;

export interface PageSamples {
  /** Navigation to the page asking for GET /api/graph (its scripts loaded and started). */
  graphRequestMs: Sample;
  firstFrameMs: Sample;
  panFps: Sample;
  p95FrameMs: Sample;
}

export interface ClientResult {
  nodes: number;
  edges: number;
  graphMb: number;
  canvas: { width: number; height: number };
  panSeconds: number;
  client: PageSamples & { settledMs: Sample };
  bare: PageSamples;
  /** Client first frame / bare first frame (≤ 1.5 is the target). */
  firstFrameRatio: number;
  /** Bare FPS / client FPS: how many times slower the client pans (≤ 1.5 is the target). */
  fpsRatio: number;
}

const WORK = path.join(PROJECT_ROOT, 'bench', 'work', 'client');

/** Builds the client (client/vite.config.ts) and the bare page with Vite into bench/work/client. */
async function buildPages(log: (message: string) => void): Promise<{ app: string; bare: string }> {
  const { build } = await import('vite');
  const app = path.join(WORK, 'app');
  const bare = path.join(WORK, 'bare');
  log('  client: building the client and the bare sigma page…');
  await build({
    configFile: path.join(PROJECT_ROOT, 'client', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: app, emptyOutDir: true },
  });
  await build({
    configFile: false,
    root: path.join(PROJECT_ROOT, 'bench', 'client', 'bare'),
    base: './',
    logLevel: 'warn',
    build: { outDir: bare, emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  });
  return { app, bare };
}

interface Pair {
  client: PageRun;
  bare: PageRun;
}

/** The client, then the bare page at the client's settled positions. */
async function measurePair(
  browser: Browser,
  server: BenchServer,
  graph: Buffer,
  options: { panMs: number; timeoutMs: number; log: (message: string) => void },
): Promise<Pair> {
  server.serve(graph);
  const client = await measurePage(browser, `${server.url}/`, {
    selector: '.sigma-container',
    settles: true,
    panMs: options.panMs,
    timeoutMs: options.timeoutMs,
    inspect: clientPositions,
  });
  const { positions, missing } = client.inspected!;
  if (missing > 0) options.log(`  warning: ${missing} nodes had no position on the client's canvas`);
  server.serve(graph, Buffer.from(JSON.stringify(positions)));
  const bare = await measurePage(
    browser,
    `${server.url}/bare/?w=${client.canvas.width}&h=${client.canvas.height}`,
    { selector: '#graph', settles: false, panMs: options.panMs, timeoutMs: options.timeoutMs },
  );
  return { client, bare };
}

async function measureSize(
  ctx: BenchContext,
  browser: Browser,
  server: BenchServer,
  nodes: number,
  repeats: number,
): Promise<ClientResult> {
  const wire = syntheticOverview(nodes);
  const graph = Buffer.from(JSON.stringify(wire));
  const panMs = ctx.smoke ? 1000 : 3000;
  const options = { panMs, timeoutMs: ctx.smoke ? 60_000 : 600_000, log: ctx.log };
  // Warm-up, not counted: the browser's caches, the server, the JIT of this process.
  await measurePair(browser, server, graph, { ...options, panMs: Math.min(panMs, 1000) });
  const pairs: Pair[] = [];
  for (let i = 0; i < repeats; i++) {
    const pair = await measurePair(browser, server, graph, options);
    pairs.push(pair);
    const { client, bare } = pair;
    ctx.log(
      `  client ${nodes} nodes: graph asked at ${client.graphFetch.requestMs.toFixed(0)} ms (bare ${bare.graphFetch.requestMs.toFixed(0)}), first frame ${client.firstFrameMs.toFixed(0)} ms (bare ${bare.firstFrameMs.toFixed(0)}), settled ${client.settledMs?.toFixed(0)} ms, pan ${client.pan.fps.toFixed(1)} FPS (bare ${bare.pan.fps.toFixed(1)})`,
    );
  }
  const samples = (runs: PageRun[]): PageSamples => ({
    graphRequestMs: summarize(runs.map((r) => r.graphFetch.requestMs)),
    firstFrameMs: summarize(runs.map((r) => r.firstFrameMs)),
    panFps: summarize(runs.map((r) => r.pan.fps)),
    p95FrameMs: summarize(runs.map((r) => r.pan.p95FrameMs)),
  });
  const client = {
    ...samples(pairs.map((p) => p.client)),
    settledMs: summarize(pairs.map((p) => p.client.settledMs!)),
  };
  const bare = samples(pairs.map((p) => p.bare));
  return {
    nodes: wire.nodes.length,
    edges: wire.edges.length,
    graphMb: round(graph.length / 2 ** 20, 1),
    canvas: pairs[0]!.client.canvas,
    panSeconds: panMs / 1000,
    client,
    bare,
    firstFrameRatio: round(client.firstFrameMs.median / bare.firstFrameMs.median, 2),
    fpsRatio: round(bare.panFps.median / client.panFps.median, 2),
  };
}

const ms = (sample: Sample) => `${sample.median.toFixed(0)} ±${Math.round((sample.spread * 100) / 2)}%`;
const fps = (sample: Sample) =>
  `${sample.median.toFixed(sample.median < 10 ? 1 : 0)} ±${Math.round((sample.spread * 100) / 2)}%`;
const verdict = (ratio: number) => `**${ratio.toFixed(2)}**${ratio <= TARGET_RATIO ? '' : ' (missed)'}`;

export const clientBenchmark: Benchmark<ClientResult[]> = {
  name: 'client',
  description: 'the client in headless Chromium (first frame, settled layout, panning FPS) vs bare sigma',
  async run(ctx) {
    const sizes = ctx.sizes ?? (ctx.smoke ? [200] : [1000, 10_000, 50_000]);
    const repeats = ctx.repeats ?? (ctx.smoke ? 1 : 3);
    const pages = await buildPages(ctx.log);
    const server = await startBenchServer({ '/bare/': pages.bare, '/': pages.app });
    const browser = await launchChromium();
    try {
      const results: ClientResult[] = [];
      for (const size of sizes) {
        ctx.log(`client: ${size} nodes, ${repeats} repeat(s)`);
        results.push(await measureSize(ctx, browser, server, size, repeats));
      }
      return results;
    } finally {
      await browser.close();
      await server.close();
      fs.rmSync(WORK, { recursive: true, force: true });
    }
  },
  render(results) {
    const canvas = results[0]?.canvas;
    return [
      '## 4. Client',
      '',
      "The built client (`client/`) in Debian's headless Chromium (1280×720, `--disable-gpu`: WebGL runs",
      'in SwiftShader, on the CPU, so absolute frame rates are low and the **ratios** are what counts),',
      'next to a **bare sigma page** (`bench/client/bare`: sigma v3 with its default settings and',
      'programs, arrows, no layout, reducers or events) drawing the same graph at the positions the',
      "client settled on in the same repeat, with the client's sizes, colours and labels, in a",
      `container the size of the client's canvas (${canvas ? `${canvas.width}×${canvas.height}` : '—'}).`,
      '',
      '**The graph**: a deterministic synthetic overview (`bench/client/graph.ts`: actors taking',
      'stances on claims grouped in topics, interactions, events; 5 relationships per node; the',
      "loader's and the API's own property mapping; checked against the API's response schema),",
      "served at `GET /api/graph` by the benchmark's web server, the same bytes to both pages. The",
      'client runs unchanged from its fetch onwards (merge, filters, reducers, ForceAtlas2 in its',
      'worker, noverlap, sigma). Not through the live API: `GET /api/graph` caps `limit` at 5,000 (the',
      'client asks for 500), the overview of a loaded synthetic dataset holds far more than 5',
      "relationships per node, and the API's latency is benchmark 2's; here both pages wait the same.",
      '',
      '**Measured** with no hook in either page: the first frame is the first WebGL draw call after',
      'navigation (sigma draws nothing while the graph is empty); the settled layout is the first',
      "frame after the client's test hook reports the layout idle (ForceAtlas2 runs 4 s, then",
      'noverlap; it has no bare equivalent); panning drags the canvas along a circle through',
      "sigma's mouse captor, one move per animation frame, for the given time, and counts frames",
      `(p95 frame: the 95th percentile frame interval). Target: the client's first frame and panning`,
      `frame rate within ${TARGET_RATIO}× of bare sigma's (ratios: client/bare first frame, bare/client FPS).`,
      `Medians of ${results[0]?.client.firstFrameMs.n ?? 0} repeats after a warm-up, ± half the range.`,
      '',
      '| nodes | relationships | graph (MB) | first frame, client (ms) | bare (ms) | ratio | settled layout, client (ms) | pan FPS, client | bare | ratio | p95 frame, client / bare (ms) |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...results.map(
        (r) =>
          `| ${r.nodes.toLocaleString('en')} | ${r.edges.toLocaleString('en')} | ${r.graphMb} | ${ms(r.client.firstFrameMs)} | ${ms(r.bare.firstFrameMs)} | ${verdict(r.firstFrameRatio)} | ${ms(r.client.settledMs)} | ${fps(r.client.panFps)} | ${fps(r.bare.panFps)} | ${verdict(r.fpsRatio)} | ${r.client.p95FrameMs.median.toFixed(0)} / ${r.bare.p95FrameMs.median.toFixed(0)} |`,
      ),
      '',
    ].join('\n');
  },
};
