// The agreement network's pairing (server/networks/agreement.ts) on hand-made positions: which
// pairs are tied by which claims, agreement or conflict, in what order. The API tests
// (views.test.ts, suggested.test.ts) check the same through GET /api/networks/agreement.

import { describe, expect, test } from 'vitest';
import {
  agreementTies,
  strongestTies,
  tieClaims,
  type AgreementTies,
  type ClaimPositions,
} from '../../server/networks/agreement.ts';

function ties(rows: ClaimPositions[]) {
  return unpacked(agreementTies(rows));
}

function unpacked(packed: AgreementTies) {
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

/** Random positions with a few much-taken claims and actors, repeats and both polarities (seeded). */
function randomRows(seed: number, claims = 60, actors = 40): ClaimPositions[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: claims }, (_, c) => ({
    claim: `claim:c${c}`,
    positions: Array.from({ length: 1 + Math.floor(random() ** 3 * 30) }, () => {
      const actor = Math.floor(random() ** 2 * actors);
      return [`person:p${actor}`, random() < 0.6 ? 1 : -1] as [string, number];
    }),
  }));
}

describe('strongestTies', () => {
  test('with room for every tie, gives exactly what agreementTies gives', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rows = randomRows(seed);
      const { ties: strongest, total } = strongestTies(rows, ['agreed', 'conflicted'], 1e9);
      const all = unpacked(agreementTies(rows));
      expect(unpacked(strongest)).toEqual(all);
      expect(total).toBe(
        all.reduce((sum, t) => sum + Math.sign(t.agreed.length) + Math.sign(t.conflicted.length), 0),
      );
    }
  });

  test('keeps the edges with the most claims, each with all its claims', () => {
    for (const seed of [6, 7, 8]) {
      const rows = randomRows(seed);
      const all = unpacked(agreementTies(rows)).flatMap((t) =>
        (['agreed', 'conflicted'] as const)
          .filter((kind) => t[kind].length > 0)
          .map((kind) => ({ key: `${t.a} ${t.b} ${kind}`, claims: t[kind] })),
      );
      const limit = Math.floor(all.length / 4);
      const { ties: strongest, total } = strongestTies(rows, ['agreed', 'conflicted'], limit);
      expect(total).toBe(all.length);
      const kept = unpacked(strongest).flatMap((t) =>
        (['agreed', 'conflicted'] as const)
          .filter((kind) => t[kind].length > 0)
          .map((kind) => ({ key: `${t.a} ${t.b} ${kind}`, claims: t[kind] })),
      );
      expect(kept).toHaveLength(limit);
      const byKey = new Map(all.map((edge) => [edge.key, edge.claims]));
      for (const edge of kept) expect(edge.claims).toEqual(byKey.get(edge.key));
      const lightestKept = Math.min(...kept.map((edge) => edge.claims.length));
      const keptKeys = new Set(kept.map((edge) => edge.key));
      const heavierLeftOut = all.filter(
        (edge) => !keptKeys.has(edge.key) && edge.claims.length > lightestKept,
      );
      expect(heavierLeftOut).toEqual([]);
    }
  });

  test('counts and keeps only the kinds asked for', () => {
    const rows = randomRows(9);
    const { ties: agreed, total } = strongestTies(rows, ['agreed'], 1e9);
    const all = unpacked(agreementTies(rows)).filter((t) => t.agreed.length > 0);
    expect(total).toBe(all.length);
    expect(unpacked(agreed)).toEqual(all.map((t) => ({ ...t, conflicted: [] })));
  });
});
