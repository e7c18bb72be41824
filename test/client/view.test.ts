// Transitions of the shareable view.

import { describe, expect, it } from 'vitest';
import {
  addExpansion,
  DEFAULT_VIEW,
  hide,
  removeExpansion,
  select,
  setQuery,
  unhide,
} from '../../client/src/core/view/index.ts';

describe('view transitions', () => {
  it('remembers expansions once each, in order, and forgets a collapsed one', () => {
    let view = addExpansion(addExpansion(addExpansion(DEFAULT_VIEW, 'person:a'), 'claim:b'), 'person:a');
    expect(view.expanded).toEqual(['person:a', 'claim:b']);
    view = removeExpansion(view, 'person:a');
    expect(view.expanded).toEqual(['claim:b']);
  });

  it('drops a hidden node from the selection and shows it again on request', () => {
    let view = hide(select(DEFAULT_VIEW, { type: 'node', id: 'person:a' }), 'person:a');
    expect(view.selection).toBeNull();
    view = hide(view, 'person:b');
    expect(view.hidden).toEqual(['person:a', 'person:b']);
    expect(unhide(view, 'person:a').hidden).toEqual(['person:b']);
    expect(unhide(view).hidden).toEqual([]);
  });

  it('starts afresh when a query replaces the canvas, and keeps the view when it adds to it', () => {
    const view = hide(
      addExpansion(select(DEFAULT_VIEW, { type: 'node', id: 'person:a' }), 'person:a'),
      'person:b',
    );
    const replaced = setQuery(view, { text: 'MATCH (n) RETURN n', target: 'replace' });
    expect(replaced).toMatchObject({
      expanded: [],
      hidden: [],
      selection: null,
      query: { target: 'replace' },
    });
    const added = setQuery(view, { text: 'MATCH (n) RETURN n', target: 'add' });
    expect(added).toMatchObject({
      expanded: ['person:a'],
      hidden: ['person:b'],
      selection: { id: 'person:a' },
    });
  });
});
