// Benchmark 2b: interactive speed, one person at a time, against the fastest query for the same
// question through the bare driver (not our own Cypher): expand (over highest-, middle- and
// lowest-degree nodes, hubs included) ÷ a minimal expand query; the expansion's response size;
// search ÷ a bare full-text query; the agreement network over a year ÷ streaming that year's
// (actor, claim, polarity) rows.

import neo4j, { type Driver } from 'neo4j-driver';
import { luceneQuery, searchWords } from '../server/api/lucene.ts';
import { STANCE_TYPES } from '../server/api/stances.ts';
import { chooseInputs } from './api.ts';
import type { Benchmark } from './context.ts';
import { startServer, type ServerProcess } from './lib/server.ts';
import { percentile, round } from './lib/stats.ts';

export const INTERACTIVE_TARGETS = { expand: 3, responseKb: 100, search: 2, agreement: 2 };

interface Timing {
  p50Ms: number;
  p95Ms: number;
}

interface Compared {
  api: Timing;
  bare: Timing;
  ratioP50: number;
  ratioP95: number;
  requests: number;
}

export interface InteractiveResult {
  stances: number;
  rounds: number;
  expand: Compared & { responseKb: { median: number; max: number }; nodes: string[] };
  search: Compared & { terms: string[] };
  agreement: Compared & { from: string; to: string; rows: number };
}

const timing = (values: number[]): Timing => ({
  p50Ms: round(percentile(values, 50), 1),
  p95Ms: round(percentile(values, 95), 1),
});

function compare(api: number[], bare: number[]): Compared {
  const [a, b] = [timing(api), timing(bare)];
  return {
    api: a,
    bare: b,
    ratioP50: round(a.p50Ms / b.p50Ms, 2),
    ratioP95: round(a.p95Ms / b.p95Ms, 2),
    requests: api.length,
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function get(server: ServerProcess, path: string): Promise<number> {
  const response = await fetch(`${server.url}${path}`);
  const bytes = (await response.arrayBuffer()).byteLength;
  if (!response.ok) throw new Error(`bench interactive: ${path} answered ${response.status}`);
  return bytes;
}

/** Every row of a query, read to the last (the bare side of each comparison). */
async function bareRows(driver: Driver, cypher: string, params: Record<string, unknown>): Promise<number> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    let rows = 0;
    await new Promise<void>((resolve, reject) => {
      session
        .run(cypher, params)
        .subscribe({ onNext: () => void rows++, onCompleted: () => resolve(), onError: reject });
    });
    return rows;
  } finally {
    await session.close();
  }
}

/** The minimal expand: any node by id, its relationships and neighbours, 100 of them. */
const BARE_EXPAND = 'MATCH (n {id: $id})-[r]-(m) RETURN r, m LIMIT 100';

/** The bare full-text query: the three indexes the search box uses, 20 hits, no ranking across them. */
const BARE_SEARCH = `CALL () {
  CALL db.index.fulltext.queryNodes('actor_names', $lucene, {limit: 20}) YIELD node, score RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('claim_texts', $lucene, {limit: 20}) YIELD node, score RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('topic_event_names', $lucene, {limit: 20}) YIELD node, score RETURN node, score
} RETURN node, score LIMIT 20`;

/** The window's (actor, claim, polarity) rows: one index seek per stance type, streamed. */
const BARE_WINDOW = STANCE_TYPES.map(
  (type) =>
    `MATCH (a:Actor)-[r:${type}]->(c:Claim) WHERE r.date >= date($from) AND r.date <= date($to) RETURN a.id AS actor, c.id AS claim, '${type}' AS type`,
).join('\nUNION ALL\n');

