// The sigma canvas: draws the controller's graph through the reducers of core/reducers, turns
// pointer events into controller actions, and shows the canvas's loading and error states.

import EdgeCurveProgram, { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeRectangleProgram } from 'sigma/rendering';
import { EDGE_PROGRAM } from '../core/appearance/index.ts';
import { describeProblem, type AppState, type Controller } from '../core/app/index.ts';
import { resolveCanvasSettings, sigmaSettings, type CanvasSettings } from '../core/canvas/settings.ts';
import {
  createStanceGraph,
  type EdgeAttributes,
  type NodeAttributes,
  type StanceGraph,
} from '../core/dataset/index.ts';
import type { Visibility } from '../core/filters/index.ts';
import type { Selection } from '../core/view/index.ts';
import { createReducers } from '../core/reducers/index.ts';
import { h, render } from './dom.ts';
import { installEdgePicking } from './edge-picking.ts';
import { NODE_PROGRAM_CLASSES } from './programs.ts';

export interface CanvasView {
  element: HTMLElement;
  sigma: Sigma<NodeAttributes, EdgeAttributes>;
  /** What it was drawn with (core/canvas/settings.ts). */
  settings: CanvasSettings;
  flyTo(id: string): void;
  zoom(factor: number): void;
  resetCamera(): void;
}

