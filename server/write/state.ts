// What a write changes, as data: the nodes and relationships it touches, before and after, as
// plain snapshots (dates as YYYY-MM-DD, offsets as numbers). A write is applied by turning the
// graph's `before` into `after`; an undo applies the same change the other way round.

import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { kindOfId, kindOfLabels, isActorKind, type NodeKind } from '../../model/kinds.ts';
import { needsProvenance, relationshipType } from '../../model/vocabulary.ts';
import { labelQuery, queries, relationshipQuery } from '../cypher/registry.ts';
import {
  endpointLabel,
  NODE_QUERY,
  nodeProperties,
  relationshipProperties,
  relationshipQueryOf,
} from '../dataset/plan.ts';
import type { EntityRecord, ResolvedRelationship } from '../dataset/resolve.ts';
import { canonicalJson } from '../neo4j/checksum.ts';
import { toPlain, type Plain } from '../neo4j/values.ts';

export type Props = Record<string, Plain>;

export interface NodeSnapshot {
  id: string;
  kind: NodeKind;
  props: Props;
}

export interface RelationshipSnapshot {
  type: string;
  from: string;
  to: string;
  props: Props;
}

export interface GraphState {
  nodes: NodeSnapshot[];
  relationships: RelationshipSnapshot[];
}

export const EMPTY_STATE: GraphState = { nodes: [], relationships: [] };

/** Stances and interactions are one relationship per (from, type, to, doc, start); others per (from, type, to). */
export function isKeyed(type: string): boolean {
  const row = relationshipType(type);
  return row !== undefined && needsProvenance(row.family);
}

/** The identity of a relationship: what a URL names it by (see relationshipRef). */
export interface RelationshipIdentity {
  type: string;
  from: string;
  to: string;
  doc: string | null;
  start: number | null;
}

export function identityOf(rel: RelationshipSnapshot): RelationshipIdentity {
  const keyed = isKeyed(rel.type);
  return {
    type: rel.type,
    from: rel.from,
    to: rel.to,
    doc: keyed ? ((rel.props.doc as string | undefined) ?? null) : null,
    start: keyed ? ((rel.props.start as number | undefined) ?? null) : null,
  };
}

/** An opaque, URL-safe name for a relationship: base64url of its identity. */
export function relationshipRef(rel: RelationshipSnapshot | RelationshipIdentity): string {
  const id = 'props' in rel ? identityOf(rel) : rel;
  return Buffer.from(JSON.stringify([id.type, id.from, id.to, id.doc, id.start])).toString('base64url');
}

/** Reads a ref back; undefined when it is not one. */
export function parseRelationshipRef(ref: string): RelationshipIdentity | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(ref, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 5) return undefined;
    const [type, from, to, doc, start] = value as unknown[];
    if (typeof type !== 'string' || !relationshipType(type)) return undefined;
    if (typeof from !== 'string' || !kindOfId(from) || typeof to !== 'string' || !kindOfId(to))
      return undefined;
    if (doc !== null && typeof doc !== 'string') return undefined;
    if (start !== null && !Number.isInteger(start)) return undefined;
    return { type, from, to, doc: doc as string | null, start: start as number | null };
  } catch {
    return undefined;
  }
}

export const sameIdentity = (a: RelationshipIdentity, b: RelationshipIdentity): boolean =>
  a.type === b.type && a.from === b.from && a.to === b.to && a.doc === b.doc && a.start === b.start;

function identityParams(id: RelationshipIdentity) {
  return {
    from: id.from,
    to: id.to,
    keyed: isKeyed(id.type),
    doc: id.doc,
    start: id.start === null ? null : neo4j.int(id.start),
  };
}

function relQuery(name: 'write-relationship-get' | 'write-relationship-delete', id: RelationshipIdentity) {
  return relationshipQuery(name, id.type, endpointLabel(id.from), endpointLabel(id.to));
}

/** Plain properties as the graph holds them (toPlain of properties(r)). */
export function plainProps(value: unknown): Props {
  return toPlain(value) as Props;
}

export async function readRelationship(
  tx: ManagedTransaction,
  id: RelationshipIdentity,
): Promise<RelationshipSnapshot | undefined> {
  const { records } = await tx.run(relQuery('write-relationship-get', id), identityParams(id));
  const record = records[0];
  return record
    ? { type: id.type, from: id.from, to: id.to, props: plainProps(record.get('props')) }
    : undefined;
}

