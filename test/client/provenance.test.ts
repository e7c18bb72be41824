// From the API's positions to the panel's lists, quotes found in their documents, and exports
// that ask for what the filters show.

import { describe, expect, it } from 'vitest';
import { actorStanceEntries, claimPositionEntries } from '../../client/src/core/api/mapping.ts';
import type { PositionsAnswer, StancesAnswer } from '../../client/src/core/api/types.ts';
import { quoteSegments } from '../../client/src/core/document/index.ts';
import { exportSource } from '../../client/src/core/export/server.ts';
import { DEFAULT_FILTERS } from '../../client/src/core/filters/index.ts';
import { groupByType, splitBySide } from '../../client/src/core/positions/index.ts';

const source = { id: 'document:d', title: 'A report', published: '2022-01-11', publisher: null, url: null };
const stance = (type: string, polarity: 1 | -1, start: number, date: string | null = '2022-01-11') => ({
  type,
  verb: type.toLowerCase(),
  polarity,
  date,
  quote: `quote ${start}`,
  start,
  end: start + 8,
  method: 'manual',
  confidence: 1,
  modality: null,
  status: 'accepted' as const,
  note: null,
  source,
});

describe('positions', () => {
  it("list a claim's positions with the canvas key of each stance's edge", () => {
    const answer: PositionsAnswer = {
      claim: { id: 'claim:c', kind: 'Claim', label: 'C', text: 'C', aliases: [], about: [] },
      for: [
        {
          actor: { id: 'person:r', kind: 'Person', label: 'Ryabkov' },
          stances: [stance('DEMANDS', 1, 3768)],
        },
      ],
      against: [
        { actor: { id: 'person:s', kind: 'Person', label: 'Smith' }, stances: [stance('REJECTS', -1, 100)] },
      ],
    };
    const entries = claimPositionEntries(answer);
    expect(entries.map((e) => [e.other.label, e.edge])).toEqual([
      ['Ryabkov', 'person:r|DEMANDS|claim:c|document:d|3768'],
      ['Smith', 'person:s|REJECTS|claim:c|document:d|100'],
    ]);
    const sides = splitBySide(entries);
    expect(sides.for.map((e) => e.other.id)).toEqual(['person:r']);
    expect(sides.against.map((e) => e.other.id)).toEqual(['person:s']);
  });

  it("group an actor's stances by relationship type in the vocabulary's order, each by date", () => {
    const answer: StancesAnswer = {
      actor: { id: 'person:r', kind: 'Person', label: 'Ryabkov', title: null },
      window: { from: null, to: null },
      stances: [
        { ...stance('REJECTS', -1, 5), claim: { id: 'claim:x', kind: 'Claim', label: 'X' }, topics: [] },
        {
          ...stance('DEMANDS', 1, 9, '2022-01-12'),
          claim: { id: 'claim:y', kind: 'Claim', label: 'Y' },
          topics: [],
        },
        {
          ...stance('DEMANDS', 1, 7, '2022-01-11'),
          claim: { id: 'claim:z', kind: 'Claim', label: 'Z' },
          topics: [],
        },
      ],
    };
    const groups = groupByType(actorStanceEntries(answer));
    expect(groups.map((g) => [g.verb, g.entries.map((e) => e.other.label)])).toEqual([
      ['demands', ['Z', 'Y']],
      ['rejects', ['X']],
    ]);
    expect(groups[0]!.entries[0]!.edge).toBe('person:r|DEMANDS|claim:z|document:d|7');
  });
});

describe('quotes in their documents', () => {
  const text = 'Ryabkov said: We need legal guarantees. Smith disagreed.';

  it('are found by their offsets', () => {
    expect(quoteSegments(text, { quote: 'We need legal guarantees', start: 14, end: 38 })).toEqual({
      before: 'Ryabkov said: ',
      quote: 'We need legal guarantees',
      after: '. Smith disagreed.',
      foundBy: 'offsets',
    });
  });

  it('are searched for when the offsets do not point at them, and missing otherwise', () => {
    expect(quoteSegments(text, { quote: 'Smith disagreed', start: 0, end: 3 })?.foundBy).toBe('search');
    expect(quoteSegments(text, { quote: 'not there' })).toBeNull();
    expect(quoteSegments(text, {})).toBeNull();
  });
});

describe('exports', () => {
  it('ask for the visible ids, the visible relationship types the filters let through, and the window', () => {
    const filters = { ...DEFAULT_FILTERS, polarities: ['reject' as const], from: '2022-01-11' };
    const source = exportSource(['person:r', 'claim:c'], filters, ['REJECTS', 'WARNS', 'DEMANDS']);
    expect(source).toEqual({
      type: 'ids',
      ids: ['person:r', 'claim:c'],
      depth: 0,
      types: ['REJECTS', 'WARNS'],
      from: '2022-01-11',
    });
  });
});
