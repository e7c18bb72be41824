// The view in the URL: a shared link reopens the same view; a bad link opens what it can.

import { describe, expect, it } from 'vitest';
import { fromSearchParams, toSearchParams } from '../../client/src/core/url/index.ts';
import { DEFAULT_VIEW, type ViewState } from '../../client/src/core/view/index.ts';

describe('URL state', () => {
  it('writes nothing for the default view', () => {
    expect(toSearchParams(DEFAULT_VIEW).toString()).toBe('');
    expect(fromSearchParams(new URLSearchParams('')).view).toEqual(DEFAULT_VIEW);
  });

  it('round-trips selection, filters, time window, expansions, hidden nodes and the console query', () => {
    const view: ViewState = {
      mode: 'stances',
      selection: { type: 'node', id: 'person:sergei-ryabkov' },
      filters: {
        kinds: ['Person', 'Country', 'Claim'],
        types: ['DEMANDS', 'REJECTS', 'ABOUT'],
        polarities: ['support', 'reject'],
        from: '2022-01-11',
        to: '2022-01-12',
      },
      expanded: ['claim:nato-non-expansion-guarantee', 'country:russia'],
      hidden: ['topic:nato-enlargement'],
      query: { text: "MATCH (a:Actor {id: 'person:sergei-ryabkov'})-[r]->(c) RETURN a, r, c", target: 'add' },
    };
    const url = toSearchParams(view).toString();
    expect(fromSearchParams(new URLSearchParams(url))).toEqual({ view, problems: [] });
  });

  it('round-trips an edge selection, the agreement mode and an empty filter list', () => {
    const view: ViewState = {
      ...DEFAULT_VIEW,
      mode: 'agreement',
      selection: { type: 'edge', id: 'person:a|DEMANDS|claim:b|document:c|12' },
      filters: { ...DEFAULT_VIEW.filters, kinds: [] },
      query: { text: 'RETURN 1', target: null },
    };
    expect(fromSearchParams(toSearchParams(view)).view).toEqual(view);
  });

  it('reports and skips what it cannot use', () => {
    const { view, problems } = fromSearchParams(
      new URLSearchParams(
        'kinds=Person,Planet&from=yesterday&node=Not An Id&expand=claim:ok,bad id&mode=3d&pol=support',
      ),
    );
    expect(view.filters.kinds).toEqual(['Person']);
    expect(view.filters.polarities).toEqual(['support']);
    expect(view.filters.from).toBeNull();
    expect(view.selection).toBeNull();
    expect(view.expanded).toEqual(['claim:ok']);
    expect(view.mode).toBe('stances');
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toContain('"Planet"');
  });
});
