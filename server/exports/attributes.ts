// The attributes that GEXF, GraphML and CSV declare before their first node (they cannot add one
// later, and exports stream): the node and relationship properties of DESIGN.md with their types,
// plus any other property key the database holds (as text). Values are mapped here, once.

import { kindOfLabels, KINDS } from '../../model/kinds.ts';
import { relationshipType } from '../../model/vocabulary.ts';
import { toPlain } from '../neo4j/values.ts';
import type { ExportEdge, ExportNode } from './source.ts';

export type AttributeType = 'string' | 'liststring' | 'integer' | 'long' | 'double' | 'boolean';

export interface AttributeDef {
  name: string;
  type: AttributeType;
}

/** Node attributes: `kind` (from the labels), then the properties of the model. `id` is the node's own id. */
const NODE_MODEL: AttributeDef[] = [
  { name: 'kind', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'aliases', type: 'liststring' },
  { name: 'title', type: 'string' },
  { name: 'description', type: 'string' },
  { name: 'text', type: 'string' },
  { name: 'wikidata', type: 'string' },
  { name: 'iso3', type: 'string' },
  { name: 'date', type: 'string' },
  { name: 'start', type: 'string' },
  { name: 'end', type: 'string' },
  { name: 'place', type: 'string' },
  { name: 'published', type: 'string' },
  { name: 'publisher', type: 'string' },
  { name: 'url', type: 'string' },
  { name: 'language', type: 'string' },
];

/** Edge attributes: the vocabulary's `type`, `family`, `polarity`, then provenance. */
const EDGE_MODEL: AttributeDef[] = [
  { name: 'type', type: 'string' },
  { name: 'family', type: 'string' },
  { name: 'polarity', type: 'integer' },
  { name: 'doc', type: 'string' },
  { name: 'quote', type: 'string' },
  { name: 'start', type: 'long' },
  { name: 'end', type: 'long' },
  { name: 'date', type: 'string' },
  { name: 'method', type: 'string' },
  { name: 'confidence', type: 'double' },
  { name: 'modality', type: 'string' },
  { name: 'note', type: 'string' },
];

export interface AttributeSchema {
  node: AttributeDef[];
  edge: AttributeDef[];
}

/** A network's edges (source `network`): the tie's weight (DNA: the matrix cell) and its claims. */
export const NETWORK_EDGE_ATTRIBUTES: AttributeDef[] = [
  { name: 'weight', type: 'double' },
  { name: 'claims', type: 'liststring' },
];

/**
 * The model's attributes, then `edgeExtra` (typed edge attributes of the source, such as a
 * network's weight), plus, as text, every other property key in `propertyKeys`.
 */
export function attributeSchema(propertyKeys: string[], edgeExtra: AttributeDef[] = []): AttributeSchema {
  const known = new Set([...NODE_MODEL, ...EDGE_MODEL, ...edgeExtra].map((a) => a.name).concat('id'));
  const extra = propertyKeys
    .filter((key) => !known.has(key))
    .map((name): AttributeDef => ({ name, type: 'string' }));
  return { node: [...NODE_MODEL, ...extra], edge: [...EDGE_MODEL, ...edgeExtra, ...extra] };
}

/** A value as its attribute type wants it; undefined when the element does not have it. */
export type AttributeValue = string | number | boolean | string[];

export function attributeValue(def: AttributeDef, raw: unknown): AttributeValue | undefined {
  if (raw === null || raw === undefined) return undefined;
  const plain = toPlain(raw);
  if (plain === null) return undefined;
  switch (def.type) {
    case 'liststring':
      return (Array.isArray(plain) ? plain : [plain]).map((item) =>
        typeof item === 'string' ? item : JSON.stringify(item),
      );
    case 'integer':
    case 'long':
    case 'double':
      return typeof plain === 'number' ? plain : String(plain);
    case 'boolean':
      return typeof plain === 'boolean' ? plain : String(plain);
    default:
      return typeof plain === 'string'
        ? plain
        : typeof plain === 'number' || typeof plain === 'boolean'
          ? String(plain)
          : JSON.stringify(plain);
  }
}

/** The attribute values of a node, in declaration order. */
export function nodeAttributes(schema: AttributeSchema, node: ExportNode): [AttributeDef, AttributeValue][] {
  const values: Record<string, unknown> = {
    ...node.properties,
    kind: kindOfLabels(node.labels) ?? node.labels[0],
  };
  return pick(schema.node, values);
}

export function edgeAttributes(schema: AttributeSchema, edge: ExportEdge): [AttributeDef, AttributeValue][] {
  const vocabulary = relationshipType(edge.type);
  const values: Record<string, unknown> = {
    ...edge.properties,
    type: edge.type,
    // A network's ties (AGREEMENT, CONFLICT) are not in the vocabulary: they say their own.
    family: vocabulary?.family ?? edge.properties.family ?? 'structure',
    polarity: vocabulary?.polarity ?? edge.properties.polarity ?? null,
  };
  return pick(schema.edge, values);
}

function pick(defs: AttributeDef[], values: Record<string, unknown>): [AttributeDef, AttributeValue][] {
  const out: [AttributeDef, AttributeValue][] = [];
  for (const def of defs) {
    const value = attributeValue(def, values[def.name]);
    if (value !== undefined) out.push([def, value]);
  }
  return out;
}

/** Drawing hints for tools like Gephi: colour by kind or type, size by degree, shape by kind. */
export function nodeStyle(node: ExportNode) {
  const kind = kindOfLabels(node.labels);
  const info = kind ? KINDS[kind] : undefined;
  return {
    color: rgb(info?.color ?? '#999999'),
    size: Math.round((4 + 3 * Math.log2(1 + node.degree)) * 100) / 100,
    shape: info?.shape === 'circle' || !info ? 'disc' : info.shape,
  };
}

export function edgeStyle(edge: ExportEdge) {
  const vocabulary = relationshipType(edge.type);
  const confidence = toPlain(edge.properties.confidence);
  return {
    color: rgb(vocabulary?.color ?? '#999999'),
    thickness: typeof confidence === 'number' ? Math.max(0.5, confidence * 2) : 1,
    label: vocabulary?.verb ?? edge.type,
  };
}

export function rgb(hex: string): { r: number; g: number; b: number } {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return { r: (value >> 16) & 255, g: (value >> 8) & 255, b: value & 255 };
}

/**
 * Positions for nodes the client did not place: a sunflower spiral in stream order (most
 * connected first where the source ranks them), so that a file opens readable before any layout.
 */
export function spiralPosition(index: number): { x: number; y: number } {
  const radius = 20 * Math.sqrt(index);
  const angle = index * 2.399963229728653; // the golden angle
  return {
    x: Math.round(radius * Math.cos(angle) * 100) / 100,
    y: Math.round(radius * Math.sin(angle) * 100) / 100,
  };
}
