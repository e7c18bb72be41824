// The sigma canvas: draws the controller's graph through the reducers of core/reducers, turns
// pointer events into controller actions, and shows the canvas's loading and error states.

import EdgeCurveProgram, { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeRectangleProgram } from 'sigma/rendering';
import { EDGE_PROGRAM } from '../core/appearance/index.ts';
import { describeProblem, type AppState, type Controller } from '../core/app/index.ts';
import type { EdgeAttributes, NodeAttributes } from '../core/dataset/index.ts';
import { createReducers } from '../core/reducers/index.ts';
import { h, render } from './dom.ts';
import { NODE_PROGRAM_CLASSES } from './programs.ts';

export interface CanvasView {
  element: HTMLElement;
  sigma: Sigma<NodeAttributes, EdgeAttributes>;
  flyTo(id: string): void;
  zoom(factor: number): void;
  resetCamera(): void;
}

const FONT = 'Inter, "Segoe UI", system-ui, -apple-system, sans-serif';

export function createCanvas(controller: Controller): CanvasView {
  const container = h('div', { class: 'sigma-container', role: 'img', 'aria-label': 'Graph canvas' });
  const overlay = h('div', { class: 'canvas-overlay', 'aria-live': 'polite' });
  const zoomControls = h(
    'div',
    { class: 'zoom-controls' },
    h('button', { type: 'button', title: 'Zoom in (+)', onclick: () => view.zoom(1 / 1.5) }, '+'),
    h('button', { type: 'button', title: 'Zoom out (-)', onclick: () => view.zoom(1.5) }, '−'),
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
    enableEdgeEvents: true,
    zIndex: true,
    labelFont: FONT,
    labelSize: 12,
    labelWeight: '500',
    labelColor: { color: '#263238' },
    edgeLabelFont: FONT,
    edgeLabelSize: 11,
    edgeLabelColor: { color: '#546e7a' },
    labelDensity: 0.9,
    labelGridCellSize: 90,
    labelRenderedSizeThreshold: 5,
    stagePadding: 56,
    minCameraRatio: 0.05,
    maxCameraRatio: 8,
  });

  let mode = controller.state.view.mode;
  const redraw = () => {
    const state = controller.state;
    if (state.view.mode !== mode) {
      mode = state.view.mode;
      sigma.setGraph(controller.canvasGraph);
    }
    const reducers = createReducers(controller.canvasGraph, {
      visibility: controller.visibility(),
      selection: state.view.selection,
      hovered: state.hovered,
    });
    sigma.setSettings({ nodeReducer: reducers.node, edgeReducer: reducers.edge });
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
    if (
      state.revision !== previous.revision ||
      state.view !== previous.view ||
      state.hovered !== previous.hovered ||
      state.canvas !== previous.canvas ||
      state.agreement !== previous.agreement ||
      state.layout !== previous.layout
    ) {
      redraw();
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
  sigma.on('enterEdge', () => (container.style.cursor = 'pointer'));
  sigma.on('leaveEdge', () => (container.style.cursor = ''));
  sigma.on('clickNode', ({ node }) => controller.select({ type: 'node', id: node }));
  sigma.on('clickEdge', ({ edge }) => controller.select({ type: 'edge', id: edge }));
  sigma.on('clickStage', () => controller.select(null));
  sigma.on('doubleClickNode', (event) => {
    event.preventSigmaDefault();
    void controller.expand(event.node);
  });

  // Sigma follows the window's size; the stage also changes size when the console opens or closes.
  new ResizeObserver(() => {
    sigma.resize();
    sigma.refresh();
  }).observe(container);

  const view: CanvasView = {
    element,
    sigma,
    flyTo(id) {
      const data = sigma.getNodeDisplayData(id);
      if (data)
        void sigma
          .getCamera()
          .animate(
            { x: data.x, y: data.y, ratio: Math.min(sigma.getCamera().ratio, 0.6) },
            { duration: 600 },
          );
    },
    zoom(factor) {
      void sigma.getCamera().animate({ ratio: sigma.getCamera().ratio * factor }, { duration: 250 });
    },
    resetCamera() {
      void sigma.getCamera().animatedReset({ duration: 400 });
    },
  };
  redraw();
  return view;
}
