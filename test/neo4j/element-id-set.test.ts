// The compact set of elementIds behind exports from a query: each id once, every id given back as
// it came in, and about a bit per id for Neo4j 5's `<format>:<database>:<internal id>` form.

import { describe, expect, test } from 'vitest';
import { ElementIdSet } from '../../server/neo4j/element-id-set.ts';

const DB = '4:1c3b0b3e-5a8e-4c56-9d4b-2f7f0f1d9a10';

describe('ElementIdSet', () => {
  test('holds each id once and gives every id back, in ascending internal id per prefix', () => {
    const set = new ElementIdSet();
    const ids = [`${DB}:70000`, `${DB}:31`, `${DB}:0`, `5:other:32`, `${DB}:31`, `${DB}:65536`, `${DB}:63`];
    const added = ids.map((id) => set.add(id));
    expect(added).toEqual([true, true, true, true, false, true, true]);
    expect(set.size).toBe(6);
    expect([...set]).toEqual([`${DB}:0`, `${DB}:31`, `${DB}:63`, `${DB}:65536`, `${DB}:70000`, `5:other:32`]);
  });

  test('keeps ids of any other shape as they are', () => {
    const set = new ElementIdSet();
    const odd = ['no-colon', `${DB}:007`, `${DB}:-1`, `${DB}:12x`, `${DB}:`, `${DB}:1234567890123456`];
    for (const id of odd) expect(set.add(id)).toBe(true);
    for (const id of odd) expect(set.add(id)).toBe(false);
    expect(set.add(`${DB}:7`)).toBe(true); // not the same id as …:007
    expect(new Set(set)).toEqual(new Set([...odd, `${DB}:7`]));
    expect(set.size).toBe(odd.length + 1);
  });

  test('holds a million dense ids in under 200 KB of bitmaps', () => {
    const set = new ElementIdSet();
    for (let id = 0; id < 1_000_000; id++) set.add(`5:${DB.slice(2)}:${Math.floor(id * 1.25)}`);
    expect(set.size).toBe(1_000_000);
    expect(set.bitmapBytes).toBeLessThan(200 * 1024);
    let count = 0;
    let ascending = true;
    let previous = -1;
    for (const id of set) {
      const internal = Number(id.slice(id.lastIndexOf(':') + 1));
      ascending &&= internal > previous;
      previous = internal;
      count++;
    }
    expect(count).toBe(1_000_000);
    expect(ascending).toBe(true);
    expect(previous).toBe(1_249_998);
  });
});
