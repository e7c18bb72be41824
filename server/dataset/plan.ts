// What a load writes, as rows and queries: records become Neo4j properties, nodes and relationships
// are grouped by the load query that writes them (one `UNWIND $rows` per batch), nodes first.
// Shared by the YAML/JSON path (planSteps) and the bulk path (bulk.ts streams the same rows).

import neo4j from 'neo4j-driver';
import { isActorKind, kindOfId, type NodeKind } from '../../model/kinds.ts';
import { needsProvenance, relationshipType } from '../../model/vocabulary.ts';
import type { QueryName } from '../cypher/registry.ts';
import { toNeo4jDate } from '../neo4j/values.ts';
import type { ResolvedDataset, ResolvedNode, ResolvedRelationship } from './resolve.ts';
import type { Batch, Bucket } from './writer.ts';

const DATE_FIELDS = new Set(['published', 'date']);
const EVENT_DATE_FIELDS = new Set(['date', 'start', 'end']);
const INTEGER_FIELDS = new Set(['start', 'end']);

/** Properties as Neo4j stores them: dates as Date, offsets as Integer, no undefined values. */
export function nodeProperties(node: ResolvedNode): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node.record)) {
    if (value === undefined) continue;
    const isDate = node.kind === 'Event' ? EVENT_DATE_FIELDS.has(key) : DATE_FIELDS.has(key);
    props[key] = isDate ? toNeo4jDate(value as string) : value;
  }
  return props;
}

/** Fields of a resolved relationship that are not stored as its properties. */
export const NOT_RELATIONSHIP_PROPERTIES: ReadonlySet<string> = new Set([
  'type',
  'from',
  'to',
  'keyed',
  'keepExisting',
]);

export function relationshipProperties(rel: ResolvedRelationship): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rel)) {
    if (value === undefined || NOT_RELATIONSHIP_PROPERTIES.has(key)) continue;
    props[key] = DATE_FIELDS.has(key)
      ? toNeo4jDate(value as string)
      : INTEGER_FIELDS.has(key)
        ? neo4j.int(value as number)
        : value;
  }
  return props;
}

export interface Step {
  query: QueryName;
  relationship?: Batch['relationship'];
  rows: Record<string, unknown>[];
  /** Where its counts go in the report. */
  bucket: Bucket;
}

export const NODE_QUERY: Record<NodeKind, QueryName> = {
  Person: 'load-actors',
  Institution: 'load-actors',
  Country: 'load-actors',
  Claim: 'load-claims',
  Topic: 'load-topics',
  Event: 'load-events',
  Document: 'load-documents',
};

/** The label a relationship's endpoint is found by: Actor for every actor kind, else its kind. */
export function endpointLabel(id: string): string {
  const kind = kindOfId(id)!;
  return isActorKind(kind) ? 'Actor' : kind;
}

/**
 * Relationships that one load query can write together: same type, same endpoint labels, and
 * `fresh` (an endpoint is new in this load, so the relationship cannot exist yet and is created
 * without MERGE's search) or not.
 */
export function relationshipGroup(
  rel: Pick<ResolvedRelationship, 'type' | 'from' | 'to' | 'record'>,
  fresh: boolean,
): string {
  const byRecord = rel.record !== undefined ? '|record' : '';
  return `${rel.type}|${endpointLabel(rel.from)}|${endpointLabel(rel.to)}|${fresh}${byRecord}`;
}

/** The load query, its filling and the report bucket for a relationship's group. */
export function relationshipQueryOf(
  rel: Pick<ResolvedRelationship, 'type' | 'from' | 'to' | 'record'>,
  fresh: boolean,
): Pick<Batch, 'query' | 'relationship' | 'bucket'> {
  const family = relationshipType(rel.type)!.family;
  return {
    query: fresh
      ? 'create-relationships'
      : rel.record !== undefined
        ? 'load-record-relationships'
        : needsProvenance(family)
          ? 'load-keyed-relationships'
          : 'load-relationships',
    relationship: { type: rel.type, from: endpointLabel(rel.from), to: endpointLabel(rel.to) },
    bucket: { relationships: family },
  };
}

/**
 * A relationship as a row of the load queries; provenance relationships are keyed by (doc, start),
 * those with a dataset record by (source, record).
 */
export function relationshipRow(rel: ResolvedRelationship): Record<string, unknown> {
  const props = relationshipProperties(rel);
  // `keep`: the load queries create it when missing but leave one the graph holds as it is.
  const keep = rel.keepExisting ? { keep: true } : {};
  if (rel.record !== undefined)
    return { from: rel.from, to: rel.to, source: rel.source, record: rel.record, props, ...keep };
  return {
    from: rel.from,
    to: rel.to,
    ...(rel.keyed ? { doc: rel.doc, start: props.start } : {}),
    props,
    ...keep,
  };
}

/** The writes, in order: nodes first (by kind), then relationships (by family). */
export function planSteps(dataset: ResolvedDataset, fresh: Set<string>): Step[] {
  const steps: Step[] = [];
  const byKind = new Map<NodeKind, ResolvedNode[]>();
  for (const node of dataset.nodes) {
    const list = byKind.get(node.kind) ?? [];
    byKind.set(node.kind, list);
    list.push(node);
  }
  for (const [kind, nodes] of byKind) {
    steps.push({
      query: NODE_QUERY[kind],
      bucket: { nodes: kind },
      rows: nodes.map((node) => ({
        id: node.id,
        ...(isActorKind(node.kind) ? { kind: node.kind } : {}),
        props: nodeProperties(node),
      })),
    });
  }
  // The input holds each relationship once (validation merged identical ones), so one with a
  // new endpoint can be created outright.
  const byGroup = new Map<string, { fresh: boolean; rels: ResolvedRelationship[] }>();
  for (const rel of dataset.relationships) {
    const isFresh = fresh.has(rel.from) || fresh.has(rel.to);
    const group = relationshipGroup(rel, isFresh);
    const entry = byGroup.get(group) ?? { fresh: isFresh, rels: [] };
    byGroup.set(group, entry);
    entry.rels.push(rel);
  }
  for (const { fresh: isFresh, rels } of byGroup.values()) {
    steps.push({ ...relationshipQueryOf(rels[0]!, isFresh), rows: rels.map(relationshipRow) });
  }
  return steps;
}

export function* batchesOf(steps: Step[], batchSize: number): Generator<Batch> {
  for (const step of steps) {
    for (let at = 0; at < step.rows.length; at += batchSize) {
      yield {
        query: step.query,
        relationship: step.relationship,
        bucket: step.bucket,
        rows: step.rows.slice(at, at + batchSize),
      };
    }
  }
}
