// Pieces the node and edge panels share: the head with its badge and close button, a quote, and
// an error said for people.

import { ApiError } from '../core/api/utils.ts';
import { describeProblem, type Controller } from '../core/app/index.ts';
import { h, type Children } from './dom.ts';

/** What a panel renderer gets from the panel that hosts it. */
export interface PanelContext {
  controller: Controller;
  /** Whether this render is still the current one (the selection has not moved on). */
  current(): boolean;
  flyTo(id: string): void;
}

export function panelHead(
  controller: Controller,
  badgeClass: string,
  color: string,
  ...badge: Children[]
): HTMLElement {
  return h(
    'header',
    { class: 'panel-head' },
    h('span', { class: `kind-badge ${badgeClass}`.trim(), style: `--kind:${color}` }, ...badge),
    h(
      'button',
      {
        type: 'button',
        class: 'close',
        title: 'Close (Esc)',
        'aria-label': 'Close',
        onclick: () => controller.select(null),
      },
      '×',
    ),
  );
}

export function quoteBlock(quote: string | null | undefined): HTMLElement | null {
  return quote ? h('blockquote', { class: 'quote' }, `“${quote}”`) : null;
}

export function errorText(error: unknown): string {
  return error instanceof ApiError ? describeProblem(error.problem) : String(error);
}