export function createCanvas(controller: Controller, overrides: Partial<CanvasSettings> = {}): CanvasView {
  const settings = resolveCanvasSettings(overrides);
  const container = h('div', { class: 'sigma-container', role: 'img', 'aria-label': 'Graph canvas' });
  const overlay = h('div', { class: 'canvas-overlay', 'aria-live': 'polite' });
  const zoomControls = h(
    'div',
    { class: 'zoom-controls' },
    h(
      'button',
      { type: 'button', title: 'Zoom in (+)', onclick: () => view.zoom(1 / settings.zoomStep) },
      '+',
    ),
    h('button', { type: 'button', title: 'Zoom out (-)', onclick: () => view.zoom(settings.zoomStep) }, '−'),
    h('button', { type: 'button', title: 'Fit the graph (0)', onclick: () => view.resetCamera() }, '⤢'),
  );
  const stats = h('div', { class: 'canvas-stats' });
  const element = h(
    'section',
    { class: 'stage', 'aria-label': 'Graph' },
    container,
    overlay,
    zoomControls,
    stats,
  );

  const sigma = new Sigma<NodeAttributes, EdgeAttributes>(controller.canvasGraph, container, {
    allowInvalidContainer: true,
    nodeProgramClasses: NODE_PROGRAM_CLASSES,
    edgeProgramClasses: {
      [EDGE_PROGRAM.straight]: EdgeArrowProgram,
      [EDGE_PROGRAM.curved]: EdgeCurvedArrowProgram,
      [EDGE_PROGRAM.line]: EdgeRectangleProgram,
      [EDGE_PROGRAM.curvedLine]: EdgeCurveProgram,
    },
    defaultEdgeType: EDGE_PROGRAM.straight,
    renderEdgeLabels: true,
    // Relationships are picked on the CPU (views/edge-picking.ts), not by a second GPU pass per frame.
    enableEdgeEvents: false,
    zIndex: true,
    ...sigmaSettings(settings),
  });

  // While the shown graph loads, sigma draws an empty graph rather than listening to it: a load adds
  // thousands of nodes and relationships and marks parallel ones, and sigma answers every one of
  // those events by running the reducers again. It takes the graph back, whole, once it is ready.
  const loadingGraph: StanceGraph = createStanceGraph();
  const shownGraph = (state: AppState): StanceGraph =>
    (state.view.mode === 'agreement' ? state.agreement : state.canvas).status === 'loading'
      ? loadingGraph
      : controller.canvasGraph;

  // New reducers make sigma run them over every node and relationship at once (its refresh indexes
  // the whole graph synchronously; only the drawing waits for the next frame). So they are made
  // only when what they read changes, and the state changes of one task (a load sets several) are
  // applied together, once, in a microtask.
  let drawn: {
    graph: StanceGraph;
    visibility: Visibility;
    selection: Selection | null;
    hovered: string | null;
  } | null = null;
  let redrawPending = false;
  const scheduleRedraw = () => {
    if (redrawPending) return;
    redrawPending = true;
    queueMicrotask(() => {
      redrawPending = false;
      redraw();
    });
  };
  const redraw = () => {
    const state = controller.state;
    const graph = shownGraph(state);
    const visibility = controller.visibility();
    const { selection } = state.view;
    if (
      drawn?.graph !== graph ||
      drawn.visibility !== visibility ||
      drawn.selection !== selection ||
      drawn.hovered !== state.hovered
    ) {
      drawn = { graph, visibility, selection, hovered: state.hovered };
      const reducers = createReducers(controller.canvasGraph, {
        visibility,
        selection,
        hovered: state.hovered,
      });
      sigma.setSettings({ nodeReducer: reducers.node, edgeReducer: reducers.edge });
      // After the reducers, so that taking another graph indexes it once, with them.
      if (sigma.getGraph() !== graph) sigma.setGraph(graph);
    }
    drawOverlay(state);
  };

  const drawOverlay = (state: AppState) => {
    const status = state.view.mode === 'agreement' ? state.agreement : state.canvas;
    const visibility = controller.visibility();
    render(
      stats,
      `${visibility.nodes.size} of ${controller.canvasGraph.order} nodes · ${visibility.edges.size} of ${controller.canvasGraph.size} relationships`,
      state.layout === 'running' ? h('span', { class: 'layout-running' }, ' · laying out…') : null,
    );
    overlay.className = `canvas-overlay ${status.status}`;
    if (status.status === 'loading')
      render(overlay, h('div', { class: 'spinner', 'aria-hidden': 'true' }), h('p', null, status.what));
    else if (status.status === 'error') {
      render(
        overlay,
        h(
          'div',
          { class: 'error-card', role: 'alert' },
          h('h2', null, status.problem.status === 0 ? 'Cannot reach Stancegraph' : status.problem.title),
          h('p', null, describeProblem(status.problem)),
          h(
            'button',
            { type: 'button', onclick: () => void controller.open(controller.state.view) },
            'Try again',
          ),
        ),
      );
    } else if (status.status === 'ready' && controller.canvasGraph.order === 0) {
      render(
        overlay,
        h(
          'p',
          { class: 'empty' },
          'Nothing to show: the graph is empty. Load a dataset with `stancegraph load`.',
        ),
      );
    } else render(overlay);
  };

  controller.store.subscribe((state, previous) => {
    // At once, not in the microtask: the load's changes to the graph may follow in this task.
    if (shownGraph(state) === loadingGraph && sigma.getGraph() !== loadingGraph) sigma.setGraph(loadingGraph);
    if (
      state.revision !== previous.revision ||
      state.view !== previous.view ||
      state.hovered !== previous.hovered ||
      state.canvas !== previous.canvas ||
      state.agreement !== previous.agreement ||
      state.layout !== previous.layout
    ) {
      scheduleRedraw();
    }
  });

  sigma.on('enterNode', ({ node }) => {
    controller.setHovered(node);
    container.style.cursor = 'pointer';
  });
  sigma.on('leaveNode', () => {
    controller.setHovered(null);
    container.style.cursor = '';
  });
  const edges = installEdgePicking(sigma, {
    enter: () => (container.style.cursor = 'pointer'),
    leave: () => (container.style.cursor = ''),
  });
  sigma.on('clickNode', ({ node }) => controller.select({ type: 'node', id: node }));
  sigma.on('clickStage', ({ event }) => {
    const edge = edges.edgeAt(event);
    controller.select(edge ? { type: 'edge', id: edge } : null);
  });
  sigma.on('doubleClickNode', (event) => {
    event.preventSigmaDefault();
    void controller.expand(event.node);
  });

  // Sigma follows the window's size; the stage also changes size when the console opens or closes.
  // Sigma's next render takes the new size; the label grid is rebuilt then too (a partial refresh
  // processes the graph again without re-running the reducers). The observer's first call, on
  // the first layout, is no change: drawing there would draw the first frame twice.
  new ResizeObserver(([entry]) => {
    const { width, height } = sigma.getDimensions();
    const box = entry?.contentRect;
    if (
      !box ||
      (Math.round(box.width) === Math.round(width) && Math.round(box.height) === Math.round(height))
    )
      return;
    sigma.scheduleRefresh({ partialGraph: { nodes: [], edges: [] } });
  }).observe(container);

  const view: CanvasView = {
    element,
    sigma,
    settings,
    flyTo(id) {
      const data = sigma.getNodeDisplayData(id);
      if (data)
        void sigma
          .getCamera()
          .animate(
            { x: data.x, y: data.y, ratio: Math.min(sigma.getCamera().ratio, settings.flyToRatio) },
            { duration: settings.flyToMs },
          );
    },
    zoom(factor) {
      void sigma
        .getCamera()
        .animate({ ratio: sigma.getCamera().ratio * factor }, { duration: settings.zoomMs });
    },
    resetCamera() {
      void sigma.getCamera().animatedReset({ duration: settings.resetMs });
    },
  };
  redraw();
  return view;
}
