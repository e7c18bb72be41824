// Notices: short messages in the corner (what an action left out, what failed); information fades
// after a few seconds, errors stay until dismissed.

import type { Controller, Notice } from '../core/app/index.ts';
import { h, render } from './dom.ts';

const FADE_MS = 6000;

export function createNotices(controller: Controller): HTMLElement {
  const element = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite' });
  const timers = new Set<number>();
  const draw = (notices: Notice[]) => {
    render(
      element,
      notices.map((notice) =>
        h(
          'div',
          { class: `notice ${notice.tone}` },
          h('span', null, notice.text),
          h(
            'button',
            {
              type: 'button',
              class: 'close',
              'aria-label': 'Dismiss',
              onclick: () => controller.dismiss(notice.id),
            },
            '×',
          ),
        ),
      ),
    );
    for (const notice of notices) {
      if (notice.tone === 'error' || timers.has(notice.id)) continue;
      timers.add(notice.id);
      setTimeout(() => {
        timers.delete(notice.id);
        controller.dismiss(notice.id);
      }, FADE_MS);
    }
  };
  controller.store.subscribe((state, previous) => {
    if (state.notices !== previous.notices) draw(state.notices);
  });
  return element;
}
