// The app (loaded by main.ts): builds the controller and the views for the view the URL names,
// keeps the URL in step with the view, and opens the graph.

import { Controller } from './core/app/index.ts';
import { networkSource } from './core/export/index.ts';
import { runLayout } from './core/layout/index.ts';
import { toSearchParams } from './core/url/index.ts';
import type { ViewState } from './core/view/index.ts';
import { createCanvas } from './views/canvas.ts';
import { createConsole } from './views/console.ts';
import { createDocuments } from './views/documents.ts';
import { h, render } from './views/dom.ts';
import { createHelp } from './views/help.ts';
import { createNotices } from './views/notices.ts';
import { createPanel } from './views/panel.ts';
import { createSearch } from './views/search.ts';
import { installShortcuts } from './views/shortcuts.ts';
import { createSidebar } from './views/sidebar.ts';
import { createTopbar } from './views/topbar.ts';
import { installTestHook } from './test-hook.ts';

export function startApp(view: ViewState, problems: readonly string[]): void {
  const controller = new Controller(view, { layout: runLayout });

  const app = document.getElementById('app')!;
  const canvas = createCanvas(controller);
  const search = createSearch(controller, (id) => canvas.flyTo(id));
  const cypherConsole = createConsole(controller);
  const documents = createDocuments(controller);
  const help = createHelp();
  const sidebar = createSidebar(controller);
  const toggleSidebar = () => app.classList.toggle('sidebar-closed');

  const topbar = createTopbar(controller, {
    search: search.element,
    toggleConsole: () => cypherConsole.toggle(),
    showHelp: () => help.toggle(true),
    exportContext: {
      sigma: canvas.sigma,
      visibleNodes: () => [...controller.visibility().nodes],
      visibleTypes: () => [
        ...new Set(
          [...controller.visibility().edges].map((edge) =>
            controller.canvasGraph.getEdgeAttribute(edge, 'type'),
          ),
        ),
      ],
      filters: () => controller.state.view.filters,
      position: (id) =>
        controller.canvasGraph.hasNode(id) ? controller.canvasGraph.getNodeAttributes(id) : null,
      network: () =>
        controller.state.view.mode === 'agreement' ? networkSource(controller.state.view) : null,
    },
  });
  // Coding and review (views/documents.ts) open beside the graph, under it like the console.
  topbar.querySelector('.spacer')?.after(
    h(
      'button',
      {
        type: 'button',
        class: 'tool',
        title: 'Documents, coding and review',
        onclick: () => documents.toggle(),
      },
      'Documents',
    ),
  );
  render(
    app,
    topbar,
    h(
      'main',
      { class: 'workspace' },
      sidebar,
      h('div', { class: 'center' }, canvas.element, cypherConsole.element, documents.element),
      createPanel(controller, (id) => canvas.flyTo(id)),
    ),
    createNotices(controller),
    help.element,
  );
  app.removeAttribute('aria-busy');

  installShortcuts({ controller, canvas, console: cypherConsole, search, help, toggleSidebar });
  installTestHook(controller, (id) => {
    const data = canvas.sigma.getNodeDisplayData(id);
    return data && !data.hidden ? canvas.sigma.framedGraphToViewport(data) : null;
  });

  // The URL follows the view (replaceState: the back button leaves the app rather than undoing clicks).
  controller.store.subscribe((state, previous) => {
    if (state.view === previous.view) return;
    const search = toSearchParams(state.view).toString();
    const url = `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`)
      window.history.replaceState(null, '', url);
  });

  for (const problem of problems) controller.notify(problem, 'warning');
  void controller.open(view);
}
