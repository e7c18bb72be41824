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
  /**
   * Event data (GDELT, ICEWS): the CAMEO root codes ("01".."20") and PLOVER categories whose
   * actor→actor events become this type. Every root and every category is in exactly one row
   * (EVENT_CODES below checks it when the module loads).
   */
  cameoRoots?: readonly string[];
  ploverCategories?: readonly string[];
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
  { type: 'WARNS', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'warns', cameo: '13 Threaten', plover: 'THREATEN', color: '#e65100', cameoRoots: ['13'], ploverCategories: ['THREATEN'] },
  { type: 'ACCUSES', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'accuses', cameo: '11 Disapprove (112 Accuse)', plover: 'DISAPPROVE', color: '#ad1457', cameoRoots: ['11'], ploverCategories: ['DISAPPROVE', 'ACCUSE'] },
  { type: 'MEETS', family: 'interaction', from: ACTORS, to: ACTORS, polarity: 0, verb: 'meets', cameo: '04 Consult (043 Meet)', plover: 'CONSULT', color: '#1565c0', cameoRoots: ['04'], ploverCategories: ['CONSULT'] },
  { type: 'MAKES_STATEMENT', family: 'interaction', from: ACTORS, to: ACTORS, polarity: 0, verb: 'makes a public statement about', cameo: '01 Make public statement', plover: null, color: '#90a4ae', cameoRoots: ['01'], ploverCategories: [] },
  { type: 'APPEALS_TO', family: 'interaction', from: ACTORS, to: ACTORS, polarity: 1, verb: 'appeals to', cameo: '02 Appeal', plover: 'REQUEST', color: '#81c784', cameoRoots: ['02'], ploverCategories: ['REQUEST'] },
  { type: 'OFFERS_COOPERATION', family: 'interaction', from: ACTORS, to: ACTORS, polarity: 1, verb: 'expresses intent to cooperate with', cameo: '03 Express intent to cooperate', plover: 'AGREE', color: '#4caf50', cameoRoots: ['03'], ploverCategories: ['AGREE'] },
  { type: 'COOPERATES_DIPLOMATICALLY', family: 'interaction', from: ACTORS, to: ACTORS, polarity: 1, verb: 'cooperates diplomatically with', cameo: '05 Engage in diplomatic cooperation', plover: 'SUPPORT', color: '#388e3c', cameoRoots: ['05'], ploverCategories: ['SUPPORT'] },
  { type: 'COOPERATES_MATERIALLY', family: 'interaction', from: ACTORS, to: ACTORS, polarity: 1, verb: 'cooperates materially with', cameo: '06 Engage in material cooperation', plover: 'COOPERATE', color: '#2e7d32', cameoRoots: ['06'], ploverCategories: ['COOPERATE'] },
  { type: 'AIDS', family: 'interaction', from: ACTORS, to: ACTORS, polarity: 1, verb: 'provides aid to', cameo: '07 Provide aid', plover: 'AID', color: '#00897b', cameoRoots: ['07'], ploverCategories: ['AID'] },
  { type: 'YIELDS_TO', family: 'interaction', from: ACTORS, to: ACTORS, polarity: 1, verb: 'yields to', cameo: '08 Yield', plover: 'CONCEDE, RETREAT', color: '#26a69a', cameoRoots: ['08'], ploverCategories: ['CONCEDE', 'RETREAT'] },
  { type: 'INVESTIGATES', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'investigates', cameo: '09 Investigate', plover: null, color: '#ff8a65', cameoRoots: ['09'], ploverCategories: [] },
  { type: 'DEMANDS_OF', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'makes demands of', cameo: '10 Demand', plover: 'DEMAND', color: '#f4511e', cameoRoots: ['10'], ploverCategories: ['DEMAND'] },
  { type: 'REBUFFS', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'rejects', cameo: '12 Reject', plover: 'REJECT', color: '#d84315', cameoRoots: ['12'], ploverCategories: ['REJECT'] },
  { type: 'PROTESTS_AGAINST', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'protests against', cameo: '14 Protest', plover: 'PROTEST', color: '#c2185b', cameoRoots: ['14'], ploverCategories: ['PROTEST'] },
  { type: 'SHOWS_FORCE_TO', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'exhibits force posture toward', cameo: '15 Exhibit force posture', plover: 'MOBILIZE', color: '#8e24aa', cameoRoots: ['15'], ploverCategories: ['MOBILIZE'] },
  { type: 'REDUCES_RELATIONS_WITH', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'reduces relations with', cameo: '16 Reduce relations', plover: 'SANCTION', color: '#6a1b9a', cameoRoots: ['16'], ploverCategories: ['SANCTION'] },
  { type: 'COERCES', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'coerces', cameo: '17 Coerce', plover: 'COERCE', color: '#4a148c', cameoRoots: ['17'], ploverCategories: ['COERCE'] },
  { type: 'ASSAULTS', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'assaults', cameo: '18 Assault', plover: 'ASSAULT', color: '#b71c1c', cameoRoots: ['18'], ploverCategories: ['ASSAULT'] },
  { type: 'FIGHTS', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'fights', cameo: '19 Fight', plover: null, color: '#880e4f', cameoRoots: ['19'], ploverCategories: [] },
  { type: 'USES_MASS_VIOLENCE_AGAINST', family: 'interaction', from: ACTORS, to: ACTORS, polarity: -1, verb: 'uses unconventional mass violence against', cameo: '20 Use unconventional mass violence', plover: null, color: '#3e2723', cameoRoots: ['20'], ploverCategories: [] },
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
export const METHODS = ['manual', 'rule', 'llm', 'import'] as const;
/** `suggested`: made by a machine and not yet reviewed; shown as such, left out of networks unless asked for. */
export const STATUSES = ['accepted', 'suggested'] as const;
export type Status = (typeof STATUSES)[number];

