// Pointer events on relationships without sigma's GPU picking pass (see core/picking): the drawn
// edges' geometry is read from sigma's display data when the pointer first needs it after a
// render, and the pointer is hit-tested against it at most once per animation frame. Hovering a
// node takes precedence, as in sigma; `edgeAt` tells what a click on the stage landed on.

import type Sigma from 'sigma';
import type { MouseCoords } from 'sigma/types';
import { EDGE_PROGRAM } from '../core/appearance/index.ts';
import type { EdgeAttributes, NodeAttributes } from '../core/dataset/index.ts';
import { edgeAtPoint, type EdgeShape, type Point } from '../core/picking/index.ts';

export interface EdgePointerHandlers {
  enter(edge: string): void;
  leave(edge: string): void;
}

const CURVED_PROGRAMS = new Set<string>([EDGE_PROGRAM.curved, EDGE_PROGRAM.curvedLine]);

/** The relationships as sigma last drew them, in viewport pixels. */
export function drawnEdgeShapes(sigma: Sigma<NodeAttributes, EdgeAttributes>): EdgeShape[] {
  const positions = new Map<string, Point | null>();
  const at = (node: string): Point | null => {
    let point = positions.get(node);
    if (point === undefined) {
      const data = sigma.getNodeDisplayData(node);
      point = data && !data.hidden ? sigma.framedGraphToViewport(data) : null;
      positions.set(node, point);
    }
    return point;
  };
  const minThickness = sigma.getSetting('minEdgeThickness');
  const shapes: EdgeShape[] = [];
  sigma.getGraph().forEachEdge((key, _attributes, sourceNode, targetNode) => {
    const data = sigma.getEdgeDisplayData(key) as
      (ReturnType<typeof sigma.getEdgeDisplayData> & { curvature?: number }) | undefined;
    if (!data || data.hidden) return;
    const source = at(sourceNode);
    const target = at(targetNode);
    if (!source || !target) return;
    shapes.push({
      key,
      source,
      target,
      curvature: data.type && CURVED_PROGRAMS.has(data.type) ? (data.curvature ?? 0) : 0,
      halfWidth: Math.max(sigma.scaleSize(data.size), minThickness) / 2,
      zIndex: data.zIndex,
    });
  });
  return shapes;
}

export function installEdgePicking(
  sigma: Sigma<NodeAttributes, EdgeAttributes>,
  handlers: EdgePointerHandlers,
): { edgeAt(point: Point): string | null } {
  let shapes: EdgeShape[] | null = null;
  let hoveredNode: string | null = null;
  let hoveredEdge: string | null = null;
  let pending: Point | null = null;
  let frame = 0;
  const captor = sigma.getMouseCaptor();

  // Any render may have moved the camera, the nodes or what is shown: measure again when needed.
  sigma.on('afterRender', () => (shapes = null));
  const pick = (point: Point) => edgeAtPoint(point, (shapes ??= drawnEdgeShapes(sigma)));

  const hover = (edge: string | null) => {
    if (edge === hoveredEdge) return;
    if (hoveredEdge) handlers.leave(hoveredEdge);
    hoveredEdge = edge;
    if (edge) handlers.enter(edge);
  };

  sigma.on('enterNode', ({ node }) => {
    hoveredNode = node;
    hover(null);
  });
  sigma.on('leaveNode', () => (hoveredNode = null));
  sigma.on('leaveStage', () => hover(null));

  captor.on('mousemove', (coords: MouseCoords) => {
    // Not while dragging the stage: the picture moves under the pointer on every frame.
    if (captor.isMouseDown || hoveredNode) return;
    const first = pending === null;
    pending = { x: coords.x, y: coords.y };
    if (!first) return;
    frame = requestAnimationFrame(() => {
      const point = pending;
      pending = null;
      if (point && !captor.isMouseDown && !hoveredNode) hover(pick(point));
    });
  });
  sigma.on('kill', () => cancelAnimationFrame(frame));

  return { edgeAt: pick };
}
