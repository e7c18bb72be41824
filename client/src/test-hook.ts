// A small read-only window onto the app's state for end-to-end tests, so that they read what the
// page shows from the page (not from pixels): window.__stancegraph.

import type { Controller } from './core/app/index.ts';
import type { Selection } from './core/view/index.ts';

export interface StancegraphTestHook {
  /** Nodes in the canvas's graph (visible or not). */
  graphOrder(): number;
  graphSize(): number;
  visibleNodes(): string[];
  visibleEdges(): string[];
  selected(): Selection | null;
  /** `loading`, `error` or `ready` for the canvas, and whether a layout or an action is running. */
  status(): { canvas: string; layout: string; busy: string | null; mode: string };
  /** The view as the URL holds it. */
  url(): string;
  /** Where a node is drawn, in CSS pixels from the canvas's top-left corner (for clicking it). */
  nodePosition(id: string): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __stancegraph?: StancegraphTestHook;
  }
}

export function installTestHook(
  controller: Controller,
  nodePosition: (id: string) => { x: number; y: number } | null,
): void {
  const hook: StancegraphTestHook = {
    graphOrder: () => controller.canvasGraph.order,
    graphSize: () => controller.canvasGraph.size,
    visibleNodes: () => [...controller.visibility().nodes],
    visibleEdges: () => [...controller.visibility().edges],
    selected: () => controller.state.view.selection,
    status: () => {
      const { view, canvas, agreement, layout, busy } = controller.state;
      return {
        canvas: (view.mode === 'agreement' ? agreement : canvas).status,
        layout,
        busy,
        mode: view.mode,
      };
    },
    url: () => window.location.href,
    nodePosition,
  };
  Object.defineProperty(window, '__stancegraph', { value: Object.freeze(hook), configurable: true });
}
