// `npm run soak`: mixed traffic (search, expand, console, exports) at a bounded rate against a
// synthetic graph, for a fixed time, through the real server (`stancegraph serve`) and the
// embedded Neo4j. Reports p50/p99 per minute and per kind, errors by status, and the RSS of the
// server and of Neo4j at the start and the end, and the problem types of every non-2xx answer;
// writes bench/results/soak-<date>.json.
//
//   npm run soak -- --stances 100000 --minutes 10 --rate 10
//   npm run soak -- --stances 2000 --minutes 1 --rate 5        # a quick look

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { PROJECT_ROOT } from '../server/config.ts';
import { generate, prng } from '../scripts/generate.ts';

const log = (message: string) => process.stderr.write(`${message}\n`);
const CLI = path.join(PROJECT_ROOT, 'bin/stancegraph.mjs');

const { values } = parseArgs({
  options: {
    stances: { type: 'string', default: '100000' },
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '10' },
    'neo4j-port': { type: 'string', default: '7808' },
    'http-port': { type: 'string', default: '3808' },
    seed: { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    [
      'npm run soak -- [options]: mixed traffic against the real server for a fixed time.',
      '  --stances N      size of the synthetic graph (default 100000; generated and loaded once',
      '                   into bench/work/soak-home-N)',
      '  --minutes N      how long (default 10)',
      '  --rate N         requests a second, open loop (default 10)',
      '  --neo4j-port N   the embedded Neo4j of the soak (default 7808)',
      '  --http-port N    the server (default 3808)',
      '  --seed N         the request mix (default 1)',
      'Reports p50/p99 per minute and kind, statuses, the problem types of non-2xx answers (0: the',
      'client gave up after 60 s) and RSS; writes bench/results/soak-<date>.json.',
      '',
    ].join('\n'),
  );
  process.exit(0);
}
const stances = Number(values.stances);
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const work = path.join(PROJECT_ROOT, 'bench', 'work');
const home = path.join(work, `soak-home-${stances}`);
const folder = path.join(work, `synthetic-${stances}`);
const env = {
  ...process.env,
  STANCEGRAPH_HOME: home,
  STANCEGRAPH_NEO4J_PORT: values['neo4j-port'],
  PORT: values['http-port'],
  HOST: '127.0.0.1',
  NEO4J_URI: undefined,
  STANCEGRAPH_REQUEST_LOG: 'off',
  // Console and export routes are rate-limited per client (60/min by default): the soak is one client.
  STANCEGRAPH_RATE_LIMIT: '1000000',
};
const base = `http://127.0.0.1:${values['http-port']}`;

function cli(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`stancegraph ${args[0]}: exit ${code}`)),
    );
  });
}

