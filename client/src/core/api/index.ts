// The API client: one function per endpoint the client uses, each returning typed values or
// throwing an ApiError that carries a Problem (problem+json from the server, or "no answer").

import type { DnaOptions } from '../../../../model/networks.ts';
import { packedAgreementGraph, type PackedAgreement, type WireGraph } from '../../../../model/wire.ts';
import { actorStanceEntries, claimPositionEntries } from './mapping.ts';
import type {
  AgreementKind,
  CypherResult,
  DownloadedFile,
  EdgePage,
  ExportFormat,
  ExportSource,
  Neighborhood,
  NodeDetails,
  NodeRef,
  PositionEntry,
  PositionsAnswer,
  SearchAnswer,
  SearchHit,
  StancesAnswer,
} from './types.ts';
import { ApiError, problemFromResponse, query, unreachableProblem } from './utils.ts';

export * from './types.ts';
export { ApiError } from './utils.ts';

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(unreachableProblem(error));
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page): keep the text.
    }
    throw new ApiError(problemFromResponse(response.status, response.statusText, body));
  }
  return response;
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const early = prefetched.get(path);
  if (early && !signal) {
    prefetched.delete(path);
    return early as Promise<T>;
  }
  return (await request(path, signal ? { signal } : {})).json() as Promise<T>;
}

/** Answers asked for before anyone needed them, by path; the first getJson of the path takes one. */
const prefetched = new Map<string, Promise<unknown>>();

function prefetch(path: string): void {
  if (prefetched.has(path)) return;
  const answer = getJson(path);
  // Whoever takes the answer sees the failure; until then it is not an unhandled rejection.
  answer.catch(() => undefined);
  prefetched.set(path, answer);
}

const graphPath = (options: { limit?: number; kinds?: readonly string[] }) =>
  `/api/graph${query({ limit: options.limit, kinds: options.kinds })}`;

/** Sends GET /api/graph now; api.graph with the same options takes the answer (entry point: main.ts). */
export function prefetchGraph(options: { limit?: number; kinds?: readonly string[] }): void {
  prefetch(graphPath(options));
}

async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json() as Promise<T>;
}

const node = (id: string) => `/api/nodes/${encodeURIComponent(id)}`;

export const api = {
  search: async (q: string, signal?: AbortSignal, limit = 10): Promise<SearchHit[]> =>
    (await getJson<SearchAnswer>(`/api/search${query({ q, limit })}`, signal)).results,

  /** A node; for a document, its text or (`text`) a piece of it, in UTF-16 code units. */
  node: (id: string, text?: { offset: number; length: number }) =>
    getJson<NodeDetails>(
      `${node(id)}${text ? query({ textOffset: text.offset, textLength: text.length }) : ''}`,
    ),

  neighborhood: async (
    id: string,
    options: { limit?: number; kinds?: readonly string[] } = {},
  ): Promise<Neighborhood> => {
    const graph = await getJson<WireGraph>(
      `${node(id)}/neighborhood${query({ depth: 1, limit: options.limit, kinds: options.kinds })}`,
    );
    const count = (value: unknown) => (typeof value === 'number' ? value : 0);
    return {
      graph,
      leftOut: count(graph.attributes.omitted),
      edgesLeftOut: count(graph.attributes.omittedEdges),
    };
  },

  /** A page of the relationships behind one edge (source, type, target), earliest first, with their quotes. */
  edgeRelationships: (
    edge: { source: string; type: string; target: string },
    page: { offset: number; limit: number },
  ) =>
    getJson<EdgePage>(
      `/api/edges${query({ source: edge.source, type: edge.type, target: edge.target, offset: page.offset, limit: page.limit })}`,
    ),

  graph: (options: { limit?: number; kinds?: readonly string[] } = {}) =>
    getJson<WireGraph>(graphPath(options)),

  claimPositions: async (id: string): Promise<{ claim: NodeRef; positions: PositionEntry[] }> => {
    const answer = await getJson<PositionsAnswer>(`/api/claims/${encodeURIComponent(id)}/positions`);
    return { claim: answer.claim, positions: claimPositionEntries(answer) };
  },

  actorStances: async (id: string): Promise<{ actor: NodeRef; stances: PositionEntry[] }> => {
    const answer = await getJson<StancesAnswer>(`/api/actors/${encodeURIComponent(id)}/stances`);
    return { actor: answer.actor, stances: actorStanceEntries(answer) };
  },

  /**
   * The agreement network (fetched packed, format=ties: a ninth of the bytes), or with `network`
   * DNA's network with rDNA's options.
   */
  agreement: async (
    window: { from: string | null; to: string | null },
    kind: AgreementKind = 'both',
    network?: DnaOptions,
  ): Promise<WireGraph> => {
    const path = '/api/networks/agreement';
    if (network)
      return getJson<WireGraph>(`${path}${query({ from: window.from, to: window.to, ...network })}`);
    return packedAgreementGraph(
      await getJson<PackedAgreement>(
        `${path}${query({ from: window.from, to: window.to, kind, format: 'ties' })}`,
      ),
    );
  },

  cypher: (text: string) => postJson<CypherResult>('/api/cypher', { query: text }),

  /** Exports a subgraph as a file; `positions` are where the canvas draws the nodes (GEXF, GraphML keep them). */
  export: async (
    format: ExportFormat,
    source: ExportSource,
    positions?: Record<string, { x: number; y: number }>,
  ): Promise<DownloadedFile> => {
    const response = await request('/api/export', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: '*/*' },
      body: JSON.stringify({ format, source, ...(positions ? { positions } : {}) }),
    });
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName =
      /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? `stancegraph.${format}`;
    return {
      blob: await response.blob(),
      fileName: decodeURIComponent(fileName),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    };
  },
};
