// What the filters hold: which node kinds, relationship types and polarities are shown, and the
// time window over stance dates. Lists name what is shown; null bounds leave the window open.

import type { NodeKind } from '../../../../model/kinds.ts';
import type { RelationshipTypeName } from '../../../../model/vocabulary.ts';

/** The vocabulary's polarities, plus `structural` for relationships where polarity does not apply. */
export const EDGE_POLARITIES = ['support', 'reject', 'neutral', 'structural'] as const;
export type EdgePolarity = (typeof EDGE_POLARITIES)[number];

export interface Filters {
  kinds: NodeKind[];
  types: RelationshipTypeName[];
  polarities: EdgePolarity[];
  /** Inclusive bounds, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
}

/** The dates a time slider moves over: the first and last date the loaded graph holds. */
export interface TimeDomain {
  min: string;
  max: string;
  /** Every distinct date, sorted, with how many relationships carry it. */
  dates: { date: string; count: number }[];
}
