// One sigma node program for every kind's shape (model/kinds.ts): circles, squares, diamonds and
// triangles in a single draw call. Each node is a quad around its centre; the fragment shader
// keeps the pixels inside the node's shape (given per node as a number) and smooths its border.
// One program rather than one per shape matters on the first frame: every program drawn is
// compiled for the GPU (on a software renderer, on the CPU, a noticeable wait per program), and
// sigma draws each program twice, once more for picking.
// Sizes match sigma's circle program: a circle of radius 2 × size (in sigma's size units); the
// square circumscribes that circle, and the diamond and triangle reach √2 times as far, as the
// square, diamond and triangle programs of @sigma/node-square this replaces did.

import { drawDiscNodeHover, NodeProgram, type NodeProgramType, type ProgramInfo } from 'sigma/rendering';
import { drawSquareNodeHover } from '@sigma/node-square';
import type { NodeDisplayData, RenderParams } from 'sigma/types';
import { floatColor } from 'sigma/utils';
import { NODE_PROGRAM, type Shape } from '../core/appearance/index.ts';

/** The shape codes the shaders know. */
export const SHAPE_CODE: Record<Shape, number> = { circle: 0, square: 1, diamond: 2, triangle: 3 };

// language=GLSL
const VERTEX_SHADER = /* glsl */ `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec2 a_position;
attribute float a_size;
attribute float a_shape;
attribute vec2 a_corner;

uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_correctionRatio;

varying vec4 v_color;
varying vec2 v_offset;
varying float v_shape;
varying float v_feather;

const float bias = 255.0 / 254.0;

void main() {
  // The unit: the circle's radius. Diamonds and triangles reach √2 units from the centre.
  float unit = a_size * u_correctionRatio / u_sizeRatio * 2.0;
  float reach = a_shape < 1.5 ? 1.0 : 1.4142136;
  v_offset = a_corner * reach;
  gl_Position = vec4((u_matrix * vec3(a_position + v_offset * unit, 1)).xy, 0, 1);
  v_shape = a_shape;
  // About two pixels of smoothing, in units (a pixel is u_correctionRatio in these coordinates).
  v_feather = u_sizeRatio / a_size;

  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif

  v_color.a *= bias;
}
`;

// language=GLSL
const FRAGMENT_SHADER = /* glsl */ `
precision highp float;

varying vec4 v_color;
varying vec2 v_offset;
varying float v_shape;
varying float v_feather;

const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);

void main(void) {
  vec2 p = v_offset;
  vec2 a = abs(p);
  float dist;
  if (v_shape < 0.5) dist = length(p) - 1.0;
  else if (v_shape < 1.5) dist = max(a.x, a.y) - 1.0;
  else if (v_shape < 2.5) dist = (a.x + a.y) / 1.4142136 - 1.0;
  else {
    // Apex up; the edges' outward normals point down, lower right and lower left.
    float d = max(-p.y, max(dot(p, vec2(0.8660254, 0.5)), dot(p, vec2(-0.8660254, 0.5))));
    dist = d / 0.7071068 - 1.0;
  }

  #ifdef PICKING_MODE
  gl_FragColor = dist > 0.0 ? transparent : v_color;
  #else
  float t = clamp(dist / v_feather + 1.0, 0.0, 1.0);
  gl_FragColor = mix(v_color, transparent, t);
  #endif
}
`;

const { UNSIGNED_BYTE, FLOAT, TRIANGLES } = WebGLRenderingContext;
const UNIFORMS = ['u_sizeRatio', 'u_correctionRatio', 'u_matrix'] as const;

/** A node's display data with the shape the reducers give it. */
type ShapedNode = NodeDisplayData & { shape?: Shape };

export class NodeShapeProgram extends NodeProgram<(typeof UNIFORMS)[number]> {
  // Hover boxes as the shapes' own programs drew them: square boxes for squares, round otherwise.
  override drawHover: NodeProgramType['prototype']['drawHover'] = (context, data, settings) =>
    (data as ShapedNode).shape === 'square'
      ? drawSquareNodeHover(context, data, settings)
      : drawDiscNodeHover(context, data, settings);

  getDefinition() {
    return {
      VERTICES: 6,
      VERTEX_SHADER_SOURCE: VERTEX_SHADER,
      FRAGMENT_SHADER_SOURCE: FRAGMENT_SHADER,
      METHOD: TRIANGLES,
      UNIFORMS,
      ATTRIBUTES: [
        { name: 'a_position', size: 2, type: FLOAT },
        { name: 'a_size', size: 1, type: FLOAT },
        { name: 'a_shape', size: 1, type: FLOAT },
        { name: 'a_color', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_id', size: 4, type: UNSIGNED_BYTE, normalized: true },
      ],
      CONSTANT_ATTRIBUTES: [{ name: 'a_corner', size: 2, type: FLOAT }],
      // Two triangles covering the square from (-1, -1) to (1, 1).
      CONSTANT_DATA: [
        [-1, -1],
        [1, -1],
        [1, 1],
        [-1, -1],
        [1, 1],
        [-1, 1],
      ],
    };
  }

  processVisibleItem(nodeIndex: number, startIndex: number, data: NodeDisplayData): void {
    const array = this.array;
    array[startIndex++] = data.x;
    array[startIndex++] = data.y;
    array[startIndex++] = data.size;
    array[startIndex++] = SHAPE_CODE[(data as ShapedNode).shape ?? 'circle'];
    array[startIndex++] = floatColor(data.color);
    array[startIndex++] = nodeIndex;
  }

  setUniforms(params: RenderParams, { gl, uniformLocations }: ProgramInfo): void {
    gl.uniform1f(uniformLocations.u_sizeRatio!, params.sizeRatio);
    gl.uniform1f(uniformLocations.u_correctionRatio!, params.correctionRatio);
    gl.uniformMatrix3fv(uniformLocations.u_matrix!, false, params.matrix);
  }
}

/** Sigma's nodeProgramClasses: the one program, under the name core/appearance gives it. */
export const NODE_PROGRAM_CLASSES: Record<string, NodeProgramType> = { [NODE_PROGRAM]: NodeShapeProgram };
