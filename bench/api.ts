// Benchmark 2: the HTTP API under concurrent load (autocannon, 16 connections) with the synthetic
// dataset loaded: search, neighbourhood expansion and the agreement network, each next to its
// baseline from the same run, the same Cypher with the same parameters through neo4j-driver in a
// bare Node process with 16 concurrent loops. Latency p50/p99 and throughput; target: API p50
// within 1.3× of the bare driver.

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import type { Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../server/config.ts';
import type { Benchmark, BenchContext } from './context.ts';
import type { BareSpec } from './lib/api-bare.ts';
import {
  requestPath,
  SCENARIOS,
  summarizeLoad,
  type LoadRun,
  type Scenario,
  type ScenarioInputs,
} from './lib/api-scenarios.ts';
import { startServer, type ServerProcess } from './lib/server.ts';
import { round, sampleText, summarize, type Sample } from './lib/stats.ts';

const run = promisify(execFile);

const CONNECTIONS = 16;
/** The fewest requests a connection sends in a measured run. */
const MIN_PER_CONNECTION = 2;
/** API p50 / bare p50 at most this. */
export const API_TARGET = 1.3;

interface Side {
  p50Ms: Sample;
  p99Ms: Sample;
  requestsPerSecond: Sample;
  errors: number;
}

export interface ApiScenarioResult {
  scenario: Scenario;
  /** Requests per side and repeat. */
  requests: number;
  api: Side;
  bare: Side;
  /** Median API p50 / median bare p50. */
  ratioP50: number;
}

export interface ApiResult {
  stances: number;
  connections: number;
  repeats: number;
  inputs: ScenarioInputs;
  scenarios: ApiScenarioResult[];
}

/** The generator spreads documents, hence stances, over about 2,000 days from 2019-01-01. */
const GENERATOR_DAYS = 2000;
const GENERATOR_START = Date.UTC(2019, 0, 1);
const day = (n: number) => new Date(GENERATOR_START + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Inputs both sides rotate through, from the loaded data: names that exist (whole, first word,
 * a prefix), claim and topic words (one misspelt); the highest-, middle- and lowest-degree
 * actor, claim, topic and document; windows that hold about 500, 1,500 and 3,000 stances.
 */
export async function chooseInputs(driver: Driver, stances: number): Promise<ScenarioInputs> {
  const names = (
    await driver.executeQuery('MATCH (p:Person) RETURN p.name AS name ORDER BY p.id LIMIT 4')
  ).records.map((r) => String(r.get('name')));
  const search = [
    ...new Set([
      ...names.flatMap((name) => {
        const [first = name, last = name] = name.split(' ');
        return [name, first, last.slice(0, 4)];
      }),
      'Country 3',
      'Capital 2',
      'sanctions',
      'grain exports',
      'arms contrl',
      'Parliament',
    ]),
  ];
  const { records } = await driver.executeQuery(`
    UNWIND ['Actor', 'Claim', 'Topic', 'Document'] AS label
    CALL (label) {
      MATCH (n) WHERE label IN labels(n)
      WITH n, COUNT { (n)--() } AS degree ORDER BY degree DESC, n.id
      WITH collect(n.id) AS ids
      RETURN [ids[0], ids[size(ids) / 2], ids[-1]] AS picked
    }
    RETURN picked`);
  const neighborhood = [...new Set(records.flatMap((r) => r.get('picked') as string[]))];
  const perDay = stances / GENERATOR_DAYS;
  const agreement = [
    { start: 400, stances: 500 },
    { start: 1000, stances: 1500 },
    { start: 1600, stances: 3000 },
  ].map((w) => ({
    from: day(w.start),
    to: day(w.start + Math.max(0, Math.round(w.stances / perDay) - 1)),
  }));
  return { search, neighborhood, agreement };
}

/**
 * Both sides get this: queries under 16-fold load on 2 cores can take far longer than the API's
 * default 30 s timeout, and a timeout would measure the timeout, not the query.
 */
const ENV = { STANCEGRAPH_API_TIMEOUT: '10m' };

/** The API side: autocannon sends `requests` requests, each the next input in turn. */
async function loadApi(
  server: ServerProcess,
  inputs: ScenarioInputs,
  scenario: Scenario,
  requests: number,
): Promise<LoadRun> {
  let next = 0;
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const instance = autocannon({
    url: server.url,
    connections: CONNECTIONS,
    amount: requests,
    timeout: 600,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: requestPath(inputs, scenario, next++) }),
      },
    ],
  });
  (instance as unknown as NodeJS.EventEmitter).on(
    'response',
    (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status === 200) latencies.push(ms);
      else failed++;
    },
  );
  const result = await instance;
  return summarizeLoad(latencies, failed + result.errors, (performance.now() - started) / 1000);
}

/** The baseline side: a bare Node process running the same Cypher, as many times. */
async function loadBare(
  ctx: BenchContext,
  inputs: ScenarioInputs,
  scenario: Scenario,
  warmupRequests: number,
  requests: number,
): Promise<LoadRun> {
  const spec: BareSpec = { scenario, inputs, connections: CONNECTIONS, warmupRequests, requests };
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'bench', 'lib', 'api-bare.ts'), JSON.stringify(spec)],
    { cwd: PROJECT_ROOT, env: { ...process.env, ...ENV, ...ctx.neo.env }, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as LoadRun;
}

