// The controller against a fake API: opening a view from the URL, expanding and collapsing,
// console results on the canvas, and the API down. Layout and edge curving are the browser's
// (web worker, WebGL), so they are stubbed here. Every fake answer is checked against the API's
// own response schemas (model/api.ts), so the fake cannot drift from what the server answers.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { consoleResultSchema, problemSchema, wireGraphSchema } from '../../model/api.ts';
import type { WireGraph } from '../../model/wire.ts';
import { Controller } from '../../client/src/core/app/index.ts';
import { DEFAULT_VIEW, type ViewState } from '../../client/src/core/view/index.ts';
import { edge, node, wire } from './_graphs.ts';

const R = 'person:ryabkov';
const S = 'person:smith';
const C = 'claim:guarantees';
const T = 'topic:enlargement';
const X = 'person:outsider';

const OVERVIEW = wire([node(R), node(S), node(C)], [edge(R, 'DEMANDS', C), edge(S, 'REJECTS', C)]);
const NEIGHBOURHOODS: Record<string, WireGraph> = {
  [C]: {
    ...wire([node(C), node(R), node(T, { kind: 'Topic' })], [edge(R, 'DEMANDS', C), edge(C, 'ABOUT', T)]),
    attributes: { truncated: true, omitted: 2 },
  },
};
const QUERIES: Record<string, WireGraph> = {
  'RETURN x': wire([node(X)]),
  'RETURN r': wire([node(R)]),
  'RETURN t': wire([node(T, { kind: 'Topic' })]),
};

function answer(schema: z.ZodType, body: unknown, status = 200): Response {
  return new Response(JSON.stringify(schema.parse(body)), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
}

/** The API as far as these tests need it. */
async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://stancegraph.test');
  if (url.pathname === '/api/graph') return answer(wireGraphSchema, OVERVIEW);
  const neighbourhood = /^\/api\/nodes\/([^/]+)\/neighborhood$/.exec(url.pathname);
  if (neighbourhood) return answer(wireGraphSchema, NEIGHBOURHOODS[decodeURIComponent(neighbourhood[1]!)]);
  if (url.pathname === '/api/cypher') {
    const { query } = JSON.parse(String(init?.body)) as { query: string };
    const graph = QUERIES[query];
    if (!graph)
      return answer(
        problemSchema,
        { type: '/problems/cypher-error', title: 'Cypher syntax error', status: 400, detail: 'bad' },
        400,
      );
    return answer(consoleResultSchema, {
      columns: ['n'],
      rows: graph.nodes.map((n) => [n.key]),
      graph,
      summary: {
        rows: graph.nodes.length,
        truncated: false,
        truncatedBy: null,
        limit: 1000,
        byteBudget: 8 * 1024 * 1024,
        elapsedMs: 1,
        timeoutMs: 30_000,
        queryType: 'r',
        notifications: [],
      },
    });
  }
  return answer(
    problemSchema,
    { type: '/problems/not-found', title: 'Not found', status: 404, detail: url.pathname },
    404,
  );
}

function controller(view: ViewState = DEFAULT_VIEW): Controller {
  return new Controller(view, {
    layout: () => ({ done: Promise.resolve(), stop: () => {} }),
  });
}

const nodes = (c: Controller) => c.graph.nodes().sort();

beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the controller', () => {
  it('reopens a view from its URL: the overview, the query drawn on it and the expansions it names', async () => {
    const view: ViewState = { ...DEFAULT_VIEW, expanded: [C], query: { text: 'RETURN x', target: 'add' } };
    const c = controller(view);
    await c.open(view);
    expect(c.state.canvas.status).toBe('ready');
    expect(nodes(c)).toEqual([C, R, S, X, T].sort());
    expect(c.state.leftOut).toEqual({ [C]: 2 });
    expect([...c.state.contributions.keys()]).toEqual(['overview', 'query', `expand:${C}`]);
  });

  it('takes back exactly what an expansion added when it collapses', async () => {
    const c = controller();
    await c.open(DEFAULT_VIEW);
    const before = { nodes: nodes(c), edges: c.graph.edges().sort() };
    await c.expand(C);
    expect(nodes(c)).toContain(T);
    expect(c.state.view.expanded).toEqual([C]);
    expect(c.state.notices.map((n) => n.text)).toEqual([
      expect.stringContaining('2 more neighbours not shown'),
    ]);
    c.select({ type: 'node', id: T });
    c.collapse(C);
    expect({ nodes: nodes(c), edges: c.graph.edges().sort() }).toEqual(before);
    expect(c.state.view.expanded).toEqual([]);
    expect(c.state.view.selection).toBeNull();
  });

  it('adds a query result in place of the previous one, and replaces the canvas when asked', async () => {
    const c = controller();
    await c.open(DEFAULT_VIEW);
    await c.runQuery('RETURN x', 'add');
    expect(nodes(c)).toContain(X);
    await c.runQuery('RETURN t', 'add');
    expect(nodes(c)).not.toContain(X);
    expect(nodes(c)).toContain(T);
    expect(c.state.view.query).toEqual({ text: 'RETURN t', target: 'add' });

    await c.expand(C);
    await c.runQuery('RETURN r', 'replace');
    expect(nodes(c)).toEqual([R]);
    expect(c.state.view).toMatchObject({ expanded: [], query: { text: 'RETURN r', target: 'replace' } });
    await expect(c.runQuery('MATCH (', 'add')).rejects.toMatchObject({
      problem: { title: 'Cypher syntax error', status: 400 },
    });
    expect(nodes(c)).toEqual([R]);
  });

  it('shows the API being down as the error state of the canvas', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const c = controller();
    await c.open(DEFAULT_VIEW);
    expect(c.state.canvas).toMatchObject({
      status: 'error',
      problem: {
        status: 0,
        title: 'The Stancegraph API does not answer',
        detail: expect.stringContaining('npm start'),
      },
    });
  });
});