/** Resident set size of a process, in MB (Linux /proc). */
function rssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Math.round(Number(line[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

const neo4jPid = () => Number(fs.readFileSync(path.join(home, 'neo4j', 'neo4j.pid'), 'utf8').trim());

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

type Kind = 'search' | 'expand' | 'console' | 'export';
interface Sample {
  at: number;
  kind: Kind;
  ms: number;
  status: number;
  /** The problem type of a non-2xx answer (`/problems/…`), or why there was no answer. */
  problem?: string;
}

/** The problem type of a non-2xx answer's body (problem+json), or what else it was. */
async function problemType(res: Response): Promise<string> {
  const body = await res.text();
  try {
    return String((JSON.parse(body) as { type?: unknown }).type ?? 'no type');
  } catch {
    return res.headers.get('content-type')?.includes('json') ? 'unparsable JSON' : 'not a problem';
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(folder, 'relationships.jsonl'))) {
    log(`Generating ${stances} stances into ${folder}…`);
    await generate({ stances, seed: 1, out: folder });
  }
  await cli(['db', 'start']);
  const password = fs.existsSync(path.join(home, 'neo4j-password'))
    ? fs.readFileSync(path.join(home, 'neo4j-password'), 'utf8').trim()
    : undefined;
  const driver = neo4j.driver(
    `bolt://127.0.0.1:${values['neo4j-port']}`,
    password ? neo4j.auth.basic('neo4j', password) : undefined,
  );
  let server: ChildProcess | undefined;
  try {
    const count = async (query: string) =>
      (await driver.executeQuery(query)).records[0]!.get(0).toNumber() as number;
    if ((await count('MATCH ()-[r:SUPPORTS|OPPOSES|NEUTRAL_ON]->() RETURN count(r)')) === 0) {
      log(`Loading ${folder}…`);
      await cli(['load', folder]);
    }
    const ids = async (label: string) =>
      (
        await driver.executeQuery(`MATCH (n:${label}) RETURN n.id AS id ORDER BY n.id LIMIT 2000`)
      ).records.map((r) => r.get('id') as string);
    const actors = await ids('Actor');
    const claims = await ids('Claim');
    const names = (
      await driver.executeQuery('MATCH (n:Actor) RETURN n.name AS name ORDER BY n.id LIMIT 500')
    ).records.map((r) => String(r.get('name')));
    const nodes = await count('MATCH (n) RETURN count(n)');
    const relationships = await count('MATCH ()-[r]->() RETURN count(r)');
    log(`Graph: ${nodes} nodes, ${relationships} relationships.`);

    server = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    for (let i = 0; ; i++) {
      const health = await fetch(`${base}/api/health`).catch(() => undefined);
      if (health?.ok) break;
      if (i > 120) throw new Error('the server did not answer /api/health within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const random = prng(Number(values.seed));
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const request = (): { kind: Kind; url: string; init?: RequestInit } => {
      const roll = random();
      const post = (url: string, body: unknown) => ({
        url,
        init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      });
      if (roll < 0.35) {
        const words = pick(names).split(' ');
        const q = random() < 0.5 ? words[0]!.slice(0, 3 + Math.floor(random() * 3)) : pick(names);
        return { kind: 'search', url: `/api/search?q=${encodeURIComponent(q)}` };
      }
      if (roll < 0.65) {
        const id = random() < 0.6 ? pick(actors) : pick(claims);
        return {
          kind: 'expand',
          url: `/api/nodes/${encodeURIComponent(id)}/neighborhood?depth=1`,
        };
      }
      if (roll < 0.85) {
        const queries = [
          { query: 'MATCH (a:Actor)-[s:SUPPORTS]->(c:Claim) RETURN a.name, c.text LIMIT 50' },
          {
            query: 'MATCH (a:Actor {id: $id})-[r]-(n) RETURN type(r) AS type, count(*) AS n',
            params: { id: pick(actors) },
          },
          {
            query: 'MATCH (c:Claim {id: $id})<-[s]-(a:Actor) RETURN a, s, c LIMIT 100',
            params: { id: pick(claims) },
          },
          {
            query:
              'MATCH (t:Topic)<-[:ABOUT]-(c:Claim) RETURN t.name, count(c) AS claims ORDER BY claims DESC LIMIT 20',
          },
        ];
        return { kind: 'console', ...post('/api/cypher', pick(queries)) };
      }
      const format = pick(['json', 'gexf', 'graphml', 'csv', 'cypher']);
      return {
        kind: 'export',
        ...post('/api/export', { format, source: { type: 'ids', ids: [pick(actors)], depth: 1 } }),
      };
    };

    const samples: Sample[] = [];
    const start = Date.now();
    const rss = { start: { server: rssMb(server.pid), neo4j: rssMb(neo4jPid()) } };
    log(
      `Soak: ${minutes} min at ${rate} requests/s against ${base} (RSS server ${rss.start.server} MB, Neo4j ${rss.start.neo4j} MB)…`,
    );
    const inFlight = new Set<Promise<void>>();
    const end = start + minutes * 60_000;
    // Open loop: one request every 1/rate s whatever the answers' speed (at most 200 outstanding).
    for (let n = 0; Date.now() < end; n++) {
      const due = start + (n * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (inFlight.size >= 200) await Promise.race(inFlight);
      const { kind, url, init } = request();
      const sent = performance.now();
      const at = Date.now() - start;
      const done = fetch(`${base}${url}`, { ...init, signal: AbortSignal.timeout(60_000) })
        .then(async (res) => {
          const problem = res.ok ? undefined : await problemType(res);
          if (res.ok) await res.arrayBuffer();
          samples.push({ at, kind, ms: performance.now() - sent, status: res.status, problem });
        })
        .catch((error: Error) => {
          const problem =
            error.name === 'TimeoutError' ? 'client timeout (60 s)' : `no answer (${error.message})`;
          samples.push({ at, kind, ms: performance.now() - sent, status: 0, problem });
        })
        .finally(() => inFlight.delete(done));
      inFlight.add(done);
      if (n % (rate * 60) === rate * 60 - 1)
        log(`  minute ${Math.round((Date.now() - start) / 60_000)}: ${samples.length} answers`);
    }
    await Promise.all(inFlight);
    const rssEnd = { server: rssMb(server.pid), neo4j: rssMb(neo4jPid()) };

    const rows: string[] = [];
    const perMinute: Record<string, unknown>[] = [];
    for (let minute = 0; minute < minutes; minute++) {
      const inMinute = samples.filter((s) => Math.floor(s.at / 60_000) === minute);
      const row: Record<string, unknown> = { minute: minute + 1, requests: inMinute.length };
      const cells = [`${minute + 1}`, `${inMinute.length}`];
      for (const kind of ['all', 'search', 'expand', 'console', 'export'] as const) {
        const ms = inMinute
          .filter((s) => kind === 'all' || s.kind === kind)
          .map((s) => s.ms)
          .sort((a, b) => a - b);
        row[kind] = { p50: Math.round(percentile(ms, 50)), p99: Math.round(percentile(ms, 99)) };
        cells.push(`${Math.round(percentile(ms, 50))} / ${Math.round(percentile(ms, 99))}`);
      }
      const errors = inMinute.filter((s) => s.status !== 200).length;
      row.errors = errors;
      cells.push(String(errors));
      perMinute.push(row);
      rows.push(`| ${cells.join(' | ')} |`);
    }
    const statuses: Record<string, number> = {};
    for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    /** Non-2xx answers by status, problem type and kind of request. */
    const problems: Record<string, number> = {};
    for (const s of samples.filter((sample) => sample.problem !== undefined)) {
      const key = `${s.status} ${s.problem} (${s.kind})`;
      problems[key] = (problems[key] ?? 0) + 1;
    }
    const result = {
      date: new Date().toISOString(),
      stances,
      nodes,
      relationships,
      minutes,
      rate,
      requests: samples.length,
      statuses,
      problems,
      rss: { start: rss.start, end: rssEnd },
      perMinute,
    };
    const out = path.join(PROJECT_ROOT, 'bench', 'results', `soak-${result.date.slice(0, 10)}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      [
        `Soak: ${stances} stances (${nodes} nodes, ${relationships} relationships), ${minutes} min at ${rate} req/s: ${samples.length} requests; statuses ${JSON.stringify(statuses)}`,
        `RSS (MB): server ${rss.start.server} → ${rssEnd.server}, Neo4j ${rss.start.neo4j} → ${rssEnd.neo4j}`,
        'Non-2xx answers:',
        ...Object.entries(problems)
          .sort((a, b) => b[1] - a[1])
          .map(([key, n]) => `  ${n} × ${key}`),
        '',
        '| minute | requests | all p50 / p99 (ms) | search | expand | console | export | non-200 |',
        '|---|---|---|---|---|---|---|---|',
        ...rows,
        '',
        `(${path.relative(PROJECT_ROOT, out)})`,
      ].join('\n') + '\n',
    );
  } finally {
    server?.kill('SIGTERM');
    await driver.close();
    await cli(['db', 'stop']).catch((error: Error) => log(error.message));
  }
}

await main();
