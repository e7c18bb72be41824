// Pure transitions of the view state. The controller applies them and redraws; nothing here
// touches the graph or the DOM.

import { DEFAULT_FILTERS } from '../filters/index.ts';
import type { ConsoleQuery, Selection, ViewState } from './types.ts';

export * from './types.ts';

export const DEFAULT_VIEW: ViewState = {
  mode: 'stances',
  selection: null,
  filters: DEFAULT_FILTERS,
  expanded: [],
  hidden: [],
  query: null,
};

export function select(view: ViewState, selection: Selection | null): ViewState {
  return { ...view, selection };
}

export function addExpansion(view: ViewState, id: string): ViewState {
  return view.expanded.includes(id) ? view : { ...view, expanded: [...view.expanded, id] };
}

export function removeExpansion(view: ViewState, id: string): ViewState {
  return { ...view, expanded: view.expanded.filter((other) => other !== id) };
}

/** Hiding a node also drops it from the selection. */
export function hide(view: ViewState, id: string): ViewState {
  if (view.hidden.includes(id)) return view;
  const selection = view.selection?.type === 'node' && view.selection.id === id ? null : view.selection;
  return { ...view, hidden: [...view.hidden, id], selection };
}

/** Shows one hidden node again, or all of them when no id is given. */
export function unhide(view: ViewState, id?: string): ViewState {
  return { ...view, hidden: id === undefined ? [] : view.hidden.filter((other) => other !== id) };
}

/** A query drawn in place of the canvas starts a new view: earlier expansions and hidden nodes go. */
export function setQuery(view: ViewState, query: ConsoleQuery | null): ViewState {
  if (query?.target === 'replace') return { ...view, query, expanded: [], hidden: [], selection: null };
  return { ...view, query };
}
