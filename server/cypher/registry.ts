// The named Cypher queries of cypher/queries, loaded once into a typed registry. Each query is a
// file `<name>.cypher` whose header comment gives its parameters and what it returns. A missing
// file fails at start-up (import time), not on first use.

import fs from 'node:fs';
import path from 'node:path';
import { ID_LABELS } from '../../model/kinds.ts';
import { needsProvenance, relationshipType } from '../../model/vocabulary.ts';
import { PROJECT_ROOT } from '../config.ts';

export const QUERIES_DIR = path.join(PROJECT_ROOT, 'cypher', 'queries');

export const QUERY_NAMES = [
  'graph-summary',
  'load-actors',
  'load-claims',
  'load-topics',
  'load-events',
  'load-documents',
  'load-keyed-relationships',
  'load-record-relationships',
  'load-relationships',
  'create-nodes',
  'create-relationships',
  'existing-ids',
  'merged-ids',
  'countries-by-iso3',
  'graph-dump-nodes',
  'graph-dump-relationships',
  'undo-delete-relationships',
  'undo-delete-nodes',
  'undo-delete-nodes-by-id',
  'undo-restore-nodes',
  'undo-restore-relationships',
  // the API (server/api)
  'api-health',
  'nodes-by-ids',
  'nodes-by-element-ids',
  'node-relationship-counts',
  'neighborhood-expand',
  'subgraph-relationships',
  'subgraph-type-degrees',
  'subgraph-edges',
  'edge-relationships',
  'graph-overview',
  'search-fulltext',
  'claim-positions',
  'actor-stances',
  'agreement-network',
  'dna-statements',
  'dna-export-statements',
  'relationships-by-element-ids',
  'export-graph-nodes',
  'export-graph-linked-nodes',
  'export-graph-relationships',
  'property-keys',
  // extraction (server/extract)
  'gazetteer-actors',
  'gazetteer-claims',
  // the dump and the write API (server/dump, server/write)
  'dump-document',
  'write-relationship-get',
  'write-relationship-delete',
  'write-node-get',
  'write-node-delete',
  'write-change-create',
  'write-change-by-key',
  'write-changes-list',
  'write-change-mark-undone',
  'write-rejection-set',
  'rejected-suggestions',
  'documents-list',
  'document-coding',
  'suggestions-queue',
] as const;

export type QueryName = (typeof QUERY_NAMES)[number];

function loadQueries(): Record<QueryName, string> {
  const missing = QUERY_NAMES.filter((name) => !fs.existsSync(path.join(QUERIES_DIR, `${name}.cypher`)));
  if (missing.length > 0) {
    throw new Error(
      `Cypher registry: missing ${missing.map((name) => `cypher/queries/${name}.cypher`).join(', ')}`,
    );
  }
  return Object.fromEntries(
    QUERY_NAMES.map((name) => [name, fs.readFileSync(path.join(QUERIES_DIR, `${name}.cypher`), 'utf8')]),
  ) as Record<QueryName, string>;
}

export const queries: Readonly<Record<QueryName, string>> = loadQueries();

/** The vocabulary's row of a type a query's text is about to name (from the model, never input). */
function vocabularyRow(name: QueryName, type: string) {
  const row = relationshipType(type);
  if (!row)
    throw new Error(`Cypher registry: ${name}: "${type}" is not a relationship type of the vocabulary`);
  return row;
}

/**
 * A query written for one relationship type between two labels, with `__TYPE__`, `__FROM__` and
 * `__TO__` in its text, filled in from the model: a type of the vocabulary and labels that carry
 * an id constraint. No input reaches the query text.
 */
export function relationshipQuery(name: QueryName, type: string, from: string, to: string): string {
  vocabularyRow(name, type);
  for (const label of [from, to]) {
    if (!(ID_LABELS as readonly string[]).includes(label))
      throw new Error(`Cypher registry: "${label}" is not a label of the model`);
  }
  if (!queries[name].includes('__TYPE__'))
    throw new Error(`Cypher registry: ${name} has no __TYPE__ to fill in`);
  return queries[name].replaceAll('__TYPE__', type).replaceAll('__FROM__', from).replaceAll('__TO__', to);
}

/** A query with __LABEL__ filled in: one of the model's id labels (never input). */
export function labelQuery(name: QueryName, label: string): string {
  if (!(ID_LABELS as readonly string[]).includes(label))
    throw new Error(`Cypher registry: "${label}" is not a label of the model`);
  if (!queries[name].includes('__LABEL__'))
    throw new Error(`Cypher registry: ${name} has no __LABEL__ to fill in`);
  return queries[name].replaceAll('__LABEL__', label);
}

