// The right panel: details of the selection (a node or an edge), or a short guide when nothing
// is selected. Each selection renders into a fresh body; answers that arrive after the selection
// changed are dropped.

import type { Controller } from '../core/app/index.ts';
import type { Selection } from '../core/view/index.ts';
import { h, render } from './dom.ts';
import type { PanelContext } from './panel-parts.ts';
import { renderEdgePanel } from './edge-panel.ts';
import { renderNodePanel } from './node-panel.ts';

function sameSelection(a: Selection | null, b: Selection | null): boolean {
  return a === b || (a !== null && b !== null && a.type === b.type && a.id === b.id);
}

export function createPanel(controller: Controller, flyTo: (id: string) => void): HTMLElement {
  const body = h('div', { class: 'panel-body' });
  const element = h('aside', { class: 'panel', 'aria-label': 'Details', 'aria-live': 'polite' }, body);
  let shown: Selection | null | undefined;
  let generation = 0;
  let shownRevision = -1;

  const draw = () => {
    const { view, revision } = controller.state;
    const selection = view.selection;
    if (shown !== undefined && sameSelection(shown, selection) && revision === shownRevision) return;
    shown = selection;
    shownRevision = revision;
    const mine = ++generation;
    const context: PanelContext = { controller, current: () => mine === generation, flyTo };
    element.classList.toggle('empty', !selection);
    if (!selection) render(body, guide());
    else if (selection.type === 'node') renderNodePanel(body, selection.id, context);
    else renderEdgePanel(body, selection.id, context);
  };

  controller.store.subscribe((state, previous) => {
    if (
      state.view.selection !== previous.view.selection ||
      state.revision !== previous.revision ||
      state.leftOut !== previous.leftOut ||
      state.edgesLeftOut !== previous.edgesLeftOut
    )
      draw();
  });
  draw();
  return element;
}

function guide(): HTMLElement {
  return h(
    'div',
    { class: 'guide' },
    h('h2', null, 'Who said what about what'),
    h(
      'p',
      null,
      'Each node is an actor, a claim, a topic, an event or a source document. Arrows are positions (',
      h('span', { class: 'pos' }, 'for'),
      ', ',
      h('span', { class: 'neg' }, 'against'),
      ') and other relationships, each traced to the words of its source.',
    ),
    h(
      'ul',
      null,
      h(
        'li',
        null,
        h('strong', null, 'Search'),
        ' for a person, an institution or a claim (press ',
        h('kbd', null, '/'),
        ').',
      ),
      h(
        'li',
        null,
        h('strong', null, 'Click'),
        ' a node or an arrow to read its positions and quotes; hover to see its neighbours.',
      ),
      h(
        'li',
        null,
        h('strong', null, 'Double-click'),
        ' a node (or press ',
        h('kbd', null, 'e'),
        ') to expand its neighbourhood.',
      ),
      h(
        'li',
        null,
        'Use the ',
        h('strong', null, 'legend'),
        ' to filter kinds, relationship types and dates.',
      ),
      h(
        'li',
        null,
        'Open the ',
        h('strong', null, 'Cypher console'),
        ' (',
        h('kbd', null, 'c'),
        ') to query the graph.',
      ),
    ),
    h('p', { class: 'muted' }, 'Press ', h('kbd', null, '?'), ' for every keyboard shortcut.'),
  );
}
