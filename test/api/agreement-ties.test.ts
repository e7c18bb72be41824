// The agreement network's pairing (server/networks/agreement.ts) on hand-made positions: which
// pairs are tied by which claims, agreement or conflict, in what order. The API tests
// (views.test.ts, suggested.test.ts) check the same through GET /api/networks/agreement.

import { describe, expect, test } from 'vitest';
import { agreementTies, tieClaims, type ClaimPositions } from '../../server/networks/agreement.ts';

function ties(rows: ClaimPositions[]) {
  const packed = agreementTies(rows);
  return Array.from({ length: packed.size }, (_, t) => ({
    a: packed.actors[packed.a[t]!],
    b: packed.actors[packed.b[t]!],
    agreed: tieClaims(packed, t, 'agreed'),
    conflicted: tieClaims(packed, t, 'conflicted'),
  }));
}

describe('agreementTies', () => {
  test('ties each pair by the claims they share: same polarity agrees, opposite conflicts', () => {
    expect(
      ties([
        {
          claim: 'claim:b',
          positions: [
            ['person:z', 1],
            ['person:x', 1],
            ['person:y', -1],
          ],
        },
        {
          claim: 'claim:a',
          positions: [
            ['person:y', -1],
            ['person:x', 1],
          ],
        },
      ]),
    ).toEqual([
      // Ordered by the smaller id, then the larger; claims in the order of the rows.
      { a: 'person:x', b: 'person:y', agreed: [], conflicted: ['claim:b', 'claim:a'] },
      { a: 'person:x', b: 'person:z', agreed: ['claim:b'], conflicted: [] },
      { a: 'person:y', b: 'person:z', agreed: [], conflicted: ['claim:b'] },
    ]);
  });

  test('an actor on both sides of a claim agrees and conflicts with the others there, once each', () => {
    expect(
      ties([
        {
          claim: 'claim:a',
          positions: [
            ['person:x', 1],
            ['person:x', -1],
            ['person:y', 1],
            ['person:y', -1],
          ],
        },
      ]),
    ).toEqual([{ a: 'person:x', b: 'person:y', agreed: ['claim:a'], conflicted: ['claim:a'] }]);
  });

  test('an actor with the same stance on a claim in several documents is tied by it once', () => {
    expect(
      ties([
        {
          claim: 'claim:a',
          positions: [
            ['person:x', 1],
            ['person:y', 1],
            ['person:x', 1],
            ['person:z', -1],
            ['person:y', 1],
            ['person:z', -1],
          ],
        },
        // Repeats alone: one actor, no tie.
        {
          claim: 'claim:b',
          positions: [
            ['person:x', 1],
            ['person:x', 1],
          ],
        },
      ]),
    ).toEqual([
      { a: 'person:x', b: 'person:y', agreed: ['claim:a'], conflicted: [] },
      { a: 'person:x', b: 'person:z', agreed: [], conflicted: ['claim:a'] },
      { a: 'person:y', b: 'person:z', agreed: [], conflicted: ['claim:a'] },
    ]);
  });

  test('a claim with one actor ties nobody', () => {
    expect(ties([{ claim: 'claim:a', positions: [['person:x', 1]] }])).toEqual([]);
    expect(ties([])).toEqual([]);
  });

  test('orders ids by code units, as the API always has', () => {
    const rows: ClaimPositions[] = [
      {
        claim: 'claim:a',
        positions: [
          ['person:b', 1],
          ['Person:a', 1],
          ['person:a', 1],
        ],
      },
    ];
    expect(ties(rows).map((t) => `${t.a} ${t.b}`)).toEqual([
      'Person:a person:a',
      'Person:a person:b',
      'person:a person:b',
    ]);
  });
});
