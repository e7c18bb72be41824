// Which relationship is under the pointer, found on the CPU from the drawn geometry. Sigma can pick
// edges on the GPU, but only by drawing every edge a second time into a picking framebuffer on
// every frame: on a software-rendered canvas that pass was the largest single cost of panning a
// big graph (benchmark 4). Hit-testing the pointer against the edges' segments and curves costs
// nothing until the pointer moves, then one linear pass with a bounding-box test per edge.
// All coordinates are viewport pixels (x right, y down), as sigma's framedGraphToViewport gives.

export interface Point {
  x: number;
  y: number;
}

/** One drawn relationship: its ends' centres, its curvature (0 = straight) and its half width. */
export interface EdgeShape {
  key: string;
  source: Point;
  target: Point;
  /** @sigma/edge-curve's curvature: the control point is this far off the middle, per unit of length. */
  curvature: number;
  /** Half the drawn thickness, in pixels. */
  halfWidth: number;
  /** Drawing order: on a tie, the edge drawn on top wins. */
  zIndex: number;
}

/** How near (in pixels) the pointer must come to a thin relationship to pick it. */
export const PICK_TOLERANCE = 4;

/** Points per curve when a quadratic Bézier curve is measured as a polyline. */
const CURVE_STEPS = 16;

/** Distance from p to the segment ab. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * The control point @sigma/edge-curve bends a relationship through: off the middle of source →
 * target by `curvature` × its length, to the left of the direction of travel on screen (the same
 * formula as its vertex shader and its label drawing, written for y pointing down).
 */
export function controlPoint(source: Point, target: Point, curvature: number): Point {
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  return { x: (source.x + target.x) / 2 + dy * curvature, y: (source.y + target.y) / 2 - dx * curvature };
}

/** A point of the quadratic Bézier curve a → c → b at t in [0, 1]. */
export function curvePoint(a: Point, c: Point, b: Point, t: number): Point {
  const u = 1 - t;
  return { x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y };
}

/** Distance from p to the drawn centre line of an edge (a segment, or a curve as a fine polyline). */
export function distanceToEdge(
  p: Point,
  edge: EdgeShape,
  control = edge.curvature === 0 ? null : controlPoint(edge.source, edge.target, edge.curvature),
): number {
  if (control === null) return distanceToSegment(p, edge.source, edge.target);
  let best = Infinity;
  let previous = edge.source;
  for (let step = 1; step <= CURVE_STEPS; step++) {
    const next = curvePoint(edge.source, control, edge.target, step / CURVE_STEPS);
    best = Math.min(best, distanceToSegment(p, previous, next));
    previous = next;
  }
  return best;
}

/**
 * The edge under `p`: the one whose centre line is nearest, if that is within its half width or
 * `tolerance` pixels (whichever is larger). Each edge is first tested against its bounding box
 * (a curve lies inside the triangle of its ends and control point), so most cost a few comparisons.
 */
export function edgeAtPoint(p: Point, edges: Iterable<EdgeShape>, tolerance = PICK_TOLERANCE): string | null {
  let best: EdgeShape | null = null;
  let bestDistance = Infinity;
  for (const edge of edges) {
    const reach = Math.max(edge.halfWidth, tolerance);
    const { source, target } = edge;
    let minX = Math.min(source.x, target.x);
    let maxX = Math.max(source.x, target.x);
    let minY = Math.min(source.y, target.y);
    let maxY = Math.max(source.y, target.y);
    const control = edge.curvature === 0 ? null : controlPoint(source, target, edge.curvature);
    if (control) {
      minX = Math.min(minX, control.x);
      maxX = Math.max(maxX, control.x);
      minY = Math.min(minY, control.y);
      maxY = Math.max(maxY, control.y);
    }
    if (p.x < minX - reach || p.x > maxX + reach || p.y < minY - reach || p.y > maxY + reach) continue;
    const distance = distanceToEdge(p, edge, control);
    if (distance > reach) continue;
    if (distance < bestDistance || (distance === bestDistance && best && edge.zIndex > best.zIndex)) {
      best = edge;
      bestDistance = distance;
    }
  }
  return best?.key ?? null;
}