export const interactiveBenchmark: Benchmark<InteractiveResult> = {
  name: 'interactive',
  description:
    'one user: expand, search and the agreement network vs the fastest bare query for the same question',
  async run(ctx) {
    const stances = ctx.sizes?.[0] ?? (ctx.smoke ? 1000 : 1_000_000);
    const rounds = ctx.repeats ?? (ctx.smoke ? 1 : 5);
    await ctx.ensureLoaded(stances);
    const inputs = await chooseInputs(ctx.neo.driver, stances);
    // A year of stances: the generator's dates run from 2019 over about 2,000 days.
    const year = { from: '2021-01-01', to: '2021-12-31' };
    // The agreement network as the client asks for it: packed (format=ties).
    const agreementPath = `/api/networks/agreement?${new URLSearchParams({ ...year, format: 'ties' })}`;
    ctx.log(`interactive: ${stances} stances, ${rounds} rounds of every input, one request at a time`);
    const server = await startServer({ neo4jEnv: ctx.neo.env, env: { STANCEGRAPH_API_TIMEOUT: '10m' } });
    const driver = ctx.neo.driver;
    const api = { expand: [] as number[], search: [] as number[], agreement: [] as number[] };
    const bare = { expand: [] as number[], search: [] as number[], agreement: [] as number[] };
    const sizes: number[] = [];
    let rows = 0;
    try {
      // Warm-up: every input once on each side (query plans, page cache).
      for (const id of inputs.neighborhood) {
        await get(server, `/api/nodes/${encodeURIComponent(id)}/neighborhood`);
        await bareRows(driver, BARE_EXPAND, { id });
      }
      for (const q of inputs.search) {
        await get(server, `/api/search?${new URLSearchParams({ q, limit: '20' })}`);
        await bareRows(driver, BARE_SEARCH, { lucene: luceneQuery(searchWords(q), 'all') });
      }
      await get(server, agreementPath);
      await bareRows(driver, BARE_WINDOW, year);
      for (let round = 0; round < rounds; round++) {
        for (const id of inputs.neighborhood) {
          const a = await timed(() => get(server, `/api/nodes/${encodeURIComponent(id)}/neighborhood`));
          api.expand.push(a.ms);
          sizes.push(a.value / 1024);
          bare.expand.push((await timed(() => bareRows(driver, BARE_EXPAND, { id }))).ms);
        }
        for (const q of inputs.search) {
          api.search.push(
            (await timed(() => get(server, `/api/search?${new URLSearchParams({ q, limit: '20' })}`))).ms,
          );
          const lucene = luceneQuery(searchWords(q), 'all');
          bare.search.push((await timed(() => bareRows(driver, BARE_SEARCH, { lucene }))).ms);
        }
        api.agreement.push((await timed(() => get(server, agreementPath))).ms);
        const b = await timed(() => bareRows(driver, BARE_WINDOW, year));
        bare.agreement.push(b.ms);
        rows = b.value;
        ctx.log(
          `  round ${round + 1}: expand API p50 ${timing(api.expand).p50Ms} ms / bare ${timing(bare.expand).p50Ms} ms; search ${timing(api.search).p50Ms} / ${timing(bare.search).p50Ms} ms; agreement ${Math.round(api.agreement.at(-1)!)} / ${Math.round(b.ms)} ms (${rows} rows); largest expansion ${Math.round(Math.max(...sizes))} KB`,
        );
      }
    } finally {
      await server.stop();
    }
    const sorted = [...sizes].sort((x, y) => x - y);
    return {
      stances,
      rounds,
      expand: {
        ...compare(api.expand, bare.expand),
        responseKb: { median: round(percentile(sorted, 50), 1), max: round(sorted.at(-1) ?? 0, 1) },
        nodes: inputs.neighborhood,
      },
      search: { ...compare(api.search, bare.search), terms: inputs.search },
      agreement: { ...compare(api.agreement, bare.agreement), ...year, rows },
    };
  },
  render(r) {
    const t = INTERACTIVE_TARGETS;
    const mark = (value: number, target: number) =>
      `**${value.toFixed(2)}**${value <= target ? '' : ' (missed)'}`;
    const row = (what: string, c: Compared, target: number, baseline: string) =>
      `| ${what} | ${c.requests} | ${c.api.p50Ms} / ${c.api.p95Ms} | ${baseline} | ${c.bare.p50Ms} / ${c.bare.p95Ms} | ${mark(c.ratioP50, target)} / ${c.ratioP95.toFixed(2)} | ≤ ${target} |`;
    return [
      '## 2b. Interactive speed (one user, against the fastest query)',
      '',
      `${r.stances.toLocaleString('en')} synthetic stances loaded; one request at a time, ${r.rounds} rounds over every input`,
      `after a warm-up round. **API**: \`stancegraph serve\`, time to the last byte. **Bare**: the fastest`,
      'query for the same question through neo4j-driver, every row read: expand = `MATCH (n {id: $id})-[r]-(m)',
      'RETURN r, m LIMIT 100` over the same nodes (highest, middle and lowest degree actor, claim, topic and',
      'document: the hubs included); search = the three full-text indexes, 20 hits; agreement = streaming the',
      `(actor, claim, stance type) rows of the window ${r.agreement.from} to ${r.agreement.to} (${r.agreement.rows.toLocaleString('en')} rows), one date-index seek per stance type.`,
      'Ratios: API ÷ bare, p50 (target) / p95.',
      '',
      '| request | requests | API p50 / p95 (ms) | bare query | bare p50 / p95 (ms) | ratio p50 / p95 | target |',
      '|---|---:|---:|---|---:|---:|---:|',
      row('`GET /api/nodes/:id/neighborhood` (depth 1, limit 100)', r.expand, t.expand, 'minimal expand'),
      row('`GET /api/search?q=…&limit=20`', r.search, t.search, 'full-text, 3 indexes'),
      row(
        `\`GET /api/networks/agreement?format=ties\` (one year, as the client asks)`,
        r.agreement,
        t.agreement,
        "the window's rows",
      ),
      '',
      `Expansion response size (limit 100): median ${r.expand.responseKb.median} KB, largest **${r.expand.responseKb.max} KB** (target ≤ ${t.responseKb} KB).`,
      '',
    ].join('\n');
  },
};
