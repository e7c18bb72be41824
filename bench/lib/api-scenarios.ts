// The API benchmark's three scenarios, each twice: as the HTTP request a client sends, and as the
// same Cypher (the registry's query text, the parameters the route builds, with the route's own
// helpers) run straight through neo4j-driver, which is the baseline. One rotating list of inputs
// feeds both sides.

import neo4j from 'neo4j-driver';
import { toFilters } from '../../server/graph/filters.ts';
import { readTransaction, type Db } from '../../server/api/db.ts';
import { luceneQuery, searchWords } from '../../server/api/lucene.ts';
import { neighborhoodQuery } from '../../server/api/routes/nodes.ts';
import { SEARCHABLE_KINDS } from '../../server/api/routes/search.ts';
import { agreementQuery, agreementRows, NEGATIVE_TYPES, POSITIVE_TYPES } from '../../server/api/stances.ts';
import { strongestTies } from '../../server/networks/agreement.ts';
import { AGREEMENT_EDGE_LIMIT } from '../../server/api/routes/networks.ts';
import { findNodes, selectNeighborhood, subgraphEdgeRecords } from '../../server/graph/subgraph.ts';
import { queries } from '../../server/cypher/registry.ts';
import { percentile, round } from './stats.ts';

export const SCENARIOS = ['search', 'neighborhood', 'agreement'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** What the requests rotate through, chosen from the loaded dataset (bench/api.ts). */
export interface ScenarioInputs {
  /** Search terms that hit: actor names, name prefixes, claim and topic words. */
  search: string[];
  /** Node ids of high, middle and low degree. */
  neighborhood: string[];
  /** Time windows for the agreement network. */
  agreement: { from: string; to: string }[];
}

/** The search route's result count, sent explicitly so both sides use the same one. */
export const SEARCH_LIMIT = 20;

/** The HTTP path (and query string) of request `i` of a scenario. */
export function requestPath(inputs: ScenarioInputs, scenario: Scenario, i: number): string {
  const at = <T>(list: T[]) => list[i % list.length]!;
  switch (scenario) {
    case 'search':
      return `/api/search?${new URLSearchParams({ q: at(inputs.search), limit: String(SEARCH_LIMIT) })}`;
    case 'neighborhood':
      return `/api/nodes/${encodeURIComponent(at(inputs.neighborhood))}/neighborhood`;
    case 'agreement':
      return `/api/networks/agreement?${new URLSearchParams(at(inputs.agreement))}`;
  }
}

/**
 * Request `i` of a scenario as the bare driver runs it: the route's queries in one read
 * transaction (the same helper, timeout and parameters), records fetched, nothing mapped to JSON.
 */
export async function runBare(
  db: Db,
  timeoutMs: number,
  inputs: ScenarioInputs,
  scenario: Scenario,
  i: number,
): Promise<number> {
  const at = <T>(list: T[]) => list[i % list.length]!;
  return readTransaction(db, { timeoutMs }, async (tx) => {
    switch (scenario) {
      case 'search': {
        const words = searchWords(at(inputs.search));
        const run = (mode: 'all' | 'any') =>
          tx.run(queries['search-fulltext'], {
            lucene: luceneQuery(words, mode),
            kinds: [...SEARCHABLE_KINDS],
            limit: neo4j.int(SEARCH_LIMIT),
          });
        const strict = await run('all');
        if (strict.records.length > 0 || words.length === 1) return strict.records.length;
        return (await run('any')).records.length;
      }
      case 'neighborhood': {
        const id = at(inputs.neighborhood);
        const q = neighborhoodQuery.parse({});
        const filters = toFilters(q);
        const centre = (await findNodes(tx, [id])).get(id);
        if (!centre) throw new Error(`bench: no node ${id}`);
        const selection = await selectNeighborhood(tx, [centre], q.depth, filters, q.limit);
        // The queries buildSubgraph runs, without its mapping to the wire.
        const records = await subgraphEdgeRecords(
          tx,
          selection.nodes.map((n) => n.elementId),
          filters,
        );
        return selection.nodes.length + records.length;
      }
      case 'agreement': {
        const { from, to } = toFilters(at(inputs.agreement));
        const { records } = await tx.run(agreementQuery({ from, to }), {
          positive: POSITIVE_TYPES,
          negative: NEGATIVE_TYPES,
          from,
          to,
          topic: null,
          includeSuggested: false,
        });
        // The route's pairing: the strongest edges, as many as its default limit.
        return strongestTies(agreementRows(records), ['agreed', 'conflicted'], AGREEMENT_EDGE_LIMIT).ties
          .size;
      }
    }
  });
}

/** One run of a fixed number of requests under concurrent load, either side. */
export interface LoadRun {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  requests: number;
  errors: number;
  seconds: number;
}

export function summarizeLoad(latenciesMs: number[], errors: number, seconds: number): LoadRun {
  return {
    p50Ms: round(percentile(latenciesMs, 50), 2),
    p99Ms: round(percentile(latenciesMs, 99), 2),
    requestsPerSecond: round(latenciesMs.length / seconds, 2),
    requests: latenciesMs.length,
    errors,
    seconds: round(seconds, 2),
  };
}
