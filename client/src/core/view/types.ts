// The view a user shares: what is selected, filtered, expanded and hidden, and the console query.
// It is the whole of what the URL holds (see ../url), so opening the URL restores the view.

import type { DnaOptions } from '../../../../model/networks.ts';
import type { Filters } from '../filters/types.ts';

export const MODES = ['stances', 'agreement'] as const;
/** `stances`: the stance graph; `agreement`: the actor–actor agreement/conflict network. */
export type Mode = (typeof MODES)[number];

export const QUERY_TARGETS = ['add', 'replace'] as const;
/** How a console result reached the canvas: added to what was there, or replacing it. */
export type QueryTarget = (typeof QUERY_TARGETS)[number];

export type Selection = { type: 'node'; id: string } | { type: 'edge'; id: string };

export interface ConsoleQuery {
  text: string;
  /** Null when the query sits in the console without having been drawn. */
  target: QueryTarget | null;
}

export interface ViewState {
  mode: Mode;
  selection: Selection | null;
  filters: Filters;
  /** Nodes whose neighbourhood was expanded, in order. */
  expanded: string[];
  hidden: string[];
  query: ConsoleQuery | null;
  /** The agreement view as DNA computes it (rDNA's options); absent: the agreement network. */
  network?: DnaOptions;
}
