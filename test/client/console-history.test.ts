// The Cypher console's history.

import { describe, expect, it } from 'vitest';
import { loadHistory, pushHistory, saveHistory, stepHistory } from '../../client/src/core/console/history.ts';

describe('console history', () => {
  it('puts the latest query first without repeats, within the limit, and ignores blanks', () => {
    let history = pushHistory([], 'RETURN 1');
    history = pushHistory(history, 'RETURN 2');
    history = pushHistory(history, '  RETURN 1  ');
    history = pushHistory(history, '   ');
    expect(history).toEqual(['RETURN 1', 'RETURN 2']);
    expect(pushHistory(['b', 'c'], 'a', 2)).toEqual(['a', 'b']);
  });

  it('steps back and forth between the draft (-1) and the oldest query', () => {
    const history = ['new', 'old'];
    expect(stepHistory(history, -1, 1)).toBe(0);
    expect(stepHistory(history, 1, 1)).toBe(1);
    expect(stepHistory(history, 0, -1)).toBe(-1);
    expect(stepHistory(history, -1, -1)).toBe(-1);
  });

  it('survives a reload through storage, and bad or refused storage', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    saveHistory(storage, ['RETURN 1']);
    expect(loadHistory(storage)).toEqual(['RETURN 1']);
    store.set([...store.keys()][0]!, '{not json');
    expect(loadHistory(storage)).toEqual([]);
    expect(loadHistory(undefined)).toEqual([]);
    expect(() =>
      saveHistory(
        {
          setItem: () => {
            throw new Error('quota');
          },
        },
        ['x'],
      ),
    ).not.toThrow();
  });
});