function side(runs: LoadRun[]): Side {
  return {
    p50Ms: summarize(runs.map((r) => r.p50Ms)),
    p99Ms: summarize(runs.map((r) => r.p99Ms)),
    requestsPerSecond: summarize(runs.map((r) => r.requestsPerSecond)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

/** One request of each input through the API, so that a wrong input fails here, not under load. */
async function checkInputs(server: ServerProcess, inputs: ScenarioInputs, scenario: Scenario) {
  for (let i = 0; i < inputs[scenario].length; i++) {
    const url = `${server.url}${requestPath(inputs, scenario, i)}`;
    const response = await fetch(url);
    if (!response.ok)
      throw new Error(`bench api: ${url} answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  }
}

const ms = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

const rate = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(2));

const WHAT: Record<Scenario, string> = {
  search: '`GET /api/search?q=…&limit=20`',
  neighborhood: '`GET /api/nodes/:id/neighborhood` (depth 1, limit 100)',
  agreement: '`GET /api/networks/agreement?from=…&to=…`',
};

export const apiBenchmark: Benchmark<ApiResult> = {
  name: 'api',
  description: `the HTTP API under load (${CONNECTIONS} connections) vs the same Cypher through neo4j-driver in a bare process`,
  async run(ctx) {
    const stances = ctx.sizes?.[0] ?? (ctx.smoke ? 1000 : 1_000_000);
    const repeats = ctx.repeats ?? (ctx.smoke ? 1 : 3);
    const seconds = ctx.smoke ? 1 : 15;
    await ctx.ensureLoaded(stances);
    const inputs = await chooseInputs(ctx.neo.driver, stances);
    ctx.log(
      `api: ${stances} stances, ${CONNECTIONS} connections, ${repeats} repeats of about ${seconds} s a side`,
    );
    const server = await startServer({ neo4jEnv: ctx.neo.env, env: ENV });
    const scenarios: ApiScenarioResult[] = [];
    try {
      for (const scenario of SCENARIOS) {
        await checkInputs(server, inputs, scenario);
        // Warm-up: one round of the inputs; its pace sets how many requests make `seconds` of load,
        // at least MIN_PER_CONNECTION per connection (the agreement network takes seconds a request).
        const warmupRequests = Math.max(CONNECTIONS, inputs[scenario].length);
        const warm = await loadApi(server, inputs, scenario, warmupRequests);
        const requests = Math.max(
          MIN_PER_CONNECTION * CONNECTIONS,
          Math.round(warm.requestsPerSecond * seconds),
        );
        const api: LoadRun[] = [];
        const bare: LoadRun[] = [];
        for (let i = 0; i < repeats; i++) {
          api.push(await loadApi(server, inputs, scenario, requests));
          bare.push(await loadBare(ctx, inputs, scenario, warmupRequests, requests));
          const [a, b] = [api.at(-1)!, bare.at(-1)!];
          ctx.log(
            `  ${scenario} (${requests} requests): API p50 ${ms(a.p50Ms)} ms p99 ${ms(a.p99Ms)} ms ${a.requestsPerSecond} req/s | bare p50 ${ms(b.p50Ms)} ms p99 ${ms(b.p99Ms)} ms ${b.requestsPerSecond} req/s`,
          );
        }
        const result = { scenario, requests, api: side(api), bare: side(bare) };
        scenarios.push({ ...result, ratioP50: round(result.api.p50Ms.median / result.bare.p50Ms.median, 3) });
      }
    } finally {
      await server.stop();
    }
    return { stances, connections: CONNECTIONS, repeats, inputs, scenarios };
  },
  render(result) {
    return [
      '## 2. API under load',
      '',
      `${result.stances.toLocaleString('en')} synthetic stances loaded. **API**: \`stancegraph serve\` in its own`,
      `process, driven by autocannon with ${result.connections} connections. **Bare**: the same Cypher (the`,
      "registry's query text, the parameters the route builds, with the route's helpers, in one read",
      `transaction) through neo4j-driver in a bare Node process, ${result.connections} concurrent loops. Both rotate`,
      `through the same inputs (${result.inputs.search.length} search terms that hit; ${result.inputs.neighborhood.length} actors, claims, topics and documents of`,
      `the highest, middle and lowest degree; ${result.inputs.agreement.length} time windows) and send the same number of requests`,
      '(about 15 s of load at the pace of a warm-up round, at least 2 per connection), after a warm-up;',
      `${result.repeats} repeats. Latencies of successful requests in ms, medians over the repeats;`,
      `ratio = API p50 / bare p50 (target ≤ ${API_TARGET}).`,
      '',
      '| endpoint | requests | API p50 | bare p50 | **ratio p50** | API p99 | bare p99 | API req/s | bare req/s | errors (API/bare) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...result.scenarios.map(
        (s) =>
          `| ${WHAT[s.scenario]} | ${s.requests} | ${sampleText(s.api.p50Ms, ms)} | ${sampleText(s.bare.p50Ms, ms)} | **${s.ratioP50.toFixed(2)}**${s.ratioP50 <= API_TARGET ? '' : ' (missed)'} | ${sampleText(s.api.p99Ms, ms)} | ${sampleText(s.bare.p99Ms, ms)} | ${sampleText(s.api.requestsPerSecond, rate)} | ${sampleText(s.bare.requestsPerSecond, rate)} | ${s.api.errors}/${s.bare.errors} |`,
      ),
      '',
    ].join('\n');
  },
};
