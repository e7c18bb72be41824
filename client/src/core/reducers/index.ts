// Visual state as sigma reducers: filters and hidden nodes hide, hover and selection highlight a
// neighbourhood and dim the rest, parallel edges curve (up to a fan of 2 × MAX_FAN + 1). The graph
// is never touched; the reducers read it and the current render state, and return display data.

import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import {
  curvature,
  DIMMED_EDGE,
  DIMMED_NODE,
  EDGE_PROGRAM,
  edgeColor,
  edgeThickness,
  edgeLabel,
  isTie,
  nodeColor,
  NODE_PROGRAM,
  nodeShape,
  nodeSize,
  shortLabel,
  suggestedColor,
  tieThickness,
  type Shape,
} from '../appearance/index.ts';
import type { EdgeAttributes, NodeAttributes, StanceGraph } from '../dataset/index.ts';
import type { Visibility } from '../filters/index.ts';
import type { Selection } from '../view/index.ts';

export interface RenderState {
  visibility: Visibility;
  selection: Selection | null;
  hovered: string | null;
}

/** The nodes to keep bright: the hovered node (or else the selection) and its neighbours. */
export function focusSet(graph: StanceGraph, state: RenderState): Set<string> | null {
  const { hovered, selection } = state;
  if (hovered && graph.hasNode(hovered)) return new Set([hovered, ...graph.neighbors(hovered)]);
  if (selection?.type === 'node' && graph.hasNode(selection.id)) {
    return new Set([selection.id, ...graph.neighbors(selection.id)]);
  }
  if (selection?.type === 'edge' && graph.hasEdge(selection.id))
    return new Set(graph.extremities(selection.id));
  return null;
}

/**
 * The most parallel relationships drawn on each side of a pair's fan (so at most 2 × MAX_FAN + 1
 * between two nodes). An actor who took the same position in two hundred reports would otherwise
 * get two hundred curves on top of each other: no more readable, and each curve covers a large
 * area that the GPU fills pixel by pixel. The others stay in the graph, the panels, the counts,
 * the filters and the exports; selecting one from a panel draws it.
 */
export const MAX_FAN = 4;

type NodeDisplay = NodeDisplayData & { shape: Shape };
type NodeReducer = (node: string, data: NodeAttributes) => Partial<NodeDisplay>;
type EdgeReducer = (edge: string, data: EdgeAttributes) => Partial<EdgeDisplayData & { curvature: number }>;

/**
 * Reducers for one render state. `createReducers` is called again whenever the state changes, so
 * the focus set is computed once per change rather than once per node.
 */
export function createReducers(
  graph: StanceGraph,
  state: RenderState,
): { node: NodeReducer; edge: EdgeReducer } {
  const focus = focusSet(graph, state);
  const selectedNode = state.selection?.type === 'node' ? state.selection.id : null;
  const selectedEdge = state.selection?.type === 'edge' ? state.selection.id : null;
  const focusNode = state.hovered ?? selectedNode;

  const node: NodeReducer = (key, data) => {
    if (!state.visibility.nodes.has(key)) return { x: data.x, y: data.y, hidden: true };
    const display: Partial<NodeDisplay> = {
      x: data.x,
      y: data.y,
      label: shortLabel(data.label),
      size: nodeSize(graph.degree(key)),
      color: nodeColor(data.kind),
      type: NODE_PROGRAM,
      shape: nodeShape(data.kind),
      zIndex: 1,
    };
    if (focus && !focus.has(key)) return { ...display, color: DIMMED_NODE, label: null, zIndex: 0 };
    if (focus) display.zIndex = 2;
    if (key === selectedNode || key === state.hovered) {
      return { ...display, highlighted: true, forceLabel: true, zIndex: 3 };
    }
    if (focus) display.forceLabel = true;
    return display;
  };

  const edge: EdgeReducer = (key, data) => {
    if (!state.visibility.edges.has(key)) return { hidden: true };
    const index = data.parallelIndex;
    const maxIndex = data.parallelMaxIndex;
    const curved = typeof index === 'number' && typeof maxIndex === 'number';
    if (curved && Math.abs(index) > MAX_FAN && key !== selectedEdge) return { hidden: true };
    const tie = isTie(data.type);
    const suggested = data.status === 'suggested';
    const display: Partial<EdgeDisplayData & { curvature: number }> = {
      color: suggested ? suggestedColor(edgeColor(data.type)) : edgeColor(data.type),
      size: tie ? tieThickness(data.weight) : edgeThickness(data.type, data.count) * (suggested ? 0.6 : 1),
      type: tie
        ? curved
          ? EDGE_PROGRAM.curvedLine
          : EDGE_PROGRAM.line
        : curved
          ? EDGE_PROGRAM.curved
          : EDGE_PROGRAM.straight,
      curvature: curved ? curvature(index, Math.min(maxIndex, MAX_FAN)) : 0,
      label: null,
      zIndex: 1,
    };
    if (key === selectedEdge) {
      return {
        ...display,
        size: (display.size ?? 1) * 2.5,
        label: edgeLabel(data.type, data.count),
        zIndex: 3,
      };
    }
    if (focus) {
      const incident = focusNode !== null && graph.hasExtremity(key, focusNode);
      // Verbs label the hovered node's edges only: on a selection they would crowd the picture.
      return incident
        ? { ...display, label: state.hovered ? edgeLabel(data.type, data.count) : null, zIndex: 2 }
        : { ...display, color: DIMMED_EDGE, zIndex: 0 };
    }
    return display;
  };

  return { node, edge };
}