/** A date window on relationships; null ends are open. */
export interface DateWindow {
  from: string | null;
  to: string | null;
}

/**
 * A query over the relationships of `types` inside a date window, with `__RELATIONSHIPS_IN_WINDOW__`
 * in its text, filled in with one `MATCH (a)-[r:TYPE]->(b) … RETURN a, r, b` branch per type
 * joined by UNION ALL (params `$from`, `$to`). Filtering `type(r) IN $types AND (r.date IS NULL OR
 * r.date >= …)` over all relationships makes Neo4j scan every one of them; a branch per type lets
 * it seek the type's date index (V003) for stances and interactions, which always carry a date
 * (provenance: the loader gives them their document's date when the text gives none). The other
 * families are undated as a rule and keep their meaning: undated ones pass any window.
 */
export function windowedQuery(name: QueryName, types: readonly string[], window: DateWindow): string {
  if (!queries[name].includes('__RELATIONSHIPS_IN_WINDOW__'))
    throw new Error(`Cypher registry: ${name} has no __RELATIONSHIPS_IN_WINDOW__ to fill in`);
  if (types.length === 0) throw new Error(`Cypher registry: ${name} needs at least one relationship type`);
  const branches = types.map((type) => {
    const row = vocabularyRow(name, type);
    // Undated relationships of the undated families pass; the dated families seek their index.
    const bound = (condition: string) =>
      needsProvenance(row.family) ? condition : `(r.date IS NULL OR ${condition})`;
    const conditions = [
      ...(window.from !== null ? [bound('r.date >= date($from)')] : []),
      ...(window.to !== null ? [bound('r.date <= date($to)')] : []),
    ];
    const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
    return `MATCH (a)-[r:${type}]->(b)${where} RETURN a, r, b`;
  });
  return queries[name].replaceAll('__RELATIONSHIPS_IN_WINDOW__', branches.join('\n  UNION ALL\n  '));
}

/**
 * subgraph-type-degrees for `types`: `__TYPE_DEGREES__` filled in with a `{type, out, in}` per
 * type, each degree a `COUNT { }` over one pattern of that type, which Neo4j answers from its
 * degree store. The types come from the vocabulary (never input).
 */
export function typeDegreesQuery(types: readonly string[]): string {
  const name = 'subgraph-type-degrees';
  if (types.length === 0) throw new Error(`Cypher registry: ${name} needs at least one relationship type`);
  const degrees = types.map((type) => {
    const t = vocabularyRow(name, type).type;
    return `{type: '${t}', out: COUNT { (n)-[:${t}]->() }, in: COUNT { (n)<-[:${t}]-() }}`;
  });
  return queries[name].replaceAll('__TYPE_DEGREES__', degrees.join(',\n  '));
}

/** Which end of a relationship type subgraph-edges reads from: out of the nodes, or into them. */
export interface EdgeSide {
  type: string;
  read: 'out' | 'in';
}

/**
 * subgraph-edges with `__EDGE_BRANCHES__` filled in: a branch for the types read out of the nodes
 * and one for those read into them (joined by UNION ALL), each seeking the nodes of `$ids` once
 * and expanding from them over its types, the far end checked against `$ids`. Two branches, not
 * one per type: an expansion over one type walks a sparse node's whole relationship chain (and a
 * dense one's chain of type groups), so a branch per type did that up to 33 times over: more
 * database hits than reading every relationship once from the sources.
 */
export function edgeBranchesQuery(sides: readonly EdgeSide[]): string {
  const name = 'subgraph-edges';
  const branches = (['out', 'in'] as const).flatMap((read) => {
    const types = sides
      .filter((side) => side.read === read)
      .map((side) => vocabularyRow(name, side.type).type);
    if (types.length === 0) return [];
    const [near, far] = read === 'out' ? ['a', 'b'] : ['b', 'a'];
    return [
      `UNWIND $ids AS nodeId MATCH (${near}) WHERE elementId(${near}) = nodeId ` +
        `MATCH (a)-[r:${types.join('|')}]->(b) WHERE elementId(${far}) IN $ids RETURN a, r, b`,
    ];
  });
  if (branches.length === 0) throw new Error(`Cypher registry: ${name} needs at least one relationship type`);
  return queries[name].replaceAll('__EDGE_BRANCHES__', branches.join('\n  UNION ALL\n  '));
}
