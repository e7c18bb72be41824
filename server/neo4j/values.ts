// Map at the edge: Neo4j values become plain JSON-safe values in this one place. Integers become
// numbers (strings beyond 2^53), temporals ISO strings, points {srid,x,y,z}, nodes keyed by our
// `id` (elementId never leaves the server), relationships and paths likewise.

import neo4j, { type Integer } from 'neo4j-driver';
import { kindOfLabels, type NodeKind } from '../../model/kinds.ts';

import type { Plain } from '../json.ts';

export type { Plain };

export interface PlainNode {
  id: string;
  kind: NodeKind | null;
  labels: string[];
  properties: Record<string, Plain>;
}

export interface PlainRelationship {
  type: string;
  source: string;
  target: string;
  properties: Record<string, Plain>;
}

export interface PlainPath {
  nodes: PlainNode[];
  relationships: PlainRelationship[];
}

/** Resolves the `id` of a node from its elementId, when known; falls back to an opaque key. */
export type IdLookup = (elementId: string) => string | undefined;

/**
 * Calls back for every node and relationship in a result value: the value itself, a path's nodes
 * and relationships, and those inside lists and maps, at any depth.
 */
export function forEachGraphElement(
  value: unknown,
  onNode: (node: neo4j.Node) => void,
  onRelationship: (rel: neo4j.Relationship) => void,
): void {
  if (value === null || typeof value !== 'object') return;
  if (neo4j.isNode(value)) onNode(value as neo4j.Node);
  else if (neo4j.isRelationship(value)) onRelationship(value as neo4j.Relationship);
  else if (neo4j.isPath(value)) {
    const path = value as neo4j.Path;
    onNode(path.start);
    for (const segment of path.segments) {
      onNode(segment.end);
      onRelationship(segment.relationship);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) forEachGraphElement(item, onNode, onRelationship);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) forEachGraphElement(item, onNode, onRelationship);
  }
}

export function integerToPlain(value: Integer): number | string {
  return neo4j.integer.inSafeRange(value) ? value.toNumber() : value.toString();
}

/** A count, degree or size from a record (a Neo4j Integer, or a number) as a number; absent is 0. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return neo4j.isInt(value) ? (value as Integer).toNumber() : Number(value);
}

function propertiesToPlain(properties: Record<string, unknown>): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const [key, value] of Object.entries(properties)) out[key] = toPlain(value);
  return out;
}

/** Our id of a node: its `id` property when set, else an opaque key (never the elementId). */
export function nodeKey(node: { elementId: string; properties: Record<string, unknown> }): string {
  const id = node.properties.id;
  return typeof id === 'string' ? id : `_node:${hashElementId(node.elementId)}`;
}

function hashElementId(elementId: string): string {
  let hash = 2166136261;
  for (let i = 0; i < elementId.length; i++) hash = Math.imul(hash ^ elementId.charCodeAt(i), 16777619);
  return (hash >>> 0).toString(36);
}

export function nodeToPlain(node: neo4j.Node): PlainNode {
  return {
    id: nodeKey(node),
    kind: kindOfLabels(node.labels) ?? null,
    labels: [...node.labels],
    properties: propertiesToPlain(node.properties),
  };
}

export function relationshipToPlain(rel: neo4j.Relationship, lookup: IdLookup): PlainRelationship {
  return {
    type: rel.type,
    source: lookup(rel.startNodeElementId) ?? `_node:${hashElementId(rel.startNodeElementId)}`,
    target: lookup(rel.endNodeElementId) ?? `_node:${hashElementId(rel.endNodeElementId)}`,
    properties: propertiesToPlain(rel.properties),
  };
}

export function toPlain(value: unknown, lookup: IdLookup = () => undefined): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (neo4j.isInt(value)) return integerToPlain(value as Integer);
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return String(value);
  }
  if (neo4j.isPoint(value)) {
    const point = value as neo4j.Point;
    const plain: Record<string, Plain> = {
      srid: integerToPlain(neo4j.int(point.srid)),
      x: point.x,
      y: point.y,
    };
    if (point.z !== undefined) plain.z = point.z;
    return plain;
  }
  if (neo4j.isNode(value)) return nodeToPlain(value as neo4j.Node) as unknown as Plain;
  if (neo4j.isRelationship(value))
    return relationshipToPlain(value as neo4j.Relationship, lookup) as unknown as Plain;
  if (neo4j.isPath(value)) {
    const path = value as neo4j.Path;
    const nodes = [path.start, ...path.segments.map((segment) => segment.end)].map(nodeToPlain);
    const byElementId = new Map<string, string>();
    for (const node of [path.start, ...path.segments.map((segment) => segment.end)]) {
      byElementId.set(node.elementId, nodeKey(node));
    }
    const relationships = path.segments.map((segment) =>
      relationshipToPlain(
        segment.relationship,
        (elementId) => byElementId.get(elementId) ?? lookup(elementId),
      ),
    );
    return { nodes, relationships } as unknown as Plain;
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((item) => toPlain(item, lookup));
  if (typeof value === 'object') {
    const out: Record<string, Plain> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>))
      out[key] = toPlain(item, lookup);
    return out;
  }
  return String(value);
}

/** JSON parameters as Cypher expects them: whole numbers as integers (so `LIMIT $n` works). */
export function toCypherParams(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toCypherParams);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCypherParams(v)]));
  }
  return value;
}

/** A calendar day `YYYY-MM-DD` as a Neo4j Date (how datasets' dates are stored). */
export function toNeo4jDate(value: string): neo4j.Date<number> {
  const [year, month, day] = value.split('-').map(Number);
  return new neo4j.types.Date(year!, month!, day!);
}
