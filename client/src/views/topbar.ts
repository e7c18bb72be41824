// The top bar: the name, the search, the mode switch (stance graph or agreement network), and
// the console, export and help buttons.

import type { Controller } from '../core/app/index.ts';
import { EXPORTERS, type ExportContext } from '../core/export/index.ts';
import { MODES, type Mode } from '../core/view/index.ts';
import { h, render } from './dom.ts';

const MODE_LABELS: Record<Mode, string> = { stances: 'Stance graph', agreement: 'Agreement network' };

export interface TopbarParts {
  search: HTMLElement;
  toggleConsole(): void;
  showHelp(): void;
  exportContext: ExportContext;
}

export function createTopbar(controller: Controller, parts: TopbarParts): HTMLElement {
  const modes = h('div', { class: 'modes', role: 'group', 'aria-label': 'View' });
  const busy = h('span', { class: 'busy', 'aria-live': 'polite' });
  const exportMenu = createExportMenu(controller, parts.exportContext);
  const element = h(
    'header',
    { class: 'topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◆'), 'Stancegraph'),
    parts.search,
    modes,
    busy,
    h('span', { class: 'spacer' }),
    h(
      'button',
      { type: 'button', class: 'tool', title: 'Cypher console (c)', onclick: parts.toggleConsole },
      'Cypher',
    ),
    exportMenu,
    h(
      'button',
      {
        type: 'button',
        class: 'tool icon',
        title: 'Keyboard shortcuts (?)',
        'aria-label': 'Help',
        onclick: parts.showHelp,
      },
      '?',
    ),
  );
  const draw = () => {
    const { mode } = controller.state.view;
    render(
      modes,
      MODES.map((m) =>
        h(
          'button',
          {
            type: 'button',
            class: m === mode ? 'mode active' : 'mode',
            'aria-pressed': String(m === mode),
            onclick: () => controller.setMode(m),
          },
          MODE_LABELS[m],
        ),
      ),
    );
    render(busy, controller.state.busy ?? '');
  };
  controller.store.subscribe((state, previous) => {
    if (state.view.mode !== previous.view.mode || state.busy !== previous.busy) draw();
  });
  draw();
  return element;
}

function createExportMenu(controller: Controller, context: ExportContext): HTMLElement {
  const menu = h('div', { class: 'menu', role: 'menu', hidden: true });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'tool',
      'aria-haspopup': 'menu',
      'aria-expanded': 'false',
      title: 'Export the visible view',
    },
    'Export ▾',
  );
  const close = () => {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  button.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
    button.setAttribute('aria-expanded', String(!menu.hidden));
  });
  document.addEventListener('click', (event) => {
    if (!menu.contains(event.target as Node) && event.target !== button) close();
  });
  render(
    menu,
    EXPORTERS.map((exporter) =>
      h(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          class: 'menu-item',
          dataset: { format: exporter.id },
          onclick: async () => {
            close();
            const file = await controller.export(exporter, context);
            if (file) download(file);
          },
        },
        h('strong', null, exporter.label),
        h('span', { class: 'muted' }, exporter.description),
      ),
    ),
  );
  return h('div', { class: 'menu-wrap' }, button, menu);
}

function download(file: { blob: Blob; fileName: string }): void {
  const url = URL.createObjectURL(file.blob);
  const link = h('a', { href: url, download: file.fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
