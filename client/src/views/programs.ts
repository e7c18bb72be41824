// Sigma node programs for the kinds' shapes (model/kinds.ts): circles and squares come with sigma
// and @sigma/node-square; diamonds and triangles reuse the square program's shaders with other
// corner angles (the vertex shader places each corner at an angle around the node's centre).

import { NodeSquareProgram } from '@sigma/node-square';
import { NodeCircleProgram, type NodeProgramType } from 'sigma/rendering';
import { NODE_PROGRAM, type Shape } from '../core/appearance/index.ts';

const PI = Math.PI;

class NodeDiamondProgram extends NodeSquareProgram {
  override getDefinition() {
    return { ...super.getDefinition(), CONSTANT_DATA: [[0], [PI / 2], [-PI / 2], [PI / 2], [-PI / 2], [PI]] };
  }
}

class NodeTriangleProgram extends NodeSquareProgram {
  override getDefinition() {
    const top = PI / 2;
    return {
      ...super.getDefinition(),
      VERTICES: 3,
      CONSTANT_DATA: [[top], [top + (2 * PI) / 3], [top + (4 * PI) / 3]],
    };
  }
}

const PROGRAM_OF_SHAPE: Record<Shape, NodeProgramType> = {
  circle: NodeCircleProgram,
  square: NodeSquareProgram,
  diamond: NodeDiamondProgram,
  triangle: NodeTriangleProgram,
};

/** Sigma's nodeProgramClasses: each shape's program under the name core/appearance gives it. */
export const NODE_PROGRAM_CLASSES: Record<string, NodeProgramType> = Object.fromEntries(
  (Object.keys(PROGRAM_OF_SHAPE) as Shape[]).map((shape) => [NODE_PROGRAM[shape], PROGRAM_OF_SHAPE[shape]]),
);
