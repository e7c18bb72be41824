// How things look, derived from the model: node colour and shape by kind (model/kinds.ts), size by
// degree, edge colour by relationship type (model/vocabulary.ts, shades of its polarity), and the
// legend built from the same tables.

import { KINDS, NODE_KINDS, type KindInfo, type NodeKind } from '../../../../model/kinds.ts';
import { needsProvenance, relationshipType, VOCABULARY } from '../../../../model/vocabulary.ts';
import { EDGE_POLARITIES, edgePolarity, type EdgePolarity } from '../filters/index.ts';

export type Shape = KindInfo['shape'];

/** The sigma program that draws nodes of every shape (views/programs, registered in views/canvas). */
export const NODE_PROGRAM = 'shape';

export const EDGE_PROGRAM = {
  straight: 'arrow',
  curved: 'curvedArrow',
  line: 'line',
  curvedLine: 'curvedLine',
} as const;

/** The ties of the agreement network (GET /api/networks/agreement): symmetric, so drawn without arrows. */
export const TIES = {
  AGREEMENT: { color: '#2e7d32', verb: 'agrees with' },
  CONFLICT: { color: '#c62828', verb: 'is in conflict with' },
} as const;

export function isTie(type: string): type is keyof typeof TIES {
  return type in TIES;
}

/** A tie's thickness grows with the number of claims it stands for. */
export function tieThickness(weight: unknown): number {
  return 1.5 + 2 * Math.sqrt(typeof weight === 'number' && weight > 0 ? weight : 1);
}

export const DIMMED_NODE = '#dde1e6';
export const DIMMED_EDGE = '#eef0f3';
const UNKNOWN_EDGE = '#9e9e9e';

/** Area grows with degree, so size by its square root; capped so that hubs do not cover the canvas. */
export function nodeSize(degree: number): number {
  return Math.min(5 + 2.4 * Math.sqrt(degree), 18);
}

/** How a kind is drawn; a kind the model does not know (from a console query) is a grey circle. */
export function kindInfo(kind: string): Pick<KindInfo, 'color' | 'shape'> {
  return (KINDS as Record<string, KindInfo | undefined>)[kind] ?? { color: '#9e9e9e', shape: 'circle' };
}

export function nodeColor(kind: string): string {
  return kindInfo(kind).color;
}

export function nodeShape(kind: string): Shape {
  return kindInfo(kind).shape;
}

export function edgeColor(type: string): string {
  return isTie(type) ? TIES[type].color : (relationshipType(type)?.color ?? UNKNOWN_EDGE);
}

/** A suggestion (machine-made, not yet reviewed) is drawn in its type's colour at 40 % opacity. */
export function suggestedColor(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}66` : color;
}

export function edgeVerb(type: string): string {
  return isTie(type) ? TIES[type].verb : (relationshipType(type)?.verb ?? type.toLowerCase());
}

export function edgeThickness(type: string): number {
  const family = relationshipType(type)?.family;
  return family && needsProvenance(family) ? 2.6 : 1.2;
}

/** Claims are sentences: the canvas shows their start; the panel shows them whole. */
export function shortLabel(label: string, max = 42): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/**
 * @sigma/edge-curve's DEFAULT_EDGE_CURVATURE. Not imported: that package needs WebGL as soon as it
 * loads, and core/ stays loadable in Node for its unit tests.
 */
const BASE_CURVATURE = 0.25;

/** Curvature for the i-th of n parallel edges (as in @sigma/edge-curve's parallel-edges example). */
export function curvature(index: number, maxIndex: number): number {
  if (maxIndex <= 0) return 0;
  if (index < 0) return -curvature(-index, maxIndex);
  const amplitude = 3.5;
  const maxCurvature = amplitude * (1 - Math.exp(-maxIndex / amplitude)) * BASE_CURVATURE;
  return (maxCurvature * index) / maxIndex;
}

export interface LegendKind {
  kind: NodeKind;
  label: string;
  color: string;
  shape: Shape;
}

export interface LegendType {
  type: string;
  verb: string;
  color: string;
}

export interface LegendPolarity {
  polarity: EdgePolarity;
  label: string;
  types: LegendType[];
}

const POLARITY_LABELS: Record<EdgePolarity, string> = {
  support: 'For (support-like)',
  reject: 'Against (reject-like)',
  neutral: 'Neutral',
  structural: 'Structure',
};

export function legendKinds(): LegendKind[] {
  return NODE_KINDS.map((kind) => ({
    kind,
    label: kind,
    color: KINDS[kind].color,
    shape: KINDS[kind].shape,
  }));
}

/** The relationship types grouped by polarity, in the vocabulary's order. */
export function legendPolarities(): LegendPolarity[] {
  return EDGE_POLARITIES.map((polarity) => ({
    polarity,
    label: POLARITY_LABELS[polarity],
    types: VOCABULARY.filter((row) => edgePolarity(row.polarity) === polarity).map((row) => ({
      type: row.type,
      verb: row.verb,
      color: row.color,
    })),
  }));
}
