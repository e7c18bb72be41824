// The state of the whole client: the shareable view (../view) plus what loading, layout and
// interaction add to it. Views read it from the store; only the controller (./index.ts) writes it.

import type { Contributions } from '../dataset/types.ts';
import type { Status } from '../status/types.ts';
import type { ViewState } from '../view/types.ts';

export const NOTICE_TONES = ['info', 'warning', 'error'] as const;
export type NoticeTone = (typeof NOTICE_TONES)[number];

export interface Notice {
  id: number;
  tone: NoticeTone;
  text: string;
}

export interface AppState {
  view: ViewState;
  /** The stance graph on the canvas. */
  canvas: Status;
  /** The agreement/conflict network (mode `agreement`). */
  agreement: Status;
  /** How many ties the agreement network has, and how many of the weakest it left out (the API sends the strongest). */
  agreementTies: { total: number; omitted: number } | null;
  layout: 'idle' | 'running';
  contributions: Contributions;
  /** Per expanded node: how many neighbours the expansion cap left out. */
  leftOut: Record<string, number>;
  /** Per expanded node: how many edges among its neighbourhood's nodes the server left out. */
  edgesLeftOut: Record<string, number>;
  /** An action in progress (expanding a node, running a query), said for people. */
  busy: string | null;
  hovered: string | null;
  /** Bumped whenever the graph's nodes or edges change, so derived views recompute. */
  revision: number;
  notices: Notice[];
}