export interface NodeWithRelationships {
  node: NodeSnapshot;
  relationships: RelationshipSnapshot[];
}

export async function readNode(
  tx: ManagedTransaction,
  id: string,
): Promise<NodeWithRelationships | undefined> {
  const kind = kindOfId(id);
  if (!kind) return undefined;
  const { records } = await tx.run(labelQuery('write-node-get', endpointLabel(id)), { id });
  const record = records[0];
  if (!record) return undefined;
  const actual = kindOfLabels(record.get('labels') as string[]) ?? kind;
  const rels = toPlain(record.get('rels')) as unknown as RelationshipSnapshot[];
  return { node: { id, kind: actual, props: plainProps(record.get('props')) }, relationships: rels };
}

/** A relationship snapshot in the loader's shape, to reuse its property mapping and queries. */
function asResolved(rel: RelationshipSnapshot): ResolvedRelationship {
  return {
    ...(rel.props as object),
    type: rel.type,
    from: rel.from,
    to: rel.to,
    keyed: isKeyed(rel.type),
  } as ResolvedRelationship;
}

async function writeRelationship(tx: ManagedTransaction, rel: RelationshipSnapshot): Promise<void> {
  const resolved = asResolved(rel);
  const { query, relationship } = relationshipQueryOf(rel, false);
  const text = relationshipQuery(query, relationship!.type, relationship!.from, relationship!.to);
  const props = relationshipProperties(resolved);
  const row = {
    from: rel.from,
    to: rel.to,
    ...(resolved.keyed ? { doc: rel.props.doc ?? null, start: props.start ?? null } : {}),
    props,
  };
  const { records } = await tx.run(text, { rows: [row], undo: false });
  if (Number(records[0]?.get('rows') ?? 0) !== 1) {
    throw new Error(`write: ${rel.type} ${rel.from} → ${rel.to}: an endpoint is not in the graph`);
  }
}

async function writeNode(tx: ManagedTransaction, node: NodeSnapshot): Promise<void> {
  const props = nodeProperties({
    id: node.id,
    kind: node.kind,
    record: node.props as unknown as EntityRecord,
  });
  // `exact`: the node's properties as they are here, merged ids included (a merge, its undo).
  const row = { id: node.id, ...(isActorKind(node.kind) ? { kind: node.kind } : {}), props, exact: true };
  await tx.run(queries[NODE_QUERY[node.kind]], { rows: [row], undo: false });
}

/**
 * Turns `before` into `after`: relationships of `before` are deleted, nodes of `before` that are
 * not in `after` are deleted, then the nodes and relationships of `after` are written as they are.
 */
export async function applyState(
  tx: ManagedTransaction,
  before: GraphState,
  after: GraphState,
): Promise<void> {
  for (const rel of before.relationships) {
    const id = identityOf(rel);
    await tx.run(relQuery('write-relationship-delete', id), identityParams(id));
  }
  const kept = new Set(after.nodes.map((node) => node.id));
  for (const node of before.nodes) {
    if (!kept.has(node.id))
      await tx.run(labelQuery('write-node-delete', endpointLabel(node.id)), { id: node.id });
  }
  for (const node of after.nodes) await writeNode(tx, node);
  for (const rel of after.relationships) await writeRelationship(tx, rel);
}

/** Reads what the graph holds now for the entities a state names (to check an undo is still possible). */
export async function readState(tx: ManagedTransaction, like: GraphState): Promise<GraphState> {
  const nodes: NodeSnapshot[] = [];
  for (const node of like.nodes) {
    const found = await readNode(tx, node.id);
    if (found) nodes.push(found.node);
  }
  const relationships: RelationshipSnapshot[] = [];
  for (const rel of like.relationships) {
    const found = await readRelationship(tx, identityOf(rel));
    if (found) relationships.push(found);
  }
  return { nodes, relationships };
}

/** Whether two states hold the same nodes and relationships, property by property. */
export function sameState(a: GraphState, b: GraphState): boolean {
  const text = (state: GraphState) =>
    [
      ...state.nodes.map((n) => canonicalJson({ id: n.id, props: n.props })),
      ...state.relationships.map((r) => canonicalJson({ ...r } as unknown as Plain)),
    ]
      .sort()
      .join('\n');
  return text(a) === text(b);
}
