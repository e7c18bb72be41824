// The relationship vocabulary of DESIGN.md as data: one row per type. The loader validates
// against it, the API and exports read polarity and verbs from it, the client draws its legend
// and edge colours from it. Adding a relationship type is adding one row here.

import { ACTOR_KINDS, type NodeKind } from './kinds.ts';

export const FAMILIES = ['stance', 'interaction', 'affiliation', 'structure'] as const;
export type Family = (typeof FAMILIES)[number];

/** +1 support-like, -1 reject-like, 0 neutral, null where polarity does not apply. */
export type Polarity = 1 | -1 | 0 | null;

export interface RelationshipType {
  type: string;
  family: Family;
  from: readonly NodeKind[];
  to: readonly NodeKind[];
  polarity: Polarity;
  /** As shown to people: "Sergei Ryabkov demands …". */
  verb: string;
  cameo: string | null;
  plover: string | null;
  color: string;
}

const ACTORS = ACTOR_KINDS;
const POSITIVE = '#2e7d32';
const NEGATIVE = '#c62828';
const NEUTRAL = '#78909c';
const STRUCTURE = '#b0bec5';

// prettier-ignore
export const VOCABULARY = [
  { type: 'DEMANDS', family: 'stance', from: ACTORS, to: ['Claim'], polarity: 1, verb: 'demands', cameo: '10 Demand', plover: 'DEMAND', color: POSITIVE },
  { type: 'PROPOSES', family: 'stance', from: ACTORS, to: ['Claim'], polarity: 1, verb: 'proposes', cameo: '03 Express intent to cooperate', plover: 'AGREE', color: '#43a047' },
  { type: 'COMMITS_TO', family: 'stance', from: ACTORS, to: ['Claim'], polarity: 1, verb: 'commits to', cameo: '03 Express intent to cooperate', plover: 'AGREE', color: '#1b5e20' },
  { type: 'SUPPORTS', family: 'stance', from: ACTORS, to: ['Claim'], polarity: 1, verb: 'supports', cameo: '05 Engage in diplomatic cooperation', plover: 'SUPPORT', color: '#66bb6a' },
  { type: 'REJECTS', family: 'stance', from: ACTORS, to: ['Claim'], polarity: -1, verb: 'rejects', cameo: '12 Reject', plover: 'REJECT', color: NEGATIVE },
  { type: 'OPPOSES', family: 'stance', from: ACTORS, to: ['Claim'], polarity: -1, verb: 'opposes', cameo: '11 Disapprove', plover: 'DISAPPROVE', color: '#ef5350' },
  { type: 'WARNS', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'warns', cameo: '13 Threaten', plover: 'THREATEN', color: '#e65100' },
  { type: 'ACCUSES', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'accuses', cameo: '11 Disapprove (112 Accuse)', plover: 'DISAPPROVE', color: '#ad1457' },
  { type: 'MEETS', family: 'interaction', from: ACTORS, to: ACTORS, polarity: 0, verb: 'meets', cameo: '04 Consult (043 Meet)', plover: 'CONSULT', color: '#1565c0' },
  { type: 'MEMBER_OF', family: 'affiliation', from: ACTORS, to: ['Institution'], polarity: 0, verb: 'is a member of', cameo: null, plover: null, color: NEUTRAL },
  { type: 'REPRESENTS', family: 'affiliation', from: ['Person'], to: ACTORS, polarity: 0, verb: 'represents', cameo: null, plover: null, color: NEUTRAL },
  { type: 'LEADS', family: 'affiliation', from: ['Person'], to: ['Institution'], polarity: 0, verb: 'leads', cameo: null, plover: null, color: NEUTRAL },
  { type: 'PART_OF', family: 'affiliation', from: ['Institution'], to: ACTORS, polarity: 0, verb: 'is part of', cameo: null, plover: null, color: NEUTRAL },
  { type: 'ABOUT', family: 'structure', from: ['Claim'], to: ['Topic', ...ACTORS], polarity: null, verb: 'is about', cameo: null, plover: null, color: STRUCTURE },
  { type: 'ATTENDS', family: 'structure', from: ACTORS, to: ['Event'], polarity: null, verb: 'attends', cameo: null, plover: null, color: STRUCTURE },
  { type: 'MENTIONS', family: 'structure', from: ['Document'], to: [...ACTORS, 'Claim', 'Event'], polarity: null, verb: 'mentions', cameo: null, plover: null, color: STRUCTURE },
] as const satisfies readonly RelationshipType[];

export type RelationshipTypeName = (typeof VOCABULARY)[number]['type'];

export const RELATIONSHIP_TYPES = VOCABULARY.map((row) => row.type) as RelationshipTypeName[];

const BY_TYPE = new Map<string, RelationshipType>(VOCABULARY.map((row) => [row.type, row]));

export function relationshipType(type: string): RelationshipType | undefined {
  return BY_TYPE.get(type);
}

/** Stances and interactions carry provenance (doc, quote, offsets, date, method, confidence). */
export function needsProvenance(family: Family): boolean {
  return family === 'stance' || family === 'interaction';
}

export const MODALITIES = ['asserted', 'conditional', 'future', 'hypothetical'] as const;
export const METHODS = ['manual', 'rule', 'llm'] as const;
/** `suggested`: made by a machine and not yet reviewed; shown as such, left out of networks unless asked for. */
export const STATUSES = ['accepted', 'suggested'] as const;
export type Status = (typeof STATUSES)[number];

export type PolarityName = 'support' | 'reject' | 'neutral';
export function polarityName(polarity: Polarity): PolarityName {
  return polarity === 1 ? 'support' : polarity === -1 ? 'reject' : 'neutral';
}