export type PolarityName = 'support' | 'reject' | 'neutral';
export function polarityName(polarity: Polarity): PolarityName {
  return polarity === 1 ? 'support' : polarity === -1 ? 'reject' : 'neutral';
}

/** The CAMEO root codes, 01..20 (CAMEO manual 1.1b3). */
export const CAMEO_ROOTS = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
] as const;

/**
 * PLOVER's event categories: the sixteen of the PLOVER manual (openeventdata/PLOVER) and the two
 * of its 2016 draft that the stance rows above name (DEMAND, DISAPPROVE).
 */
export const PLOVER_CATEGORIES = [
  'AGREE',
  'CONSULT',
  'SUPPORT',
  'CONCEDE',
  'COOPERATE',
  'AID',
  'RETREAT',
  'REQUEST',
  'DEMAND',
  'DISAPPROVE',
  'ACCUSE',
  'REJECT',
  'THREATEN',
  'PROTEST',
  'MOBILIZE',
  'SANCTION',
  'COERCE',
  'ASSAULT',
] as const;

/** Event codes to relationship types, derived from the rows' cameoRoots and ploverCategories. */
export const EVENT_CODES = (() => {
  const cameo = new Map<string, RelationshipTypeName>();
  const plover = new Map<string, RelationshipTypeName>();
  for (const row of VOCABULARY as readonly RelationshipType[]) {
    for (const [codes, map] of [
      [row.cameoRoots, cameo],
      [row.ploverCategories, plover],
    ] as const) {
      for (const code of codes ?? []) {
        const previous = map.get(code);
        if (previous)
          throw new Error(`Vocabulary: event code ${code} maps to both ${previous} and ${row.type}`);
        map.set(code, row.type as RelationshipTypeName);
      }
    }
  }
  for (const root of CAMEO_ROOTS)
    if (!cameo.has(root)) throw new Error(`Vocabulary: CAMEO root ${root} maps to no relationship type`);
  for (const category of PLOVER_CATEGORIES)
    if (!plover.has(category))
      throw new Error(`Vocabulary: PLOVER category ${category} maps to no relationship type`);
  return { cameo, plover };
})();

/** The relationship type of a CAMEO event code ("0431", "043", "04"), or undefined when its root is not 01..20. */
export function typeOfCameo(code: string): RelationshipTypeName | undefined {
  return /^\d{2,4}$/.test(code) ? EVENT_CODES.cameo.get(code.slice(0, 2)) : undefined;
}

/** The relationship type of a PLOVER category ("ASSAULT"). */
export function typeOfPlover(category: string): RelationshipTypeName | undefined {
  return EVENT_CODES.plover.get(category.toUpperCase());
}
