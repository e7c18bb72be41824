// The help dialog: what the app does, in a sentence, and every keyboard shortcut (from SHORTCUTS).

import { h } from './dom.ts';
import { SHORTCUTS } from './shortcuts.ts';

export function createHelp(): {
  element: HTMLDialogElement;
  toggle(open?: boolean): void;
  isOpen(): boolean;
} {
  const element = h(
    'dialog',
    { class: 'help', 'aria-label': 'Keyboard shortcuts' },
    h('h2', null, 'Keyboard shortcuts'),
    h(
      'table',
      null,
      h(
        'tbody',
        null,
        SHORTCUTS.map((shortcut) =>
          h(
            'tr',
            null,
            h(
              'td',
              null,
              shortcut.keys.map((key, i) => [i ? ' or ' : null, h('kbd', null, key)]),
            ),
            h('td', null, shortcut.description),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      'Mouse: click to select, double-click a node to expand it, hover to see its neighbours, scroll to zoom, drag to pan.',
    ),
    h('form', { method: 'dialog' }, h('button', { type: 'submit' }, 'Close')),
  );
  const toggle = (open = !element.open) => {
    if (open && !element.open) element.showModal();
    else if (!open && element.open) element.close();
  };
  return { element, toggle, isOpen: () => element.open };
}
