// Graph payloads, built in one place: Neo4j nodes, relationships and paths become the wire format
// of model/wire.ts (a graphology SerializedGraph keyed by our ids, elementIds left behind). The
// API's graph endpoints, the console and the JSON/GEXF/GraphML/CSV exports all map through here.

import neo4j from 'neo4j-driver';
import { kindOfLabels, type NodeKind } from '../../model/kinds.ts';
import { relationshipType } from '../../model/vocabulary.ts';
import {
  edgeKey,
  GRAPH_OPTIONS,
  type WireEdgeAttributes,
  type WireGraph,
  type WireNodeAttributes,
} from '../../model/wire.ts';
import { forEachGraphElement, nodeKey, toPlain } from '../neo4j/values.ts';

export type WireNode = WireGraph['nodes'][number];
export type WireEdge = WireGraph['edges'][number];

export { GRAPH_OPTIONS };

export interface NodeMappingOptions {
  /** Graph views leave a document's full text out (GET /api/nodes/:id has it); exports keep it. */
  omitDocumentText?: boolean;
}

/** What people see for a node: an actor's name, a claim's text, a document's title. */
export function nodeLabel(properties: Record<string, unknown>, fallback: string): string {
  for (const key of ['name', 'title', 'text']) {
    const value = properties[key];
    if (typeof value === 'string' && value) return value;
  }
  return fallback;
}

export function wireNodeAttributes(
  key: string,
  labels: readonly string[],
  properties: Record<string, unknown>,
  options: NodeMappingOptions = {},
): WireNodeAttributes {
  const kind = (kindOfLabels(labels) ?? labels[0] ?? 'Node') as NodeKind;
  const attributes: WireNodeAttributes = { label: nodeLabel(properties, key), kind };
  for (const [name, value] of Object.entries(properties)) {
    if (options.omitDocumentText && kind === 'Document' && name === 'text') continue;
    attributes[name] = toPlain(value);
  }
  return attributes;
}

export function wireEdgeAttributes(type: string, properties: Record<string, unknown>): WireEdgeAttributes {
  const vocabulary = relationshipType(type);
  const attributes: WireEdgeAttributes = {
    type,
    family: vocabulary?.family ?? 'structure',
    polarity: vocabulary?.polarity ?? null,
  };
  for (const [name, value] of Object.entries(properties)) attributes[name] = toPlain(value);
  return attributes;
}

/**
 * One edge of a graph view for the parallel relationships of one type from `source` to `target`:
 * their count, first and last date, and whether all are suggestions; nothing of any one of them
 * (GET /api/edges pages through them).
 */
export function aggregatedEdge(
  source: string,
  type: string,
  target: string,
  count: number,
  first: string | null,
  last: string | null,
  suggested = 0,
): WireEdge {
  const vocabulary = relationshipType(type);
  const attributes: WireEdgeAttributes = {
    type,
    family: vocabulary?.family ?? 'structure',
    polarity: vocabulary?.polarity ?? null,
    count,
  };
  if (first !== null) attributes.first = first;
  if (last !== null) attributes.last = last;
  if (first !== null && first === last) attributes.date = first;
  // Drawn as a suggestion only when every relationship behind the edge is one.
  if (suggested > 0 && suggested === count) attributes.status = 'suggested';
  return { key: edgeKey(source, type, target), source, target, attributes };
}

/**
 * Our key for a relationship: one per (source, type, target, doc, start) where it has provenance,
 * one per (dataset, record) where it comes from a dataset's record (imported event data).
 */
export function relationshipKey(
  source: string,
  type: string,
  target: string,
  properties: Record<string, unknown>,
): string {
  if (typeof properties.record === 'string' && typeof properties.source === 'string')
    return `${source}|${type}|${target}|${properties.source}:${properties.record}`;
  const doc = typeof properties.doc === 'string' ? properties.doc : undefined;
  const start = toPlain(properties.start);
  return edgeKey(source, type, target, doc, typeof start === 'number' ? start : undefined);
}

/**
 * Collects nodes and relationships (from records, in any nesting: lists, maps, paths) and builds
 * a WireGraph. Relationships whose endpoints were not collected are left out of the graph;
 * `missingEndpoints()` names them so that a caller can fetch them first.
 */
export class GraphBuilder {
  private readonly nodes = new Map<string, WireNode>();
  private readonly relationships = new Map<string, neo4j.Relationship>();

  constructor(private readonly options: NodeMappingOptions = { omitDocumentText: true }) {}

  get nodeCount(): number {
    return this.nodes.size;
  }

  hasNode(elementId: string): boolean {
    return this.nodes.has(elementId);
  }

  /** Our id of a collected node, by its elementId. */
  keyOf = (elementId: string): string | undefined => this.nodes.get(elementId)?.key;

  addNode(node: neo4j.Node): string {
    const existing = this.nodes.get(node.elementId);
    if (existing) return existing.key;
    const key = nodeKey(node);
    this.nodes.set(node.elementId, {
      key,
      attributes: wireNodeAttributes(key, node.labels, node.properties, this.options),
    });
    return key;
  }

  addRelationship(relationship: neo4j.Relationship): void {
    this.relationships.set(relationship.elementId, relationship);
  }

  /** Walks any value a record holds and collects the graph elements in it. */
  addValue(value: unknown): void {
    forEachGraphElement(
      value,
      (node) => this.addNode(node),
      (rel) => this.addRelationship(rel),
    );
  }

  /** ElementIds of relationship endpoints that were not collected as nodes. */
  missingEndpoints(): string[] {
    const missing = new Set<string>();
    for (const rel of this.relationships.values()) {
      for (const end of [rel.startNodeElementId, rel.endNodeElementId])
        if (!this.nodes.has(end)) missing.add(end);
    }
    return [...missing];
  }

  build(attributes: Record<string, unknown> = {}): WireGraph {
    const edges: WireEdge[] = [];
    const used = new Set<string>();
    for (const rel of this.relationships.values()) {
      const source = this.keyOf(rel.startNodeElementId);
      const target = this.keyOf(rel.endNodeElementId);
      if (source === undefined || target === undefined) continue;
      let key = relationshipKey(source, rel.type, target, rel.properties);
      for (let n = 2; used.has(key); n++)
        key = `${relationshipKey(source, rel.type, target, rel.properties)}#${n}`;
      used.add(key);
      edges.push({ key, source, target, attributes: wireEdgeAttributes(rel.type, rel.properties) });
    }
    return { attributes, options: GRAPH_OPTIONS, nodes: [...this.nodes.values()], edges };
  }
}

/** JSON-safe node details for lists (search results, positions): id, kind, label. */
export function nodeSummary(properties: Record<string, unknown>, labels: readonly string[]) {
  const id = String(properties.id ?? '');
  return {
    id,
    kind: (kindOfLabels(labels) ?? labels[0] ?? 'Node') as NodeKind,
    label: nodeLabel(properties, id),
  };
}
