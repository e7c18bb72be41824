// Picking relationships under the pointer on the CPU (core/picking): straight ones by their
// segment, curved ones along the curve @sigma/edge-curve draws, the nearest winning.

import { describe, expect, it } from 'vitest';
import {
  controlPoint,
  curvePoint,
  distanceToSegment,
  edgeAtPoint,
  PICK_TOLERANCE,
  type EdgeShape,
} from '../../client/src/core/picking/index.ts';

const shape = (key: string, from: [number, number], to: [number, number], curvature = 0): EdgeShape => ({
  key,
  source: { x: from[0], y: from[1] },
  target: { x: to[0], y: to[1] },
  curvature,
  halfWidth: 1,
  zIndex: 1,
});

describe('picking relationships on the canvas', () => {
  it('measures the distance to a segment, clamped at its ends', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(distanceToSegment({ x: 13, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
  });

  it('bends a curve to the left of its direction on screen, as @sigma/edge-curve draws it', () => {
    // Left to right on screen (y down): the control point is above the line.
    const control = controlPoint({ x: 0, y: 0 }, { x: 100, y: 0 }, 0.25);
    expect(control).toEqual({ x: 50, y: -25 });
    expect(curvePoint({ x: 0, y: 0 }, control, { x: 100, y: 0 }, 0.5)).toEqual({ x: 50, y: -12.5 });
  });

  it('picks the relationship under the pointer, within a few pixels, and nothing elsewhere', () => {
    const edges = [shape('straight', [0, 0], [100, 0]), shape('other', [0, 50], [100, 50])];
    expect(edgeAtPoint({ x: 40, y: 2 }, edges)).toBe('straight');
    expect(edgeAtPoint({ x: 40, y: 47 }, edges)).toBe('other');
    expect(edgeAtPoint({ x: 40, y: 25 }, edges)).toBeNull();
    expect(edgeAtPoint({ x: 40, y: PICK_TOLERANCE + 0.5 }, edges)).toBeNull();
  });

  it('tells the curves of a fan apart from each other and from the straight one between them', () => {
    const fan = [
      shape('left', [0, 0], [100, 0], 0.25),
      shape('middle', [0, 0], [100, 0]),
      shape('right', [0, 0], [100, 0], -0.25),
    ];
    expect(edgeAtPoint({ x: 50, y: -12.5 }, fan)).toBe('left');
    expect(edgeAtPoint({ x: 50, y: 0.5 }, fan)).toBe('middle');
    expect(edgeAtPoint({ x: 50, y: 12 }, fan)).toBe('right');
    // Inside the fan's bounding box but between the curves: nothing.
    expect(edgeAtPoint({ x: 50, y: -6 }, fan)).toBeNull();
  });

  it('honours a thick relationship’s width and prefers the one drawn on top on a tie', () => {
    const thick = { ...shape('thick', [0, 0], [100, 0]), halfWidth: 8 };
    expect(edgeAtPoint({ x: 50, y: 7 }, [thick])).toBe('thick');
    const under = shape('under', [0, 0], [100, 0]);
    const over = { ...shape('over', [0, 0], [100, 0]), zIndex: 3 };
    expect(edgeAtPoint({ x: 50, y: 1 }, [under, over])).toBe('over');
  });
});
