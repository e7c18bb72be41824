// Positions as the panel shows them: an actor's grouped by relationship type (in the vocabulary's
// order, then by date), a claim's split into for and against. The same grouping serves any node's
// relationships read from the canvas graph.

import { relationshipType, VOCABULARY } from '../../../../model/vocabulary.ts';
import type { PositionEntry } from '../api/types.ts';

export interface PositionGroup {
  type: string;
  verb: string;
  color: string;
  entries: PositionEntry[];
}

const ORDER = new Map<string, number>(VOCABULARY.map((row, i) => [row.type, i]));

function byDate(a: PositionEntry, b: PositionEntry): number {
  return (a.date ?? '').localeCompare(b.date ?? '') || a.other.label.localeCompare(b.other.label);
}

export function groupByType(entries: readonly PositionEntry[]): PositionGroup[] {
  const groups = new Map<string, PositionEntry[]>();
  for (const entry of entries) groups.set(entry.type, [...(groups.get(entry.type) ?? []), entry]);
  return [...groups]
    .sort(([a], [b]) => (ORDER.get(a) ?? Infinity) - (ORDER.get(b) ?? Infinity) || a.localeCompare(b))
    .map(([type, list]) => {
      const row = relationshipType(type);
      return {
        type,
        verb: row?.verb ?? type.toLowerCase(),
        color: row?.color ?? '#9e9e9e',
        entries: [...list].sort(byDate),
      };
    });
}

export const SIDES = ['for', 'against', 'other'] as const;
export type Side = (typeof SIDES)[number];

export function sideOf(polarity: number | null | undefined): Side {
  return polarity === 1 ? 'for' : polarity === -1 ? 'against' : 'other';
}

/** Entries split by side, each side ordered by actor then date. */
export function splitBySide(entries: readonly PositionEntry[]): Record<Side, PositionEntry[]> {
  const sides: Record<Side, PositionEntry[]> = { for: [], against: [], other: [] };
  for (const entry of entries) sides[sideOf(entry.polarity)].push(entry);
  for (const side of SIDES)
    sides[side].sort((a, b) => a.other.label.localeCompare(b.other.label) || byDate(a, b));
  return sides;
}
